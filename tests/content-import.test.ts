/**
 * Importing a folder of markdown articles: created, then skipped on a second run (no writes, no
 * audit rows), updated by slug when a file changes, and refused as a whole (database untouched)
 * when any file is bad or two files share a slug. Also the demo seed, which takes the same path.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatContentError, parseArticleFile } from "@/lib/content/article-file";
import { importArticles, readArticleFolder } from "@/lib/content/import";
import type { Db } from "@/lib/db/client";
import { findArticle, updateArticle } from "@/lib/db/queries/articles";
import { seedDemoContent } from "@/lib/content/seed";
import { adminAudit, articles, resources } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { markdownToPlainText } from "@/lib/content/markdown";
import { site } from "@/lib/site";
import { resetDatabase } from "./support/db";

const CONTEXT = { actor: "test:import", network: env.network.caip2, asset: env.network.usdc.address, payTo: env.payTo };
const NOW = new Date("2026-11-20T12:00:00.000Z");
const LATER = new Date("2026-11-21T12:00:00.000Z");

const FIRST = `---
title: The first post
price: 0.02
access: 2h
---
The free *teaser*.

<!-- more -->

The paid body.
`;

const SECOND = `---
title: "Second: with a colon"
slug: second-post
author: Ed Itor
published: 2026-11-10T08:00:00Z
teaser: A one-line teaser.
---
All of this is paid.
`;

const DRAFT = `---
title: Not yet
published: draft
---
Soon.
<!-- more -->
Later.
`;

let db: Db;
let dir: string;

beforeEach(async () => {
  db = await resetDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "content-import-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
}

/** What the script does: read and check the whole folder, then import it. */
async function importFolder(now = NOW) {
  const read = await readArticleFolder(dir);
  if (!read.ok) throw new Error(read.errors.map(formatContentError).join("\n"));
  return importArticles(read.files, { ...CONTEXT, now });
}

async function rowCounts() {
  const [[a], [r], [audit]] = await Promise.all([
    db.select({ n: count() }).from(articles),
    db.select({ n: count() }).from(resources),
    db.select({ n: count() }).from(adminAudit),
  ]);
  return { articles: a!.n, resources: r!.n, audit: audit!.n };
}

const auditOf = (action: string) => db.select().from(adminAudit).where(eq(adminAudit.action, action)).orderBy(adminAudit.id);

describe("importArticles", () => {
  it("creates each article with its page resource, slugs from the file name or the frontmatter", async () => {
    await write({ "first-post.md": FIRST, "b-second.md": SECOND, "not-yet.md": DRAFT, "notes.txt": "not an article" });
    const before = await rowCounts();

    expect(await importFolder()).toEqual({ created: ["second-post", "first-post", "not-yet"], updated: [], skipped: [] });

    const first = await findArticle({ slug: "first-post" });
    expect(first?.article).toMatchObject({
      title: "The first post",
      author: site.name,
      teaser: "The free *teaser*.",
      body: "The paid body.",
      coverImageUrl: null,
      publishedAt: NOW,
    });
    expect(first?.resource).toMatchObject({
      kind: "page",
      path: "/articles/first-post",
      title: "The first post",
      description: markdownToPlainText("The free *teaser*."),
      price: 20_000n,
      accessSeconds: 7_200,
      network: CONTEXT.network,
      asset: CONTEXT.asset,
      payTo: CONTEXT.payTo,
    });
    expect((await findArticle({ slug: "second-post" }))?.article).toMatchObject({
      title: "Second: with a colon",
      author: "Ed Itor",
      teaser: "A one-line teaser.",
      body: "All of this is paid.",
      publishedAt: new Date("2026-11-10T08:00:00Z"),
    });
    expect((await findArticle({ slug: "not-yet" }))?.article.publishedAt).toBeNull();

    expect(await rowCounts()).toEqual({ articles: before.articles + 3, resources: before.resources + 3, audit: before.audit + 3 });
    const audits = await auditOf("article.create");
    expect(audits.filter((row) => row.actor === CONTEXT.actor)).toHaveLength(3);
  });

  it("is idempotent: a second run skips everything and writes nothing, not even an audit row", async () => {
    await write({ "first-post.md": FIRST, "b-second.md": SECOND, "not-yet.md": DRAFT });
    await importFolder();
    const before = await rowCounts();
    const first = await findArticle({ slug: "first-post" });

    expect(await importFolder(LATER)).toEqual({ created: [], updated: [], skipped: ["second-post", "first-post", "not-yet"] });

    expect(await rowCounts()).toEqual(before);
    // `published: true` keeps the date it was first published with.
    expect(await findArticle({ slug: "first-post" })).toEqual(first);
  });

  it("updates by slug: a changed price and body update that article only, audited", async () => {
    await write({ "first-post.md": FIRST, "b-second.md": SECOND });
    await importFolder();
    const before = await findArticle({ slug: "first-post" });
    const counts = await rowCounts();

    await write({ "first-post.md": FIRST.replace("price: 0.02", "price: 0.5").replace("The paid body.", "A longer paid body.") });
    expect(await importFolder(LATER)).toEqual({ created: [], updated: ["first-post"], skipped: ["second-post"] });

    const after = await findArticle({ slug: "first-post" });
    expect(after?.article.id).toBe(before?.article.id);
    expect(after?.article.body).toBe("A longer paid body.");
    expect(after?.article.publishedAt).toEqual(NOW);
    expect(after?.resource).toMatchObject({ id: before?.resource.id, price: 500_000n });
    expect(await rowCounts()).toEqual({ ...counts, audit: counts.audit + 1 });
    const [update] = await auditOf("article.update");
    expect(update).toMatchObject({
      actor: CONTEXT.actor,
      entityId: String(before?.article.id),
      before: { price: "20000", bodyCharacters: "The paid body.".length },
      after: { price: "500000", bodyCharacters: "A longer paid body.".length },
    });
  });

  it("publishes a draft at the time of the import that says published: true, then keeps that date", async () => {
    await write({ "not-yet.md": DRAFT });
    await importFolder();

    await write({ "not-yet.md": DRAFT.replace("published: draft", "published: true") });
    expect(await importFolder(LATER)).toEqual({ created: [], updated: ["not-yet"], skipped: [] });
    expect((await findArticle({ slug: "not-yet" }))?.article.publishedAt).toEqual(LATER);
    expect(await auditOf("article.publish")).toHaveLength(1);

    expect(await importFolder(new Date(LATER.getTime() + 86_400_000))).toEqual({ created: [], updated: [], skipped: ["not-yet"] });
    expect((await findArticle({ slug: "not-yet" }))?.article.publishedAt).toEqual(LATER);
  });

  it("updates an article edited in the dashboard back to its file", async () => {
    await write({ "first-post.md": FIRST });
    await importFolder();
    const edited = (await findArticle({ slug: "first-post" }))!;
    await updateArticle(edited.article.id, { ...edited.article, price: 1n, accessSeconds: 0 }, "dashboard");

    expect(await importFolder()).toEqual({ created: [], updated: ["first-post"], skipped: [] });
    expect((await findArticle({ slug: "first-post" }))?.resource).toMatchObject({ price: 20_000n, accessSeconds: 7_200 });
  });

  it("refuses files that share a slug before writing anything", async () => {
    await write({ "first-post.md": FIRST, "copy.md": FIRST.replace("---\ntitle", "---\nslug: first-post\ntitle") });
    const before = await rowCounts();

    const read = await readArticleFolder(dir);
    expect(read.ok || read.errors.map(formatContentError)).toEqual(['first-post.md: slug: "first-post" is also the slug of copy.md']);

    const first = parseArticleFile("first-post.md", FIRST);
    if (!first.ok) throw new Error("FIRST should parse");
    const file = (fileName: string) => ({ fileName, article: { ...first.article, slug: "same" } });
    await expect(importArticles([file("a.md"), file("b.md")], CONTEXT)).rejects.toThrow('b.md: slug: "same" is also the slug of a.md');
    expect(await rowCounts()).toEqual(before);
  });
});

describe("a folder with a bad file", () => {
  const files = {
    "first-post.md": FIRST,
    "bad.md": FIRST.replace("price: 0.02", "prcie: 0.02").replace("access: 2h", "access: forever"),
    "worse.md": "no frontmatter",
  };

  it("gives every problem, with the file and the field, and imports nothing", async () => {
    await write(files);
    const before = await rowCounts();

    const read = await readArticleFolder(dir);
    expect(read.ok || read.errors.map(formatContentError)).toEqual([
      "bad.md: prcie: unknown field (the fields are title, slug, price, access, author, cover, published, teaser)",
      'bad.md: access: "forever" is not an access window (use 0, seconds like 3600, or 30m, 12h, 7d)',
      "worse.md: frontmatter: line 1: start the file with a --- line, then the frontmatter, then another --- line",
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it("makes the script exit 1 with those lines, without opening the database", async () => {
    await write(files);
    const pgliteDir = path.join(dir, "pglite");
    const result = await runScript([dir], pgliteDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^bad\.md: prcie: unknown field/),
      expect.stringMatching(/^bad\.md: access: /),
      expect.stringMatching(/^worse\.md: frontmatter: line 1: /),
      "2 files to fix; nothing was imported.",
    ]);
    expect(existsSync(pgliteDir)).toBe(false);
  });

  it("usage errors exit 2", async () => {
    const missing = await runScript([path.join(dir, "missing")], path.join(dir, "pglite"));
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining("is not a folder.") });
    expect((await runScript([], path.join(dir, "pglite"))).code).toBe(2);
    expect(existsSync(path.join(dir, "pglite"))).toBe(false);
  });
});

describe("the demo seed", () => {
  it("imports content/ with fixed dates, newest first, and the demo API", async () => {
    const rows = await db
      .select({ slug: articles.slug, publishedAt: articles.publishedAt, price: resources.price })
      .from(articles)
      .innerJoin(resources, eq(articles.resourceId, resources.id))
      .orderBy(articles.publishedAt);
    expect(rows).toEqual([
      { slug: "how-settlement-works", publishedAt: new Date("2026-11-01T00:00:00Z"), price: 250_000n },
      { slug: "paying-without-an-account", publishedAt: new Date("2026-11-02T00:00:00Z"), price: 50_000n },
      { slug: "http-402-payment-required", publishedAt: new Date("2026-11-03T00:00:00Z"), price: 10_000n },
    ]);
    expect(await db.select({ price: resources.price }).from(resources).where(eq(resources.path, "/api/insights"))).toEqual([{ price: 2_000n }]);
  });

  it("adds only what is missing: a publisher's edits survive the next seed", async () => {
    const article = (await findArticle({ slug: "paying-without-an-account" }))!;
    await updateArticle(article.article.id, { ...article.article, price: 70_000n, accessSeconds: 60 }, "dashboard");
    const before = await rowCounts();

    expect(await seedDemoContent(db, { network: env.network, payTo: env.payTo })).toEqual({ created: [] });
    expect((await findArticle({ slug: "paying-without-an-account" }))?.resource.price).toBe(70_000n);
    expect(await rowCounts()).toEqual(before);
  });
});

const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

/** Runs `npm run content:import -- …` against PGlite in `pgliteDir`; never throws on a non-zero exit. */
async function runScript(args: string[], pgliteDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [tsxCli, "--conditions=react-server", "scripts/content-import.ts", ...args], {
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: pgliteDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
