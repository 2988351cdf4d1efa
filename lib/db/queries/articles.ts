import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { cache } from "react";
import { getDb } from "../client";
import { articles, resources, type Article, type Resource } from "../schema";

export interface ArticleWithResource {
  article: Article;
  resource: Resource;
}

/** A published article whose paid resource is active. Cached per request (metadata and page share it). */
export const findArticleBySlug = cache(async (slug: string): Promise<ArticleWithResource | undefined> => {
  const db = await getDb();
  const [row] = await db
    .select({ article: articles, resource: resources })
    .from(articles)
    .innerJoin(resources, eq(articles.resourceId, resources.id))
    .where(and(eq(articles.slug, slug), eq(resources.active, true)))
    .limit(1);
  return row;
});

export interface ArticleSummary {
  slug: string;
  title: string;
  author: string;
  teaser: string;
  publishedAt: Date;
  price: bigint;
  accessSeconds: number;
}

export async function listArticles(): Promise<ArticleSummary[]> {
  const db = await getDb();
  return db
    .select({
      slug: articles.slug,
      title: articles.title,
      author: articles.author,
      teaser: articles.teaser,
      publishedAt: articles.publishedAt,
      price: resources.price,
      accessSeconds: resources.accessSeconds,
    })
    .from(articles)
    .innerJoin(resources, eq(articles.resourceId, resources.id))
    .where(eq(resources.active, true))
    .orderBy(desc(articles.publishedAt));
}
