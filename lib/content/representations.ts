/**
 * The same article URL for people and programs: browsers get the HTML page, while a client that
 * asks for markdown (`Accept: text/markdown`) or JSON (`Accept: application/json`) gets the paid
 * article in that form — once it paid or holds a grant.
 */
import "server-only";
import { findPublishedArticle, findRenamedArticleSlug } from "@/lib/db/queries/articles";
import type { Resource } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { renderMarkdown } from "@/lib/content/markdown";
import { toDecimalString } from "@/lib/format/money";
import { articlePath } from "@/lib/content/slug";

export type ArticleFormat = "html" | "markdown" | "json";

const MEDIA_TYPES: Record<string, ArticleFormat> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/x-component": "html",
  "*/*": "html",
  "text/*": "html",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "application/json": "json",
};

/** The format an `Accept` header prefers (by quality, then order); HTML when nothing else is asked for. */
export function preferredFormat(accept: string | null): ArticleFormat {
  let best: { format: ArticleFormat; quality: number } | undefined;
  for (const part of (accept ?? "").split(",")) {
    const [type = "", ...params] = part.trim().toLowerCase().split(";");
    const format = MEDIA_TYPES[type.trim()];
    if (!format) continue;
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    const quality = q === undefined ? 1 : Number(q);
    if (quality > 0 && (!best || quality > best.quality)) best = { format, quality };
  }
  return best?.format ?? "html";
}

export interface Representation {
  contentType: string;
  body: string;
}

/** The paid article behind `resource` as markdown or JSON, or `undefined` when it is not an article. */
export async function articleRepresentation(resource: Resource, format: "markdown" | "json"): Promise<Representation | undefined> {
  const slug = resource.path.match(/^\/articles\/([^/]+)$/)?.[1];
  const found = slug ? await findPublishedArticle(slug) : undefined;
  if (!found || found.resource.id !== resource.id) return undefined;
  const { article } = found;
  const publishedAt = article.publishedAt!.toISOString();
  if (format === "markdown") {
    return {
      contentType: "text/markdown; charset=utf-8",
      body: `# ${article.title}\n\n*${article.author}, ${publishedAt.slice(0, 10)}*\n\n${article.teaser.trim()}\n\n${article.body.trim()}\n`,
    };
  }
  return {
    contentType: "application/json",
    body: JSON.stringify({
      url: `${env.siteUrl}${resource.path}`,
      slug: article.slug,
      title: article.title,
      author: article.author,
      publishedAt,
      coverImageUrl: article.coverImageUrl,
      teaser: article.teaser,
      body: article.body,
      // Rendered as the page renders it, for a reader's pay panel that shows a pay-per-view article in place.
      bodyHtml: renderMarkdown(article.body),
      price: { amount: resource.price.toString(), decimal: toDecimalString(resource.price), currency: "USDC" },
      accessSeconds: resource.accessSeconds,
    }),
  };
}

/** Where an article whose slug changed lives now (`/articles/<old>` → `/articles/<new>`), if `path` is such an old URL. */
export async function renamedArticlePath(path: string): Promise<string | undefined> {
  const slug = /^\/articles\/([a-z0-9-]{1,80})$/.exec(path)?.[1];
  const renamed = slug ? await findRenamedArticleSlug(slug) : undefined;
  return renamed ? articlePath(renamed) : undefined;
}
