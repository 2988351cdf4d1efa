/**
 * The one database client: PGlite on disk (default, embedded) or PostgreSQL through postgres-js
 * when DATABASE_URL is set. Both speak the same schema and apply the same `drizzle/` migrations.
 *
 * Migrations run on deploy (`npm run db:migrate`, which `npm run dev` runs for you), never from
 * a request: the app only checks, once per process, that the schema is the one it was built for,
 * and refuses to work on an older one (every query then fails with a message saying what to run).
 */
import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { max } from "drizzle-orm";
import { bigint, pgSchema, serial, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import journal from "@/drizzle/meta/_journal.json";
import { env, type DatabaseConfig } from "@/lib/env";
import { processSingleton } from "@/lib/server/process-singleton";
import { isMissingRelation } from "./errors";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Connection {
  db: Db;
  /** Applies the pending migrations (scripts and tests only). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
/** Serialises migrations when several deploys or instances migrate one PostgreSQL at once. */
const MIGRATION_LOCK_ID = 402_402;
/** The newest migration this build knows: the database must have applied it. */
const LATEST_MIGRATION = journal.entries.at(-1)!;

export class DatabaseNotMigratedError extends Error {
  override name = "DatabaseNotMigratedError";
}

async function openPglite(dir: string): Promise<Connection> {
  const [{ PGlite }, { drizzle }] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite")]);
  if (!dir.startsWith("memory://")) await mkdir(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle({ client, schema });
  return {
    db: db as unknown as Db,
    async migrate() {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: () => client.close(),
  };
}

async function openPostgres(config: Extract<DatabaseConfig, { kind: "postgres" }>): Promise<Connection> {
  const [{ default: postgres }, { drizzle }] = await Promise.all([import("postgres"), import("drizzle-orm/postgres-js")]);
  const client = postgres(config.url, {
    max: config.poolMax,
    prepare: config.prepare,
    // Give idle connections back soon: serverless instances sleep with their pools open.
    idle_timeout: 20,
    connect_timeout: 10,
    onnotice: () => {},
  });
  return {
    db: drizzle({ client, schema }) as unknown as Db,
    async migrate() {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      // One dedicated session, so the advisory lock and the migration share it.
      const session = postgres(config.url, { max: 1, prepare: config.prepare, onnotice: () => {} });
      try {
        await session`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migrate(drizzle({ client: session }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await session.end({ timeout: 5 }); // closing the session releases the lock
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** drizzle-kit's record of applied migrations; `created_at` is the journal's `when`. */
const appliedMigrations = pgSchema("drizzle").table("__drizzle_migrations", {
  id: serial("id").primaryKey(),
  createdAt: bigint("created_at", { mode: "number" }),
});

/** The `when` of the newest migration the database applied, or 0 on a database never migrated. */
async function appliedMigrationTime(db: Db): Promise<number> {
  try {
    const [row] = await db.select({ latest: max(appliedMigrations.createdAt) }).from(appliedMigrations);
    return Number(row?.latest ?? 0);
  } catch (error) {
    if (isMissingRelation(error)) return 0;
    throw error;
  }
}

const state = processSingleton("db", () => ({
  connection: undefined as Promise<Connection> | undefined,
  checked: undefined as Promise<void> | undefined,
}));

/** A new connection to `config`'s database, neither migrated nor checked (see getDb for the app's). */
export function openDatabase(config: DatabaseConfig): Promise<Connection> {
  return config.kind === "postgres" ? openPostgres(config) : openPglite(config.dir);
}

function connection(): Promise<Connection> {
  state.connection ??= openDatabase(env.database).catch(
    (error: unknown) => {
      state.connection = undefined; // let the next call retry
      throw error;
    },
  );
  return state.connection;
}

/** Throws DatabaseNotMigratedError unless `db` applied every migration this build knows. */
export async function assertSchemaCurrent(db: Db): Promise<void> {
  const applied = await appliedMigrationTime(db);
  if (applied < LATEST_MIGRATION.when) {
    throw new DatabaseNotMigratedError(
      `The database is not migrated to this version of the app (missing ${LATEST_MIGRATION.tag}): run \`npm run db:migrate\``,
    );
  }
}

/** The process's database, once its schema is known to be current. */
export async function getDb(): Promise<Db> {
  const { db } = await connection();
  state.checked ??= assertSchemaCurrent(db).catch((error: unknown) => {
    state.checked = undefined; // a migration may run in the meantime
    throw error;
  });
  await state.checked;
  return db;
}

/** Applies the pending migrations to the configured database (`npm run db:migrate`, dev, tests). */
export async function migrateDatabase(): Promise<void> {
  await (await connection()).migrate();
  state.checked = undefined;
}

export async function closeDb(): Promise<void> {
  const open = state.connection;
  state.connection = undefined;
  state.checked = undefined;
  if (open) await (await open).close();
}
