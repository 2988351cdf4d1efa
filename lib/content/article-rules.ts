/**
 * The article editor's rules, shared by the server action (which enforces them) and the editor
 * (which explains them). No server imports.
 */
import { z } from "zod";
import { accessFields, accessProblem, accessSeconds, firstErrors, priceField, type AccessUnit } from "@/lib/resources/rules";
import { slugProblem } from "./slug";

export const MAX_TITLE_CHARACTERS = 200;
export const MAX_AUTHOR_CHARACTERS = 100;
export const MAX_TEASER_CHARACTERS = 5_000;
export const MAX_BODY_CHARACTERS = 200_000;

/** A cover image: an http(s) URL or a path on this site. */
export function coverProblem(url: string): string | undefined {
  if (url.length > 500) return "Keep the URL under 500 characters.";
  if (url.startsWith("/") && !url.startsWith("//")) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? undefined : "Use an http(s) URL or a /path.";
  } catch {
    return "Use an http(s) URL or a /path.";
  }
}

const articleForm = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "Give it a title.")
      .max(MAX_TITLE_CHARACTERS, `Keep the title under ${MAX_TITLE_CHARACTERS} characters.`),
    slug: z.string().trim(),
    author: z
      .string()
      .trim()
      .min(1, "Who wrote it?")
      .max(MAX_AUTHOR_CHARACTERS, `Keep the author under ${MAX_AUTHOR_CHARACTERS} characters.`),
    coverImageUrl: z.string().trim(),
    teaser: z
      .string()
      .trim()
      .min(1, "Write a teaser: it is what everyone can read.")
      .max(MAX_TEASER_CHARACTERS, `Keep the teaser under ${MAX_TEASER_CHARACTERS.toLocaleString("en-US")} characters.`),
    body: z
      .string()
      .trim()
      .min(1, "Write the body: it is what readers pay for.")
      .max(MAX_BODY_CHARACTERS, `Keep the body under ${MAX_BODY_CHARACTERS.toLocaleString("en-US")} characters.`),
    price: priceField,
    ...accessFields,
  })
  .superRefine((form, context) => {
    const slug = slugProblem(form.slug);
    if (slug) context.addIssue({ code: "custom", path: ["slug"], message: slug });
    const cover = form.coverImageUrl ? coverProblem(form.coverImageUrl) : undefined;
    if (cover) context.addIssue({ code: "custom", path: ["coverImageUrl"], message: cover });
    const access = accessProblem(form);
    if (access) context.addIssue({ code: "custom", path: ["accessAmount"], message: access });
  });

export type ArticleFieldErrors = Partial<Record<keyof z.input<typeof articleForm>, string>>;

export interface ArticleFormValue {
  title: string;
  slug: string;
  author: string;
  coverImageUrl: string | null;
  teaser: string;
  body: string;
  price: bigint;
  accessSeconds: number;
}

/** Validates the editor's raw values (strings, as a browser posts them). */
export function parseArticleForm(
  raw: Record<string, unknown>,
): { ok: true; value: ArticleFormValue } | { ok: false; fieldErrors: ArticleFieldErrors } {
  const parsed = articleForm.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: firstErrors(parsed.error) };
  const { accessAmount, accessUnit, coverImageUrl, ...value } = parsed.data;
  return {
    ok: true,
    value: { ...value, coverImageUrl: coverImageUrl || null, accessSeconds: accessSeconds({ accessAmount, accessUnit }) },
  };
}

export type ArticleStatus = "draft" | "scheduled" | "published";

/** A draft has no publication date; a scheduled article's date is still to come. */
export function articleStatus(article: { publishedAt: Date | null }, now = new Date()): ArticleStatus {
  if (!article.publishedAt) return "draft";
  return article.publishedAt > now ? "scheduled" : "published";
}

/** What the article editor shows and the server action answers (the form's state between submits). */
export interface ArticleEditorValues {
  title: string;
  slug: string;
  author: string;
  coverImageUrl: string;
  teaser: string;
  body: string;
  price: string;
  accessAmount: string;
  accessUnit: AccessUnit;
}

export type ArticleEditorState =
  | { status: "idle" }
  | { status: "saved"; message: string }
  | { status: "error"; message?: string; fieldErrors?: ArticleFieldErrors; values?: Partial<ArticleEditorValues> };
