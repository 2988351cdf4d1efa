/**
 * Migrations run on deploy (`npm run db:migrate`), never from a request: a database that has not
 * applied this build's migrations is refused with a message saying what to run; migrating is
 * idempotent and, on PostgreSQL, safe from several deploys at once. Runs on a database of its own
 * (PGlite in memory, or a fresh database on the PostgreSQL server in the PostgreSQL pass).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import journal from "@/drizzle/meta/_journal.json";
import { assertSchemaCurrent, DatabaseNotMigratedError, openDatabase, type Connection } from "@/lib/db/client";
import { resources } from "@/lib/db/schema";
import type { DatabaseConfig } from "@/lib/env";
import { createTestDatabase, postgresServerUrl } from "./support/database";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let config: DatabaseConfig;
let connection: Connection;

beforeAll(async () => {
  database = await createTestDatabase();
  config = database ? { kind: "postgres", url: database.url, poolMax: 4, prepare: true } : { kind: "pglite", dir: "memory://" };
  connection = await openDatabase(config);
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

describe("a database this build has not migrated", () => {
  it("is refused, saying what to run", async () => {
    await expect(assertSchemaCurrent(connection.db)).rejects.toThrow(DatabaseNotMigratedError);
    await expect(assertSchemaCurrent(connection.db)).rejects.toThrow(
      new RegExp(`not migrated .* \\(missing ${journal.entries.at(-1)!.tag}\\): run \`npm run db:migrate\``),
    );
  });
});

describe("npm run db:migrate", () => {
  it("brings it to the current schema, and running it again changes nothing", async () => {
    await connection.migrate();
    await expect(assertSchemaCurrent(connection.db)).resolves.toBeUndefined();
    await connection.db.insert(resources).values({
      kind: "api",
      path: "/api/migrated",
      title: "Migrated",
      description: "",
      price: 1n,
      accessSeconds: 0,
      network: "eip155:31337",
      asset: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      payTo: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
      mimeType: "application/json",
    });
    await connection.migrate();
    expect(await connection.db.$count(resources)).toBe(1);
  });

  it.runIf(postgresServerUrl !== undefined)("on PostgreSQL, several deploys migrating at once take turns", async () => {
    const [first, second] = await Promise.all([openDatabase(config), openDatabase(config)]);
    try {
      await Promise.all([first.migrate(), second.migrate()]);
      const applied = await first.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect([...(applied as unknown as { n: number }[])][0]?.n).toBe(journal.entries.length);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
