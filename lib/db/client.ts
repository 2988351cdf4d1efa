/**
 * The one database client: PGlite on disk (default, embedded) or PostgreSQL through postgres-js
 * when DATABASE_URL is set. Both speak the same schema and apply the same `drizzle/` migrations.
 */
import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env, type DatabaseConfig } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

interface Connection {
  db: Db;
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
/** Serialises migrations when several app instances start against one PostgreSQL. */
const MIGRATION_LOCK_ID = 402_402;

async function openPglite(dir: string): Promise<Connection> {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  if (!dir.startsWith("memory://")) await mkdir(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: db as unknown as Db, close: () => client.close() };
}

async function openPostgres(url: string): Promise<Connection> {
  const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("drizzle-orm/postgres-js/migrator"),
  ]);
  // One connection, so the advisory lock and the migration share a session.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle({ client: migrator }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await migrator.end({ timeout: 5 }); // closing the session releases the lock
  }
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzle({ client: sql, schema });
  return { db: db as unknown as Db, close: () => sql.end({ timeout: 5 }) };
}

function open(config: DatabaseConfig): Promise<Connection> {
  return config.kind === "postgres" ? openPostgres(config.url) : openPglite(config.dir);
}

const state = processSingleton("db", () => ({ connection: undefined as Promise<Connection> | undefined }));

/** The process's database, opened (and migrated) on first use. */
export async function getDb(): Promise<Db> {
  state.connection ??= open(env.database).catch((error: unknown) => {
    state.connection = undefined; // let the next call retry
    throw error;
  });
  return (await state.connection).db;
}

export async function closeDb(): Promise<void> {
  const connection = state.connection;
  state.connection = undefined;
  if (connection) await (await connection).close();
}
