/**
 * A clean ledger for each suite: the schema migrated (the app never migrates by itself), every
 * table emptied, the demo catalog seeded again, the in-memory catalog dropped. The process shares
 * one database (PGlite costs seconds per instance).
 */
import { sql } from "drizzle-orm";
import { getDb, migrateDatabase } from "@/lib/db/client";
import { seedDemoContent } from "@/lib/content/seed";
import { env } from "@/lib/env";
import { invalidateCatalog } from "@/lib/x402/catalog";

let migrated: Promise<void> | undefined;

export async function resetDatabase() {
  await (migrated ??= migrateDatabase());
  const db = await getDb();
  await db.execute(sql`truncate payments, payment_daily_totals, payment_status_counts, payers, articles, resources, admin_audit, siwe_nonces, siwx_nonces, rate_limits restart identity cascade`);
  await seedDemoContent(db, { network: env.network, payTo: env.payTo });
  invalidateCatalog();
  return db;
}
