/**
 * Demo content for a fresh install: the articles in content/ (imported like any folder of
 * articles, see ./import.ts), one paid API and a day pass. Idempotent, and it only adds what is missing:
 * an article or the API that already exists is left as the publisher made it.
 */
import "server-only";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Address } from "viem";
import type { Db } from "@/lib/db/client";
import { resources, SYSTEM_ACTORS, type NewResource } from "@/lib/db/schema";
import type { NetworkConfig } from "@/lib/networks";
import { formatContentError } from "./article-file";
import { importArticles, readArticleFolder } from "./import";
import { articlePath } from "./slug";

const DEMO_CONTENT_DIR = path.join(process.cwd(), "content");

/** A resource the seed creates when its path is missing (network, asset and payTo come from the config). */
export type DemoResource = Omit<NewResource, "network" | "asset" | "payTo">;

/** The demo's paid API and its day pass, created when missing. */
const DEMO_RESOURCES: readonly DemoResource[] = [
  {
    kind: "api",
    path: "/api/insights",
    title: "Insight of the day (API)",
    description: "A JSON insight about paid APIs, one per call",
    price: 2_000n,
    accessSeconds: 0,
    mimeType: "application/json",
  },
  {
    kind: "pass",
    path: "/passes/day",
    title: "Day pass",
    description: "Every article on the site, for 24 hours.",
    price: 200_000n,
    accessSeconds: 86_400,
    mimeType: "text/html",
  },
] as const;

/**
 * Seeds what is missing; `created` lists the paths it added. `extraResources` are sold beside the
 * demo's (the bench adds its own: bench/seed.ts).
 */
export async function seedDemoContent(
  db: Db,
  options: { network: NetworkConfig; payTo: Address; extraResources?: readonly DemoResource[] },
): Promise<{ created: string[] }> {
  const common = { network: options.network.caip2, asset: options.network.usdc.address, payTo: options.payTo };

  const folder = await readArticleFolder(DEMO_CONTENT_DIR);
  if (!folder.ok) {
    throw new Error(`The demo content in ${DEMO_CONTENT_DIR} is invalid:\n${folder.errors.map(formatContentError).join("\n")}`);
  }
  const articles = await importArticles(folder.files, { ...common, actor: SYSTEM_ACTORS.seed, existing: "keep" });
  const created = articles.created.map(articlePath);

  for (const resource of [...DEMO_RESOURCES, ...(options.extraResources ?? [])]) {
    const [existing] = await db.select({ id: resources.id }).from(resources).where(eq(resources.path, resource.path));
    if (existing) continue;
    await db.insert(resources).values({ ...common, ...resource });
    created.push(resource.path);
  }
  return { created };
}
