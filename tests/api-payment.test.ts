/**
 * A paid API route, end to end in-process: the real route handler (through Next's request
 * objects), the official @x402/fetch client, the in-process facilitator on anvil, and the ledger.
 */
import { generatePaymentId } from "@x402/extensions/payment-identifier";
import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as insights } from "@/app/api/insights/route";
import { usdcBalanceOf } from "@/lib/chain/local";
import type { Db } from "@/lib/db/client";
import { payments, resources } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { invalidateCatalog } from "@/lib/x402/catalog";
import { RETRY_WINDOW_SECONDS } from "@/lib/x402/idempotency";
import { readPaymentReceipt } from "@/lib/x402/client/pay";
import { withPayment } from "@/lib/x402/next";
import { resetDatabase } from "./support/db";
import { encodePayment, fetchFor, ORIGIN, payer, payingFetchFor, paymentRequired, signPayment } from "./support/x402";

const URL = `${ORIGIN}/api/insights`;
const PRICE = 2_000n;
const get = fetchFor(insights);

let db: Db;
const ledger = () => db.select().from(payments).orderBy(payments.id);
const balance = (address: `0x${string}`) => usdcBalanceOf(env.rpcUrl, address);

async function freshRequirement() {
  const response = await get(URL);
  expect(response.status).toBe(402);
  return paymentRequired(response);
}

beforeAll(async () => {
  db = await resetDatabase();
});

/** Puts an API route of the test's own up for sale at 0.001 USDC, with this access window. */
async function sellApi(path: string, accessSeconds: number) {
  const resource = { kind: "api", path, title: path, price: 1_000n, network: env.network.caip2, asset: env.network.usdc.address } as const;
  await db.insert(resources).values({ ...resource, payTo: env.payTo, accessSeconds, mimeType: "application/json" });
  invalidateCatalog();
}

describe("GET /api/insights without payment", () => {
  it("answers 402 with the price from the database in PAYMENT-REQUIRED and a reason in JSON", async () => {
    const response = await get(URL);
    expect(response.status).toBe(402);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const required = paymentRequired(response);
    expect(required.x402Version).toBe(2);
    expect(required.resource.url).toBe(URL);
    expect(required.accepts).toEqual([
      {
        scheme: "exact",
        network: "eip155:31337",
        amount: PRICE.toString(),
        asset: env.network.usdc.address,
        payTo: env.payTo,
        maxTimeoutSeconds: 300,
        extra: { name: "USDC", version: "2" },
      },
    ]);
    const body = await response.json();
    expect(body).toMatchObject({ error: "payment_required", message: expect.stringContaining("0.002 USDC") });
  });

  it("follows a price change in the database", async () => {
    await db.update(resources).set({ price: 3_000n }).where(eq(resources.path, "/api/insights"));
    invalidateCatalog();
    expect((await freshRequirement()).accepts[0]!.amount).toBe("3000");
    await db.update(resources).set({ price: PRICE }).where(eq(resources.path, "/api/insights"));
    invalidateCatalog();
    expect((await freshRequirement()).accepts[0]!.amount).toBe(PRICE.toString());
  });
});

describe("paying GET /api/insights", () => {
  const account = payer(2);

  it("the official @x402/fetch client pays: 200, PAYMENT-RESPONSE with the tx hash, ledger settled, USDC moved", async () => {
    const [payerBefore, payToBefore] = await Promise.all([balance(account.address), balance(env.payTo)]);

    const response = await payingFetchFor(insights, account)(URL);

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("private");
    const receipt = readPaymentReceipt(response);
    expect(receipt).toMatchObject({ success: true, network: "eip155:31337", payer: account.address });
    expect(receipt?.transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await response.json()).toMatchObject({ paidBy: account.address, insight: expect.any(String) });

    const rows = await ledger();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "settled",
      payer: account.address,
      amount: PRICE,
      payTo: env.payTo,
      network: "eip155:31337",
      txHash: receipt?.transaction,
    });
    expect(rows[0]?.settledAt).toBeInstanceOf(Date);
    expect(await balance(account.address)).toBe(payerBefore - PRICE);
    expect(await balance(env.payTo)).toBe(payToBefore + PRICE);
  });

  it("answers the paying client's retry (same header, same payment-identifier) with the first answer: no second run, no second charge", async () => {
    const header = encodePayment(await signPayment({ account, required: await freshRequirement(), identifier: generatePaymentId() }));
    const first = await get(URL, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    const receipt = readPaymentReceipt(first);
    const [rowsAfterFirst, payerAfterFirst] = await Promise.all([ledger(), balance(account.address)]);

    const retry = await get(URL, { headers: { "PAYMENT-SIGNATURE": header } });

    expect(retry.status).toBe(200);
    expect(readPaymentReceipt(retry)).toEqual(receipt);
    // The stored answer, not a new run of the handler (each run writes a new insight).
    expect(await retry.json()).toEqual(firstBody);
    expect(retry.headers.get("cache-control")).toBe("private, no-store");
    expect(await ledger()).toEqual(rowsAfterFirst);
    expect(await balance(account.address)).toBe(payerAfterFirst);
  });

  it("refuses the same header without its payment-identifier as used: it could have been rebuilt from the chain", async () => {
    const header = encodePayment(await signPayment({ account, required: await freshRequirement() }));
    expect((await get(URL, { headers: { "PAYMENT-SIGNATURE": header } })).status).toBe(200);
    const rowsAfterFirst = await ledger();

    const replay = await get(URL, { headers: { "PAYMENT-SIGNATURE": header } });

    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: "authorization_used", message: expect.stringContaining("already been used") });
    expect(replay.headers.get("PAYMENT-RESPONSE")).toBeNull();
    expect(await ledger()).toEqual(rowsAfterFirst);
  });

  it("settles the same payment sent 10 times at once exactly once", async () => {
    const header = encodePayment(await signPayment({ account, required: await freshRequirement(), identifier: generatePaymentId() }));
    const [rowsBefore, payerBefore] = await Promise.all([ledger(), balance(account.address)]);

    const responses = await Promise.all(Array.from({ length: 10 }, () => get(URL, { headers: { "PAYMENT-SIGNATURE": header } })));

    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    expect(statuses).toContain(200);
    const receipts = new Set(responses.filter((r) => r.status === 200).map((r) => readPaymentReceipt(r)?.transaction));
    expect(receipts.size).toBe(1);
    for (const busy of responses.filter((r) => r.status === 409)) {
      expect(busy.headers.get("retry-after")).toBe("3");
      expect((await busy.json()).error).toBe("payment_in_progress");
    }
    expect(await ledger()).toHaveLength(rowsBefore.length + 1);
    expect(await balance(account.address)).toBe(payerBefore - PRICE);
  });

  it("refuses the paying client's retry once the retry window after settlement is over, and records nothing new", async () => {
    const header = encodePayment(await signPayment({ account, required: await freshRequirement(), identifier: generatePaymentId() }));
    expect((await get(URL, { headers: { "PAYMENT-SIGNATURE": header } })).status).toBe(200);
    const rowsAfterFirst = await ledger();
    const payerAfterFirst = await balance(account.address);

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + (RETRY_WINDOW_SECONDS + 1) * 1000 });
    try {
      const replay = await get(URL, { headers: { "PAYMENT-SIGNATURE": header } });
      expect(replay.status).toBe(409);
      expect(replay.headers.get("PAYMENT-RESPONSE")).toBeNull();
      expect(await replay.json()).toMatchObject({ error: "authorization_used" });
    } finally {
      vi.useRealTimers();
    }
    expect(await ledger()).toEqual(rowsAfterFirst);
    expect(await balance(account.address)).toBe(payerAfterFirst);
  });

  it("refuses a header that copies a settled payment's authorization with another signature", async () => {
    const required = await freshRequirement();
    const paid = await signPayment({ account, required });
    expect((await get(URL, { headers: { "PAYMENT-SIGNATURE": encodePayment(paid) } })).status).toBe(200);
    const rowsAfterFirst = await ledger();
    const authorization = (paid.payload as { authorization: Record<string, string> }).authorization;
    const forged = await signPayment({ account: payer(5), required, authorization: { ...authorization } as never });
    (forged.payload as { authorization: Record<string, string> }).authorization.from = account.address;

    const replay = await get(URL, { headers: { "PAYMENT-SIGNATURE": encodePayment(forged) } });

    expect(replay.status).toBe(409);
    expect((await replay.json()).insight).toBeUndefined();
    expect(await ledger()).toEqual(rowsAfterFirst);
  });
});

describe("refused payments: 402 with a reason, no content, no ledger row, no transfer", () => {
  const account = payer(3);
  let rowsBefore: Awaited<ReturnType<typeof ledger>>;
  let balanceBefore: bigint;

  beforeEach(async () => {
    rowsBefore = await ledger();
    balanceBefore = await balance(account.address);
  });

  async function expectRefused(header: string, reason: RegExp, status = 402) {
    const response = await get(URL, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error).toMatch(reason);
    expect(body.message).toEqual(expect.any(String));
    expect(body.insight).toBeUndefined();
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance(account.address)).toBe(balanceBefore);
  }

  it("an authorization for less than the price", async () => {
    const payment = await signPayment({ account, required: await freshRequirement(), authorization: { value: "1000" } });
    await expectRefused(encodePayment(payment), /value_mismatch/);
  });

  it("an authorization for more than the price", async () => {
    const payment = await signPayment({ account, required: await freshRequirement(), authorization: { value: "5000" } });
    await expectRefused(encodePayment(payment), /value_mismatch/);
  });

  it("accepted terms that differ from the current price", async () => {
    const payment = await signPayment({ account, required: await freshRequirement(), accepted: { amount: "1" } });
    await expectRefused(encodePayment(payment), /No matching payment requirements/);
  });

  it("an authorization paying another recipient", async () => {
    const payment = await signPayment({ account, required: await freshRequirement(), authorization: { to: payer(4).address } });
    await expectRefused(encodePayment(payment), /recipient_mismatch/);
  });

  it("an expired authorization", async () => {
    const expired = String(Math.floor(Date.now() / 1000) - 60);
    const payment = await signPayment({ account, required: await freshRequirement(), authorization: { validBefore: expired } });
    await expectRefused(encodePayment(payment), /valid_before/);
  });

  it("a signature by another key than the payer's", async () => {
    const payment = await signPayment({ account: payer(5), required: await freshRequirement() });
    const authorization = (payment.payload as { authorization: { from: string } }).authorization;
    authorization.from = account.address;
    await expectRefused(encodePayment(payment), /signature/);
  });

  it("a header that is not base64 JSON (400)", async () => {
    await expectRefused("not base64 at all!", /invalid_payment_header/, 400);
  });
});

describe("an API with an access window", () => {
  it("answers the grant's holder without paying again, marked private and never stored by caches", async () => {
    await sellApi("/api/windowed", 3_600);
    let runs = 0;
    const windowed = withPayment("/api/windowed", async (_req, _ctx, payment) => Response.json({ run: ++runs, payer: payment.payer }));
    const account = payer(6);

    const paid = await payingFetchFor(windowed, account)(`${ORIGIN}/api/windowed`);
    expect(paid.status).toBe(200);
    const grant = paid.headers.getSetCookie().find((cookie) => cookie.startsWith("x402_grant_"))!.split(";")[0]!;
    const balanceAfter = await balance(account.address);

    const again = await windowed(new NextRequest(`${ORIGIN}/api/windowed`, { headers: { Cookie: grant } }), undefined);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ run: 2, payer: account.address });
    expect(again.headers.get("cache-control")).toBe("private, no-store");
    expect(await balance(account.address)).toBe(balanceAfter);
  });
});

describe("a handler that fails", () => {
  it("is not charged: its error goes back, nothing settles, nothing is recorded", async () => {
    await sellApi("/api/flaky", 0);
    const flaky = withPayment("/api/flaky", async () => Response.json({ error: "upstream down" }, { status: 500 }));
    const account = payer(4);
    const [rowsBefore, balanceBefore] = await Promise.all([ledger(), balance(account.address)]);

    const response = await payingFetchFor(flaky, account)(`${ORIGIN}/api/flaky`);

    expect(response.status).toBe(500);
    expect(response.headers.get("PAYMENT-RESPONSE")).toBeNull();
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance(account.address)).toBe(balanceBefore);
  });

  it("that throws answers 500 without charging", async () => {
    const throwing = withPayment("/api/flaky", async () => {
      throw new Error("bug");
    });
    const account = payer(4);
    const balanceBefore = await balance(account.address);
    const response = await payingFetchFor(throwing, account)(`${ORIGIN}/api/flaky`);
    expect(response.status).toBe(500);
    expect((await response.json()).error).toBe("handler_failed");
    expect(await balance(account.address)).toBe(balanceBefore);
  });
});

describe("a client that hangs up while the handler runs", () => {
  it("is not charged: nobody receives the answer, so nothing settles and nothing is recorded", async () => {
    await sellApi("/api/slow", 0);
    const hangUp = new AbortController();
    let runs = 0;
    const slow = withPayment("/api/slow", async () => {
      runs += 1;
      hangUp.abort(); // the connection closes while the answer is being made
      return Response.json({ late: true });
    });
    const account = payer(4);
    const [rowsBefore, balanceBefore] = await Promise.all([ledger(), balance(account.address)]);

    await payingFetchFor(slow, account)(`${ORIGIN}/api/slow`, { signal: hangUp.signal }).catch(() => undefined);

    expect(runs).toBe(1);
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance(account.address)).toBe(balanceBefore);
  });
});

describe("a ledger that can't be read while the price is known", () => {
  it("answers 503 with a reason, serves nothing and charges nothing", async () => {
    const account = payer(5);
    const header = encodePayment(await signPayment({ account, required: await freshRequirement() }));
    const balanceBefore = await balance(account.address);
    // The catalog still holds the price; the payments table is gone, as in a database outage.
    await db.execute(sql`alter table payments rename to payments_elsewhere`);
    let response: Response;
    try {
      response = await get(URL, { headers: { "PAYMENT-SIGNATURE": header } });
    } finally {
      await db.execute(sql`alter table payments_elsewhere rename to payments`);
    }
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ error: "ledger_unavailable", message: expect.stringContaining("nothing was charged") });
    expect(body).not.toHaveProperty("insight");
    expect(await balance(account.address)).toBe(balanceBefore);

    const paid = await get(URL, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(paid.status).toBe(200);
    expect(await balance(account.address)).toBe(balanceBefore - PRICE);
  });
});

describe("a resource that is not for sale", () => {
  it("answers 404, never the content", async () => {
    const unpriced = withPayment("/api/not-in-catalog", async () => Response.json({ secret: true }));
    const response = await unpriced(new NextRequest(`${ORIGIN}/api/not-in-catalog`), undefined);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_for_sale" });
  });
});
