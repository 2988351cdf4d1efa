/**
 * `npm run content:import -- <folder>`: creates or updates the articles in a folder of markdown
 * files, matched by slug. See USAGE below, and lib/content/article-file.ts for the whole format.
 *
 * Every file is checked before anything is written: one bad file (or two files with one slug)
 * lists every problem and leaves the database untouched. Running it again on the same files
 * changes nothing. Exit codes: 0 imported, 1 invalid files (or a failed save), 2 usage.
 */
import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";

const USAGE = `Usage: npm run content:import -- <folder>

Imports every *.md file directly in <folder> (not in subfolders) as an article, by slug: new
slugs are created, known ones updated to match their file, the rest skipped.

Each file starts with frontmatter, then the markdown:

  ---
  title: Why HTTP 402?       required
  slug: why-402              default: the file name without .md
  price: 0.05                USDC (default: the site's default price)
  access: 1d                 0 (every view pays), seconds, or 30m, 12h, 7d (at most 366d)
  author: Ada Ledger         default: the site's name
  cover: /images/402.jpg     an http(s) URL or a path on this site
  published: 2026-11-02      true (default), false or draft, a date, or a date-time with its zone
  teaser: The free part.     or a <!-- more --> line between the free teaser and the paid body
  ---

The database is the app's (DATABASE_URL, or PGlite in PGLITE_DIR): with PGlite, stop the app
first (one process per data directory).`;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main() {
  const { values, positionals } = parseArgs({ options: { help: { type: "boolean", short: "h" } }, allowPositionals: true });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1) usageError(positionals.length === 0 ? "Which folder?" : "Give one folder.");
  const folder = positionals[0]!;
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) usageError(`${folder} is not a folder.`);

  const { formatContentError } = await import("../lib/content/article-file");
  const { importArticles, readArticleFolder } = await import("../lib/content/import");
  const read = await readArticleFolder(folder);
  if (!read.ok) {
    for (const error of read.errors) console.error(formatContentError(error));
    const files = new Set(read.errors.map((error) => error.file)).size;
    console.error(`${files} file${files === 1 ? "" : "s"} to fix; nothing was imported.`);
    process.exit(1);
  }
  if (read.files.length === 0) usageError(`${folder} has no .md files.`);

  const { env } = await import("../lib/env");
  const { closeDb } = await import("../lib/db/client");
  const { SYSTEM_ACTORS } = await import("../lib/db/schema");
  const { redact } = await import("./seed-ledger");
  try {
    const result = await importArticles(read.files, {
      actor: SYSTEM_ACTORS.contentImport,
      network: env.network.caip2,
      asset: env.network.usdc.address,
      payTo: env.payTo,
    });
    for (const change of ["created", "updated", "skipped"] as const) {
      console.log(`${change}: ${result[change].length > 0 ? result[change].join(", ") : "none"}`);
    }
    const target = env.database.kind === "postgres" ? redact(env.database.url) : `PGlite in ${env.database.dir}`;
    console.log(
      `${read.files.length} article${read.files.length === 1 ? "" : "s"} from ${folder} into ${target}: ` +
        `${result.created.length} created, ${result.updated.length} updated, ${result.skipped.length} skipped`,
    );
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
