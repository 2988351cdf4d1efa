/**
 * `npm run db:migrate`: applies the migrations in drizzle/ to the configured database
 * (DATABASE_URL, or PGlite in PGLITE_DIR). Run it on deploy; the app also applies them when it
 * opens the database.
 */
async function main() {
  const { env } = await import("../lib/env");
  const { closeDb, getDb } = await import("../lib/db/client");
  await getDb();
  await closeDb();
  console.log(`migrations applied (${env.database.kind === "postgres" ? "PostgreSQL" : `PGlite in ${env.database.dir}`})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
