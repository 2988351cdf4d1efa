import "server-only";
import { and, desc, eq, isNotNull, lte, sql } from "drizzle-orm";
import { cache } from "react";
import { markdownToPlainText } from "@/lib/content/markdown";
import { articlePath } from "@/lib/content/slug";
import { getDb, type Db } from "../client";
import { isUniqueViolation } from "../errors";
import { adminAudit, articleSlugRedirects, articles, resources, type Article, type Resource } from "../schema";

export interface ArticleWithResource {
  article: Article;
  resource: Resource;
}

/** Published now: a publication date that has come, on a resource that is for sale. */
const isLive = () => and(isNotNull(articles.publishedAt), lte(articles.publishedAt, sql`now()`), eq(resources.active, true));

/** The article readers may see at `slug`. Cached per request (metadata and page share it). */
export const findPublishedArticle = cache(async (slug: string): Promise<ArticleWithResource | undefined> => {
  const db = await getDb();
  const [row] = await db
    .select({ article: articles, resource: resources })
    .from(articles)
    .innerJoin(resources, eq(articles.resourceId, resources.id))
    .where(and(eq(articles.slug, slug), isLive()))
    .limit(1);
  return row;
});

/** The current slug of the live article that used to be at `slug`, if any. */
export async function findRenamedArticleSlug(slug: string): Promise<string | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ slug: articles.slug })
    .from(articleSlugRedirects)
    .innerJoin(articles, eq(articleSlugRedirects.articleId, articles.id))
    .innerJoin(resources, eq(articles.resourceId, resources.id))
    .where(and(eq(articleSlugRedirects.slug, slug), isLive()));
  return row?.slug;
}

export interface ArticleSummary {
  resourceId: number;
  slug: string;
  title: string;
  author: string;
  teaser: string;
  coverImageUrl: string | null;
  publishedAt: Date;
  price: bigint;
  accessSeconds: number;
}

/** Live articles, newest first, for the home page. */
export async function listPublishedArticles(): Promise<ArticleSummary[]> {
  const db = await getDb();
  const rows = await db
    .select({
      resourceId: resources.id,
      slug: articles.slug,
      title: articles.title,
      author: articles.author,
      teaser: articles.teaser,
      coverImageUrl: articles.coverImageUrl,
      publishedAt: articles.publishedAt,
      price: resources.price,
      accessSeconds: resources.accessSeconds,
    })
    .from(articles)
    .innerJoin(resources, eq(articles.resourceId, resources.id))
    .where(isLive())
    .orderBy(desc(articles.publishedAt), desc(articles.id));
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt! }));
}

/** Every article, drafts included, for the dashboard. */
export async function listArticles(): Promise<ArticleWithResource[]> {
  const db = await getDb();
  return db
    .select({ article: articles, resource: resources })
    .from(articles)
    .innerJoin(resources, eq(articles.resourceId, resources.id))
    .orderBy(desc(sql`coalesce(${articles.publishedAt}, ${articles.updatedAt})`), desc(articles.id));
}

export async function findArticle(where: { id: number } | { slug: string }): Promise<ArticleWithResource | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ article: articles, resource: resources })
    .from(articles)
    .innerJoin(resources, eq(articles.resourceId, resources.id))
    .where("id" in where ? eq(articles.id, where.id) : eq(articles.slug, where.slug));
  return row;
}

/** What an article is made of, as the editor and the importer provide it. */
export interface ArticleInput {
  slug: string;
  title: string;
  author: string;
  /** Markdown, free. */
  teaser: string;
  /** Markdown, paid. */
  body: string;
  coverImageUrl: string | null;
  /** `null` keeps it a draft. */
  publishedAt: Date | null;
  /** Atomic USDC units. */
  price: bigint;
  accessSeconds: number;
}

export type SaveArticleResult =
  | { ok: true; article: Article; resource: Resource; change: "created" | "updated" | "unchanged" }
  | { ok: false; reason: "slug_taken" | "not_found" };

type Transaction = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** What the audit log keeps of an article: its terms and sizes (not whole texts). */
function auditView({ article, resource }: ArticleWithResource) {
  return {
    slug: article.slug,
    title: article.title,
    author: article.author,
    coverImageUrl: article.coverImageUrl,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    teaserCharacters: article.teaser.length,
    bodyCharacters: article.body.length,
    price: resource.price.toString(),
    accessSeconds: resource.accessSeconds,
  };
}

async function audit(tx: Transaction, actor: string, action: string, before: ArticleWithResource | undefined, after: ArticleWithResource) {
  await tx.insert(adminAudit).values({
    actor,
    action,
    entity: "article",
    entityId: String(after.article.id),
    before: before ? auditView(before) : null,
    after: auditView(after),
  });
}

function resourceFields(input: ArticleInput) {
  return {
    path: articlePath(input.slug),
    title: input.title,
    description: markdownToPlainText(input.teaser),
    price: input.price,
    accessSeconds: input.accessSeconds,
  };
}

/** Creates an article and the page resource that sells it, audited, in one transaction. */
export async function createArticle(
  input: ArticleInput,
  context: { actor: string; network: string; asset: string; payTo: string },
): Promise<SaveArticleResult> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      // A new article may take a slug another article once had: the old redirect gives way.
      await tx.delete(articleSlugRedirects).where(eq(articleSlugRedirects.slug, input.slug));
      const [resource] = await tx
        .insert(resources)
        .values({
          ...resourceFields(input),
          kind: "page",
          network: context.network,
          asset: context.asset,
          payTo: context.payTo,
          mimeType: "text/html",
        })
        .returning();
      const [article] = await tx
        .insert(articles)
        .values({
          resourceId: resource!.id,
          slug: input.slug,
          title: input.title,
          author: input.author,
          teaser: input.teaser,
          body: input.body,
          coverImageUrl: input.coverImageUrl,
          publishedAt: input.publishedAt,
        })
        .returning();
      const created = { article: article!, resource: resource! };
      await audit(tx, context.actor, "article.create", undefined, created);
      return { ok: true as const, ...created, change: "created" as const };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}

const ARTICLE_FIELDS = ["slug", "title", "author", "teaser", "body", "coverImageUrl"] as const;

function sameInstant(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

/**
 * Updates an article and its resource, audited, in one transaction; a no-op when nothing changes.
 * Renaming a published article keeps its old URL working: the old slug redirects to the new one.
 */
export async function updateArticle(id: number, input: ArticleInput, actor: string): Promise<SaveArticleResult> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx
        .select({ article: articles, resource: resources })
        .from(articles)
        .innerJoin(resources, eq(articles.resourceId, resources.id))
        .where(eq(articles.id, id))
        .for("update");
      if (!before) return { ok: false as const, reason: "not_found" as const };

      const unchanged =
        ARTICLE_FIELDS.every((field) => before.article[field] === input[field]) &&
        sameInstant(before.article.publishedAt, input.publishedAt) &&
        before.resource.price === input.price &&
        before.resource.accessSeconds === input.accessSeconds;
      if (unchanged) return { ok: true as const, ...before, change: "unchanged" as const };

      if (input.slug !== before.article.slug) {
        await tx.delete(articleSlugRedirects).where(eq(articleSlugRedirects.slug, input.slug));
        if (before.article.publishedAt) {
          await tx.insert(articleSlugRedirects).values({ slug: before.article.slug, articleId: id });
        }
      }
      const [resource] = await tx
        .update(resources)
        .set({ ...resourceFields(input), updatedAt: new Date() })
        .where(eq(resources.id, before.resource.id))
        .returning();
      const [article] = await tx
        .update(articles)
        .set({
          slug: input.slug,
          title: input.title,
          author: input.author,
          teaser: input.teaser,
          body: input.body,
          coverImageUrl: input.coverImageUrl,
          publishedAt: input.publishedAt,
          updatedAt: new Date(),
        })
        .where(eq(articles.id, id))
        .returning();
      const after = { article: article!, resource: resource! };
      const action =
        !before.article.publishedAt && input.publishedAt
          ? "article.publish"
          : before.article.publishedAt && !input.publishedAt
            ? "article.unpublish"
            : "article.update";
      await audit(tx, actor, action, before, after);
      return { ok: true as const, ...after, change: "updated" as const };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}
