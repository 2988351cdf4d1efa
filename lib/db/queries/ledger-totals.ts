/**
 * Rebuilds the ledger's derived totals (`payment_daily_totals`, `payers`, `payment_status_counts`)
 * from `payments`.
 *
 * Triggers keep these tables up to date one payment at a time. A bulk load
 * (scripts/seed-ledger.ts) disables them, inserts, and calls this once: three grouped scans of the
 * ledger instead of millions of single-row upserts. The definitions match the triggers': revenue
 * counts `settled` payments only, dated by the UTC day of `coalesce(settled_at, created_at)`.
 *
 * Correct next to live traffic (at READ COMMITTED, the default): TRUNCATE takes both tables' ACCESS
 * EXCLUSIVE lock first, so a payment settling meanwhile either committed before the rebuild read the
 * ledger (and is counted by the rebuild) or waits in its trigger until the rebuild commits (and
 * then adds itself on top). Dashboard reads of the totals wait too: about 2 s at 1 M payments.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { paymentDailyTotals, payers, paymentStatusCounts } from "../schema";

export interface LedgerTotalsCounts {
  /** Rows in `payment_daily_totals` (UTC day × resource with settled revenue). */
  dailyTotals: number;
  /** Rows in `payers` (wallets with a settled payment). */
  payers: number;
  /** Rows in `payment_status_counts` (resource × status with payments). */
  statusCounts: number;
}

const count = sql`(count(*))::int`.mapWith(Number);

/** Empties and refills the three tables in one transaction. */
export async function rebuildLedgerTotals(db: Db): Promise<LedgerTotalsCounts> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`truncate table "payment_daily_totals", "payers", "payment_status_counts"`);
    await tx.execute(sql`
      insert into "payment_daily_totals" ("day", "resource_id", "settled_count", "revenue")
      select (coalesce("settled_at", "created_at") at time zone 'UTC')::date, "resource_id", count(*), sum("amount")
      from "payments"
      where "status" = 'settled'
      group by 1, 2`);
    await tx.execute(sql`
      insert into "payers" ("payer", "first_settled_at", "last_settled_at", "settled_count", "revenue")
      select "payer", min(coalesce("settled_at", "created_at")), max(coalesce("settled_at", "created_at")), count(*), sum("amount")
      from "payments"
      where "status" = 'settled'
      group by "payer"`);
    await tx.execute(sql`
      insert into "payment_status_counts" ("resource_id", "status", "count")
      select "resource_id", "status", count(*) from "payments" group by 1, 2`);
    const [daily] = await tx.select({ count }).from(paymentDailyTotals);
    const [wallets] = await tx.select({ count }).from(payers);
    const [statuses] = await tx.select({ count }).from(paymentStatusCounts);
    return { dailyTotals: daily?.count ?? 0, payers: wallets?.count ?? 0, statusCounts: statuses?.count ?? 0 };
  });
}
