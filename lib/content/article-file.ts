/**
 * An article as a markdown file, the format `npm run content:import` reads (and the demo content
 * in content/ uses):
 *
 *   ---
 *   title: Why HTTP 402?          required
 *   slug: why-402                 default: the file name without .md
 *   price: 0.05                   USDC, more than 0 (default: site.defaultPrice)
 *   access: 1d                    how long a payment unlocks it: 0 (every view pays), seconds,
 *                                 or <n>m, <n>h, <n>d; at most 366d (default: site.defaultAccessSeconds)
 *   author: Ada Ledger            default: site.name
 *   cover: /images/402.jpg        an http(s) URL or a /path on this site
 *   published: 2026-11-02         true (default), false or draft, or an ISO date (2026-11-02) or
 *                                 date-time with its zone (2026-11-02T09:00:00Z); a future one schedules it
 *   teaser: The free part.        or a `<!-- more -->` line in the content (not both)
 *   ---
 *   The free teaser, in markdown…
 *
 *   <!-- more -->
 *
 *   The paid body, in markdown…
 *
 * With `teaser:` in the frontmatter, the whole content is the body. Prices, covers and lengths
 * follow the article editor's rules (lib/article-rules.ts). The frontmatter syntax is in
 * ./frontmatter.ts: `key: value` lines, every value a string. Unknown keys are errors, so a typo
 * (`prcie`) is caught rather than silently ignored. Pure: no file system, no database.
 */
import {
  coverProblem,
  MAX_AUTHOR_CHARACTERS,
  MAX_BODY_CHARACTERS,
  MAX_TEASER_CHARACTERS,
  MAX_TITLE_CHARACTERS,
} from "@/lib/content/article-rules";
import { parseUsdc } from "@/lib/format/money";
import { ACCESS_UNITS, MAX_ACCESS_SECONDS, priceField } from "@/lib/resources/rules";
import { site } from "@/lib/site";
import { slugify, slugProblem } from "@/lib/content/slug";
import { parseFrontmatter } from "./frontmatter";

/** What a file says about its article, validated. */
export interface ArticleFileData {
  slug: string;
  title: string;
  author: string;
  /** Markdown, free. */
  teaser: string;
  /** Markdown, paid. */
  body: string;
  coverImageUrl: string | null;
  /** `true`: published (now, or since it was); `false`: a draft; a date: published then (scheduled if ahead). */
  published: boolean | Date;
  /** Atomic USDC units. */
  price: bigint;
  accessSeconds: number;
}

export interface ArticleFile {
  fileName: string;
  article: ArticleFileData;
}

/** A problem with one field of one file. */
export interface ContentError {
  file: string;
  /** The frontmatter key (known or not), `body`, or `frontmatter` for a line that is not `key: value`. */
  field: string;
  message: string;
}

export type ParsedArticleFile = { ok: true; article: ArticleFileData } | { ok: false; errors: ContentError[] };

/** Values for the fields a file leaves out. */
export interface ArticleDefaults {
  price: bigint;
  accessSeconds: number;
  author: string;
}

export const SITE_ARTICLE_DEFAULTS: ArticleDefaults = {
  price: parseUsdc(site.defaultPrice),
  accessSeconds: site.defaultAccessSeconds,
  author: site.name,
};

const FIELDS = ["title", "slug", "price", "access", "author", "cover", "published", "teaser"] as const;
type Field = (typeof FIELDS)[number];

const MORE = /^\s*<!--\s*more\s*-->\s*$/;

export function formatContentError(error: ContentError): string {
  return `${error.file}: ${error.field}: ${error.message}`;
}

/** Validates one file; every problem is reported, not only the first. */
export function parseArticleFile(fileName: string, text: string, defaults: ArticleDefaults = SITE_ARTICLE_DEFAULTS): ParsedArticleFile {
  const frontmatter = parseFrontmatter(text);
  if (!frontmatter.ok) {
    return {
      ok: false,
      errors: frontmatter.errors.map((error) => ({ file: fileName, field: error.key ?? "frontmatter", message: `line ${error.line}: ${error.message}` })),
    };
  }

  const errors: ContentError[] = [];
  const fail = (field: string, message: string) => errors.push({ file: fileName, field, message });
  const given = new Map<Field, string>();
  for (const [key, raw] of frontmatter.fields) {
    const value = raw.trim();
    if (!isField(key)) fail(key, `unknown field (the fields are ${FIELDS.join(", ")})`);
    else if (value === "") fail(key, "empty: give it a value or remove the line");
    else given.set(key, value);
  }
  const take = <T>(field: Field, check: Check<T>): T | undefined => {
    if ("value" in check) return check.value;
    fail(field, check.problem);
    return undefined;
  };

  const title = given.get("title");
  if (!frontmatter.fields.has("title")) fail("title", "required");
  else if (title && title.length > MAX_TITLE_CHARACTERS) fail("title", `longer than ${MAX_TITLE_CHARACTERS} characters`);
  const author = given.get("author") ?? defaults.author;
  if (author.length > MAX_AUTHOR_CHARACTERS) fail("author", `longer than ${MAX_AUTHOR_CHARACTERS} characters`);
  const slug = take("slug", checkSlug(given.get("slug"), fileName));
  const price = take("price", checkPrice(given.get("price"), defaults.price));
  const accessSeconds = take("access", checkAccess(given.get("access"), defaults.accessSeconds));
  const coverImageUrl = take("cover", checkCover(given.get("cover")));
  const published = take("published", checkPublished(given.get("published")));
  // An empty `teaser:` is reported above; splitting the content would only add a second error.
  const teaserEmpty = frontmatter.fields.has("teaser") && !given.has("teaser");
  const parts = teaserEmpty ? undefined : splitContent(frontmatter.content, given.get("teaser"), fail);

  if (
    errors.length > 0 ||
    title === undefined ||
    slug === undefined ||
    price === undefined ||
    accessSeconds === undefined ||
    coverImageUrl === undefined ||
    published === undefined ||
    parts === undefined
  ) {
    return { ok: false, errors };
  }
  return { ok: true, article: { slug, title, author, ...parts, coverImageUrl, published, price, accessSeconds } };
}

/** One error per file whose slug an earlier file already has: slugs are the import's keys. */
export function duplicateSlugErrors(files: ArticleFile[]): ContentError[] {
  const firstFile = new Map<string, string>();
  const errors: ContentError[] = [];
  for (const { fileName, article } of files) {
    const first = firstFile.get(article.slug);
    if (first === undefined) firstFile.set(article.slug, fileName);
    else errors.push({ file: fileName, field: "slug", message: `"${article.slug}" is also the slug of ${first}` });
  }
  return errors;
}

type Check<T> = { value: T } | { problem: string };

function isField(key: string): key is Field {
  return (FIELDS as readonly string[]).includes(key);
}

function checkSlug(text: string | undefined, fileName: string): Check<string> {
  if (text !== undefined) {
    const problem = slugProblem(text);
    return problem ? { problem } : { value: text };
  }
  const stem = fileName.replace(/\.md$/, "");
  const problem = slugProblem(stem);
  if (!problem) return { value: stem };
  const suggestion = slugify(stem);
  return { problem: `the file name "${stem}" is not a slug (${problem}); rename the file or add "slug: ${suggestion || "…"}"` };
}

function checkPrice(text: string | undefined, fallback: bigint): Check<bigint> {
  if (text === undefined) return { value: fallback };
  const parsed = priceField.safeParse(text);
  return parsed.success ? { value: parsed.data } : { problem: parsed.error.issues[0]!.message };
}

const ACCESS = /^(\d{1,9})([mhd]?)$/;
const ACCESS_UNIT_SECONDS: Record<string, number> = { "": 1, m: ACCESS_UNITS.minutes, h: ACCESS_UNITS.hours, d: ACCESS_UNITS.days };

function checkAccess(text: string | undefined, fallback: number): Check<number> {
  if (text === undefined) return { value: fallback };
  const match = ACCESS.exec(text);
  if (!match) return { problem: `"${text}" is not an access window (use 0, seconds like 3600, or 30m, 12h, 7d)` };
  const seconds = Number(match[1]) * ACCESS_UNIT_SECONDS[match[2]!]!;
  if (seconds > MAX_ACCESS_SECONDS) return { problem: `at most ${MAX_ACCESS_SECONDS / ACCESS_UNITS.days}d (one year)` };
  return { value: seconds };
}

function checkCover(text: string | undefined): Check<string | null> {
  if (text === undefined) return { value: null };
  const problem = coverProblem(text);
  return problem ? { problem } : { value: text };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/;

function checkPublished(text: string | undefined): Check<boolean | Date> {
  if (text === undefined || text === "true") return { value: true };
  if (text === "false" || text === "draft") return { value: false };
  const match = ISO_DATE.exec(text);
  if (match) {
    const [, year, month, day] = match.map(Number);
    // Date rolls impossible days over (2026-02-30 → March 2): refuse them instead.
    const calendar = new Date(Date.UTC(year!, month! - 1, day!));
    if (calendar.getUTCMonth() === month! - 1 && calendar.getUTCDate() === day) return { value: new Date(text) };
    return { problem: `${text.slice(0, 10)} is not a day of the calendar` };
  }
  return {
    problem: `"${text}" is not true, false, draft or an ISO date (2026-11-02, or 2026-11-02T09:00:00Z: a date-time needs its zone)`,
  };
}

/** The teaser and body: from `teaser:` and the whole content, or the content split at `<!-- more -->`. */
function splitContent(
  content: string,
  teaserField: string | undefined,
  fail: (field: string, message: string) => void,
): { teaser: string; body: string } | undefined {
  const lines = content.split("\n");
  const markers = lines.filter((line) => MORE.test(line)).length;
  let teaser: string;
  let body: string;
  if (teaserField !== undefined) {
    if (markers > 0) {
      fail("teaser", 'given twice, as "teaser:" and as a "<!-- more -->" line: keep one');
      return undefined;
    }
    teaser = teaserField;
    body = content.trim();
  } else if (markers === 1) {
    const at = lines.findIndex((line) => MORE.test(line));
    teaser = lines.slice(0, at).join("\n").trim();
    body = lines.slice(at + 1).join("\n").trim();
  } else {
    fail(
      "teaser",
      markers === 0
        ? 'missing: add "teaser: …" to the frontmatter, or a "<!-- more -->" line between the free teaser and the paid body'
        : `${markers} "<!-- more -->" lines: keep one, between the free teaser and the paid body`,
    );
    return undefined;
  }
  const teaserProblem = teaser === "" ? "empty: write the free part before <!-- more -->" : tooLong(teaser, MAX_TEASER_CHARACTERS);
  const bodyProblem =
    body === "" ? "empty: the paid part (after the frontmatter, or after <!-- more -->) is missing" : tooLong(body, MAX_BODY_CHARACTERS);
  if (teaserProblem) fail("teaser", teaserProblem);
  if (bodyProblem) fail("body", bodyProblem);
  return teaserProblem || bodyProblem ? undefined : { teaser, body };
}

function tooLong(text: string, max: number): string | undefined {
  return text.length > max ? `${text.length.toLocaleString("en-US")} characters: keep it under ${max.toLocaleString("en-US")}` : undefined;
}
