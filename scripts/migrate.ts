/**
 * `npm run db:migrate`: applies the migrations in drizzle/ to the configured database
 * (DATABASE_URL, or PGlite in PGLITE_DIR). Run it on every deploy, before the new version serves
 * requests: the app itself never migrates, it refuses to run on a schema older than its own.
 * Safe to run from several deploys at once (PostgreSQL: an advisory lock serialises them).
 */
async function main() {
  const { env } = await import("../lib/env");
  const { closeDb, migrateDatabase } = await import("../lib/db/client");
  try {
    await migrateDatabase();
  } finally {
    await closeDb();
  }
  console.log(`migrations applied (${env.database.kind === "postgres" ? "PostgreSQL" : `PGlite in ${env.database.dir}`})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
