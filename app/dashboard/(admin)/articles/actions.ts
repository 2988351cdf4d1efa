"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ArticleEditorState } from "@/lib/content/article-rules";
import { parseArticleForm, type ArticleFieldErrors } from "@/lib/content/article-rules";
import { currentAdmin } from "@/lib/auth/admin";
import { createArticle, findArticle, updateArticle } from "@/lib/db/queries/articles";
import { env } from "@/lib/env";
import { articlePath } from "@/lib/content/slug";
import { invalidateCatalog } from "@/lib/x402/catalog";

const SIGNED_OUT: ArticleEditorState = { status: "error", message: "Your session has ended. Sign in again to save." };
const SLUG_TAKEN: ArticleFieldErrors = { slug: "Another article already uses this slug." };
type Intent = "draft" | "publish" | "save" | "unpublish";

function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** New content and prices reach this instance's readers at once, other instances within the catalog TTL. */
function afterWrite(...slugs: string[]) {
  invalidateCatalog();
  revalidatePath("/");
  for (const slug of slugs) revalidatePath(articlePath(slug));
  revalidatePath("/dashboard", "layout");
}

export async function saveArticleAction(articleId: number | null, _state: ArticleEditorState, form: FormData): Promise<ArticleEditorState> {
  const admin = await currentAdmin();
  if (!admin) return SIGNED_OUT;
  const intent = (form.get("intent") ?? "draft") as Intent;
  const values = formValues(form);
  const parsed = parseArticleForm(values);
  if (!parsed.ok) return { status: "error", fieldErrors: parsed.fieldErrors, values };

  if (articleId === null) {
    const result = await createArticle(
      { ...parsed.value, publishedAt: intent === "publish" ? new Date() : null },
      { actor: admin.address, network: env.network.caip2, asset: env.network.usdc.address, payTo: env.payTo },
    );
    if (!result.ok) return { status: "error", fieldErrors: SLUG_TAKEN, values };
    afterWrite(result.article.slug);
    redirect(`/dashboard/articles/${result.article.id}`);
  }

  const existing = await findArticle({ id: articleId });
  if (!existing) return { status: "error", message: "This article no longer exists." };
  const current = existing.article.publishedAt;
  const publishedAt = intent === "publish" ? (current ?? new Date()) : intent === "unpublish" ? null : current;
  const result = await updateArticle(articleId, { ...parsed.value, publishedAt }, admin.address);
  if (!result.ok) {
    return result.reason === "slug_taken"
      ? { status: "error", fieldErrors: SLUG_TAKEN, values }
      : { status: "error", message: "This article no longer exists." };
  }
  if (result.change === "unchanged") return { status: "saved", message: "Nothing changed." };
  afterWrite(existing.article.slug, result.article.slug);
  const message =
    intent === "publish" && !current
      ? "Published: it is on the home page and for sale."
      : intent === "unpublish"
        ? "Unpublished: its URL answers 404 and nothing is sold."
        : "Saved.";
  return { status: "saved", message };
}
