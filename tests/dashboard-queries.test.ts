/**
 * The dashboard's reads on a known ledger: totals kept by the settlement trigger, the zero-filled
 * chart, top resources, keyset pages with filters, and batched iteration for the CSV export.
 * Runs on PGlite and, in CI, on PostgreSQL too.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { findPayment, iteratePayments, listPayments, resolvePayment } from "@/lib/db/queries/payments";
import { getOverviewTotals, getRevenueByDay, getTopResources } from "@/lib/db/queries/overview";
import { payments, resources, type Resource } from "@/lib/db/schema";
import { formatUnixTime } from "@/lib/format/time";
import { PAYMENT_CSV_HEADER, paymentCsvRow } from "@/lib/dashboard/payment-csv";
import { resetDatabase } from "./support/db";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const DAY = 86_400_000;
const ALICE = "0x1111111111111111111111111111111111111111";
const BOB = "0x2222222222222222222222222222222222222222";
const CAROL = "0x3333333333333333333333333333333333333333";

let db: Db;
let articleA: Resource;
let articleB: Resource;
let nonce = 0;

async function pay(options: {
  resource: Resource;
  payer: string;
  amount: bigint;
  status: "pending" | "settled" | "failed";
  daysAgo: number;
  createdAt?: Date;
}) {
  const createdAt = options.createdAt ?? new Date(NOW.getTime() - options.daysAgo * DAY);
  nonce += 1;
  const [row] = await db
    .insert(payments)
    .values({
      resourceId: options.resource.id,
      status: options.status,
      payer: options.payer,
      amount: options.amount,
      asset: options.resource.asset,
      network: options.resource.network,
      payTo: options.resource.payTo,
      nonce: `0x${nonce.toString(16).padStart(64, "0")}`,
      validBefore: BigInt(Math.floor(createdAt.getTime() / 1000) + 300),
      txHash: options.status === "settled" ? `0x${nonce.toString(16).padStart(64, "a")}` : null,
      createdAt,
      settledAt: options.status === "settled" ? new Date(createdAt.getTime() + 2_000) : null,
    })
    .returning();
  return row!;
}

beforeAll(async () => {
  db = await resetDatabase();
  const rows = await db.select().from(resources);
  articleA = rows.find((row) => row.path === "/articles/http-402-payment-required")!;
  articleB = rows.find((row) => row.path === "/articles/paying-without-an-account")!;

  // Article A: 9 USDC in total; article B: 10 USDC. Text ordering would put A ("9…") first.
  await pay({ resource: articleA, payer: ALICE, amount: 4_000_000n, status: "settled", daysAgo: 0 });
  await pay({ resource: articleA, payer: BOB, amount: 5_000_000n, status: "settled", daysAgo: 3 });
  await pay({ resource: articleB, payer: ALICE, amount: 6_000_000n, status: "settled", daysAgo: 10 });
  await pay({ resource: articleB, payer: CAROL, amount: 4_000_000n, status: "settled", daysAgo: 40 });
  await pay({ resource: articleA, payer: CAROL, amount: 7_000_000n, status: "pending", daysAgo: 1 });
  await pay({ resource: articleB, payer: BOB, amount: 8_000_000n, status: "failed", daysAgo: 2 });
});

describe("overview totals", () => {
  it("add up settled revenue by window, payers and open payments", async () => {
    expect(await getOverviewTotals(NOW)).toEqual({
      revenueToday: 4_000_000n,
      revenue7d: 9_000_000n,
      revenue30d: 15_000_000n,
      revenueAllTime: 19_000_000n,
      settledCount: 4,
      uniquePayers: 3,
      pendingCount: 1,
      failedCount: 1,
    });
  });
});

describe("revenue by day", () => {
  it("covers the last 30 UTC days, oldest first, with zeros for days without sales", async () => {
    const days = await getRevenueByDay(30, NOW);
    expect(days).toHaveLength(30);
    expect(days[0]!.day).toBe("2026-05-17");
    expect(days.at(-1)).toEqual({ day: "2026-06-15", revenue: 4_000_000n, settledCount: 1 });
    expect(days.find((day) => day.day === "2026-06-12")).toEqual({ day: "2026-06-12", revenue: 5_000_000n, settledCount: 1 });
    expect(days.find((day) => day.day === "2026-06-05")?.revenue).toBe(6_000_000n);
    expect(days.filter((day) => day.revenue > 0n)).toHaveLength(3);
    expect(days.reduce((sum, day) => sum + day.revenue, 0n)).toBe(15_000_000n);
  });
});

describe("top resources", () => {
  it("rank by revenue as numbers", async () => {
    const top = await getTopResources(5);
    expect(top.map((row) => [row.path, row.revenue, row.settledCount])).toEqual([
      [articleB.path, 10_000_000n, 2],
      [articleA.path, 9_000_000n, 2],
    ]);
  });
});

describe("keyset pages", () => {
  it("walk the whole ledger newest first without gaps or repeats, and back", async () => {
    const all = (await db.select({ id: payments.id }).from(payments)).length;
    const seen: number[] = [];
    let page = await listPayments({}, { limit: 4 });
    const pages = [page];
    seen.push(...page.rows.map((row) => row.id));
    while (page.older) {
      page = await listPayments({}, { after: page.older, limit: 4 });
      pages.push(page);
      seen.push(...page.rows.map((row) => row.id));
    }
    expect(seen).toHaveLength(all);
    expect(new Set(seen).size).toBe(all);
    const times = (await Promise.all(seen.map(async (id) => (await db.select().from(payments).where(eq(payments.id, id)))[0]!.createdAt.getTime())));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(pages[0]!.newer).toBeUndefined();

    // Back from the second page lands on the first page again.
    const back = await listPayments({}, { before: pages[1]!.newer!, limit: 4 });
    expect(back.rows.map((row) => row.id)).toEqual(pages[0]!.rows.map((row) => row.id));
    expect(back.newer).toBeUndefined();
  });

  it("keep rows created in the same millisecond apart by id", async () => {
    const createdAt = new Date(NOW.getTime() - 5 * DAY);
    const tied = [
      await pay({ resource: articleB, payer: CAROL, amount: 1n, status: "failed", daysAgo: 5, createdAt }),
      await pay({ resource: articleB, payer: CAROL, amount: 1n, status: "failed", daysAgo: 5, createdAt }),
      await pay({ resource: articleB, payer: CAROL, amount: 1n, status: "failed", daysAgo: 5, createdAt }),
    ];
    const first = await listPayments({ payer: CAROL, status: "failed" }, { limit: 2 });
    const second = await listPayments({ payer: CAROL, status: "failed" }, { after: first.older!, limit: 2 });
    expect([...first.rows, ...second.rows].map((row) => row.id)).toEqual(tied.map((row) => row.id).reverse());
    expect(second.older).toBeUndefined();
    await db.delete(payments).where(eq(payments.amount, 1n));
  });

  it("apply each filter", async () => {
    const ids = async (filters: Parameters<typeof listPayments>[0]) =>
      (await listPayments(filters, { limit: 50 })).rows.map((row) => [row.payer, row.status, row.amount]);
    expect(await ids({ status: "failed" })).toEqual([[BOB, "failed", 8_000_000n]]);
    expect(await ids({ resourceId: articleB.id })).toEqual([
      [BOB, "failed", 8_000_000n],
      [ALICE, "settled", 6_000_000n],
      [CAROL, "settled", 4_000_000n],
    ]);
    expect(await ids({ payer: CAROL })).toEqual([
      [CAROL, "pending", 7_000_000n],
      [CAROL, "settled", 4_000_000n],
    ]);
    expect(await ids({ from: new Date(NOW.getTime() - 3.5 * DAY), to: new Date(NOW.getTime() - 0.5 * DAY) })).toEqual([
      [CAROL, "pending", 7_000_000n],
      [BOB, "failed", 8_000_000n],
      [BOB, "settled", 5_000_000n],
    ]);
  });
});

describe("iteratePayments", () => {
  it("yields every matching row in batches", async () => {
    const batches: number[] = [];
    const rows: number[] = [];
    for await (const batch of iteratePayments({ status: "settled" }, 3)) {
      batches.push(batch.length);
      rows.push(...batch.map((row) => row.id));
    }
    expect(batches).toEqual([3, 1]);
    expect(new Set(rows).size).toBe(4);
  });
});

// Last: it adds to the ledger the tests above describe.
describe("the settlement trigger", () => {
  it("count a payment once when it becomes settled, however often it is updated after", async () => {
    const row = await pay({ resource: articleA, payer: BOB, amount: 1_000_000n, status: "pending", daysAgo: 0 });
    await db.update(payments).set({ status: "settled", settledAt: NOW, txHash: "0x01" }).where(eq(payments.id, row.id));
    await db.update(payments).set({ status: "settled", txHash: "0x02" }).where(eq(payments.id, row.id));
    const totals = await getOverviewTotals(NOW);
    expect(totals.revenueToday).toBe(5_000_000n);
    expect(totals.settledCount).toBe(5);
    expect(totals.uniquePayers).toBe(3);
    expect(totals.pendingCount).toBe(1);

  });

  it("count a payment settled by reconciliation once, however often it is reconciled", async () => {
    const row = await pay({ resource: articleB, payer: BOB, amount: 2_000_000n, status: "pending", daysAgo: 0 });
    await resolvePayment(row.id, { status: "settled", txHash: "0x04", settledAt: NOW });
    await resolvePayment(row.id, { status: "settled", txHash: "0x05", settledAt: NOW });
    const totals = await getOverviewTotals(NOW);
    expect(totals.revenueToday).toBe(7_000_000n);
    expect(totals.settledCount).toBe(6);
    const [stored] = await db.select().from(payments).where(eq(payments.id, row.id));
    expect(stored).toMatchObject({ status: "settled", txHash: "0x04" });
  });
});

// Last as well: a row no page may crash on.
describe("a payment whose payer chose its values", () => {
  it("shows a validBefore past what a date can hold, and exports the row with an error reason that looks like a formula", async () => {
    const DAVE = "0x4444444444444444444444444444444444444444";
    const huge = { ...(await pay({ resource: articleA, payer: DAVE, amount: 1n, status: "pending", daysAgo: 0 })) };
    // The column is a bigint: a uint256 beyond it is refused, so its largest value is the worst a row can hold.
    await expect(db.update(payments).set({ validBefore: 2n ** 256n - 1n }).where(eq(payments.id, huge.id))).rejects.toThrow();
    await db
      .update(payments)
      .set({ validBefore: 2n ** 63n - 1n, amount: 2n ** 63n - 1n, errorReason: "=HYPERLINK(\"http://evil\")" })
      .where(eq(payments.id, huge.id));

    // What the payment page shows.
    const row = (await findPayment(huge.id))!;
    expect(formatUnixTime(row.validBefore)).toBe("after +275760-09-13 00:00:00 UTC (unix time 9223372036854775807)");

    // What the export writes.
    const lines: string[] = [];
    for await (const batch of iteratePayments({ payer: DAVE })) lines.push(...batch.map(paymentCsvRow));
    expect(PAYMENT_CSV_HEADER).toMatch(/^id,created_at,.*,error_reason\r\n$/);
    expect(lines).toEqual([
      `${row.id},${row.createdAt.toISOString()},,pending,${articleA.path},${DAVE},9223372036854.775807,9223372036854775807,` +
        `${row.asset},${row.network},${row.payTo},,"'=HYPERLINK(""http://evil"")"\r\n`,
    ]);
  });
});
