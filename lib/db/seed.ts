/**
 * Demo content for a fresh install: the articles in content/ (imported like any folder of
 * articles, see lib/content/) and one paid API. Idempotent, and it only adds what is missing:
 * an article or the API that already exists is left as the publisher made it.
 */
import "server-only";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Address } from "viem";
import { formatContentError } from "@/lib/content/article-file";
import { importArticles, readArticleFolder } from "@/lib/content/import";
import type { NetworkConfig } from "@/lib/networks";
import { articlePath } from "@/lib/slug";
import type { Db } from "./client";
import { resources } from "./schema";

const DEMO_CONTENT_DIR = path.join(process.cwd(), "content");

export const DEMO_API = {
  path: "/api/insights",
  title: "Insight of the day (API)",
  description: "A JSON insight about paid APIs, one per call",
  price: 2_000n,
};

/** Seeds what is missing; `created` lists the paths it added. */
export async function seedDemoContent(db: Db, options: { network: NetworkConfig; payTo: Address }): Promise<{ created: string[] }> {
  const common = { network: options.network.caip2, asset: options.network.usdc.address, payTo: options.payTo };

  const folder = await readArticleFolder(DEMO_CONTENT_DIR);
  if (!folder.ok) {
    throw new Error(`The demo content in ${DEMO_CONTENT_DIR} is invalid:\n${folder.errors.map(formatContentError).join("\n")}`);
  }
  const articles = await importArticles(folder.files, { ...common, actor: "seed", existing: "keep" });
  const created = articles.created.map(articlePath);

  const [api] = await db.select({ id: resources.id }).from(resources).where(eq(resources.path, DEMO_API.path));
  if (!api) {
    await db.insert(resources).values({
      ...common,
      kind: "api",
      path: DEMO_API.path,
      title: DEMO_API.title,
      description: DEMO_API.description,
      price: DEMO_API.price,
      accessSeconds: 0,
      mimeType: "application/json",
    });
    created.push(DEMO_API.path);
  }
  return { created };
}
