/**
 * The dashboard overview: revenue and counts, read from `payment_daily_totals`, `payers` and
 * `payment_status_counts` (kept by triggers), so the cost depends on days × resources, not on the
 * size of the ledger.
 * Days are UTC.
 */
import "server-only";
import { desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "../client";
import { paymentDailyTotals, payers, paymentStatusCounts, resources } from "../schema";

const DAY_MS = 86_400_000;

/** `2026-11-23T22:00:00Z` → `"2026-11-23"`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysBefore(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS));
}

// Aggregates come back as int8/numeric, which the two drivers decode differently: go through text.
const asBigint = (expression: SQL) => sql`(${expression})::text`.mapWith(BigInt);
const asNumber = (expression: SQL) => sql`(${expression})::text`.mapWith(Number);
const revenueSum = asBigint(sql`coalesce(sum(${paymentDailyTotals.revenue}), 0)`);
const settledSum = asNumber(sql`coalesce(sum(${paymentDailyTotals.settledCount}), 0)`);

export interface OverviewTotals {
  revenueToday: bigint;
  revenue7d: bigint;
  revenue30d: bigint;
  revenueAllTime: bigint;
  settledCount: number;
  uniquePayers: number;
  pendingCount: number;
  failedCount: number;
}

export async function getOverviewTotals(now = new Date()): Promise<OverviewTotals> {
  const db = await getDb();
  const today = utcDay(now);
  const revenueSince = (from: string) =>
    asBigint(sql`coalesce(sum(${paymentDailyTotals.revenue}) filter (where ${paymentDailyTotals.day} >= ${from}), 0)`);
  const [[revenue], [payerCount], statusCounts] = await Promise.all([
    db
      .select({
        today: revenueSince(today),
        last7: revenueSince(daysBefore(today, 6)),
        last30: revenueSince(daysBefore(today, 29)),
        allTime: revenueSum,
        settledCount: settledSum,
      })
      .from(paymentDailyTotals),
    db.select({ count: asNumber(sql`count(*)`) }).from(payers),
    db
      .select({ status: paymentStatusCounts.status, count: asNumber(sql`coalesce(sum(${paymentStatusCounts.count}), 0)`) })
      .from(paymentStatusCounts)
      .where(inArray(paymentStatusCounts.status, ["pending", "failed"]))
      .groupBy(paymentStatusCounts.status),
  ]);
  const countOf = (status: "pending" | "failed") => statusCounts.find((row) => row.status === status)?.count ?? 0;
  return {
    revenueToday: revenue?.today ?? 0n,
    revenue7d: revenue?.last7 ?? 0n,
    revenue30d: revenue?.last30 ?? 0n,
    revenueAllTime: revenue?.allTime ?? 0n,
    settledCount: revenue?.settledCount ?? 0,
    uniquePayers: payerCount?.count ?? 0,
    pendingCount: countOf("pending"),
    failedCount: countOf("failed"),
  };
}

export interface DailyRevenue {
  day: string;
  revenue: bigint;
  settledCount: number;
}

/** Settled revenue for each of the last `days` UTC days, oldest first, days without sales as zero. */
export async function getRevenueByDay(days = 30, now = new Date()): Promise<DailyRevenue[]> {
  const db = await getDb();
  const today = utcDay(now);
  const from = daysBefore(today, days - 1);
  const rows = await db
    .select({
      day: paymentDailyTotals.day,
      revenue: revenueSum,
      settledCount: settledSum,
    })
    .from(paymentDailyTotals)
    .where(gte(paymentDailyTotals.day, from))
    .groupBy(paymentDailyTotals.day);
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return Array.from({ length: days }, (_, index) => {
    const day = daysBefore(today, days - 1 - index);
    const row = byDay.get(day);
    return { day, revenue: row?.revenue ?? 0n, settledCount: row?.settledCount ?? 0 };
  });
}

export interface ResourceRevenue {
  resourceId: number;
  path: string;
  title: string;
  revenue: bigint;
  settledCount: number;
}

export async function getTopResources(limit = 5): Promise<ResourceRevenue[]> {
  const db = await getDb();
  return db
    .select({
      resourceId: resources.id,
      path: resources.path,
      title: resources.title,
      revenue: revenueSum,
      settledCount: settledSum,
    })
    .from(paymentDailyTotals)
    .innerJoin(resources, eq(paymentDailyTotals.resourceId, resources.id))
    .groupBy(resources.id)
    .orderBy(desc(sql`sum(${paymentDailyTotals.revenue})`), resources.path)
    .limit(limit);
}
