/**
 * The database of an integration run, shared by every integration project: PGlite in memory, or —
 * for the PostgreSQL pass (INTEGRATION_DATABASE=postgres) — a fresh database on the server named by
 * TEST_DATABASE_URL, dropped afterwards.
 */
import postgres from "postgres";

/** The PostgreSQL server of the PostgreSQL pass, or undefined in the PGlite pass. */
export const postgresServerUrl: string | undefined =
  process.env.INTEGRATION_DATABASE === "postgres" ? process.env.TEST_DATABASE_URL : undefined;

/** A fresh PostgreSQL database for the run (or a test), or undefined when the run uses PGlite. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const serverUrl = postgresServerUrl;
  if (!serverUrl) return undefined;
  const name = `x402_test_${Date.now()}_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** Setup file: points the app's config (lib/env.ts) at the run's database. */
export function pointAtTestDatabase(databaseUrl: string | undefined): void {
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else process.env.PGLITE_DIR = "memory://";
}
