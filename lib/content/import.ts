/**
 * Saves parsed article files to the database, matched by slug: a new slug creates the article and
 * its page resource, a known one updates them, and an article the file already describes is left
 * alone, so importing the same files again writes nothing (not even an audit row).
 *
 * Each article is saved in its own audited transaction (createArticle / updateArticle). If one
 * fails the import stops there; what was saved stays saved, and running it again carries on.
 */
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { articleStatus } from "@/lib/content/article-rules";
import { createArticle, findArticle, updateArticle, type ArticleInput } from "@/lib/db/queries/articles";
import {
  duplicateSlugErrors,
  formatContentError,
  parseArticleFile,
  type ArticleFile,
  type ArticleFileData,
  type ContentError,
} from "./article-file";

export interface ImportContext {
  /** Who the audit log says made the changes. */
  actor: string;
  network: string;
  asset: string;
  payTo: string;
  /** When `published: true` publishes an article (default: the current time). */
  now?: Date;
  /**
   * What to do with an article whose slug is already taken: make it match its file (default), or
   * leave it as it is (the demo seed, so a publisher's edits survive the next `npm run dev`).
   */
  existing?: "update" | "keep";
}

/** Slugs, in file order. */
export interface ImportResult {
  created: string[];
  updated: string[];
  skipped: string[];
}

export async function importArticles(files: ArticleFile[], context: ImportContext): Promise<ImportResult> {
  const duplicates = duplicateSlugErrors(files);
  if (duplicates.length > 0) throw new Error(duplicates.map(formatContentError).join("\n"));

  const now = context.now ?? new Date();
  const result: ImportResult = { created: [], updated: [], skipped: [] };
  for (const { fileName, article } of files) {
    const existing = await findArticle({ slug: article.slug });
    if (existing && context.existing === "keep") {
      result.skipped.push(article.slug);
      continue;
    }
    const input = articleInput(article, existing?.article ?? { publishedAt: null }, now);
    const saved = existing
      ? await updateArticle(existing.article.id, input, context.actor)
      : await createArticle(input, { actor: context.actor, network: context.network, asset: context.asset, payTo: context.payTo });
    if (!saved.ok) {
      // slug_taken: the path /articles/<slug> is already sold by a resource without an article.
      throw new Error(`${fileName}: slug: could not save "${article.slug}" (${saved.reason})`);
    }
    const bucket = { created: result.created, updated: result.updated, unchanged: result.skipped }[saved.change];
    bucket.push(article.slug);
  }
  return result;
}

/**
 * Reads and validates every `*.md` file directly in `dir`, in name order. Nothing is saved: a
 * folder with any bad file (or two files with one slug) gives every problem and no articles.
 */
export async function readArticleFolder(dir: string): Promise<{ ok: true; files: ArticleFile[] } | { ok: false; errors: ContentError[] }> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => entry.name)
    .sort();
  const files: ArticleFile[] = [];
  const errors: ContentError[] = [];
  for (const fileName of names) {
    const parsed = parseArticleFile(fileName, await readFile(path.join(dir, fileName), "utf8"));
    if (parsed.ok) files.push({ fileName, article: parsed.article });
    else errors.push(...parsed.errors);
  }
  errors.push(...duplicateSlugErrors(files));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, files };
}

/**
 * `published: true` keeps the date of an article that is already live, so re-importing does not
 * move it up the home page; it publishes a new article, a draft or a scheduled one `now`.
 */
function articleInput(article: ArticleFileData, current: { publishedAt: Date | null }, now: Date): ArticleInput {
  const { published, ...fields } = article;
  const live = articleStatus(current, now) === "published";
  const publishedAt = published === true ? (live ? current.publishedAt : now) : published === false ? null : published;
  return { ...fields, publishedAt };
}
