/**
 * The app on a remote facilitator: configured as a Coinbase CDP deployment (CDP_API_KEY_ID /
 * CDP_API_KEY_SECRET) whose FACILITATOR_URL points at a local stand-in (the official facilitator
 * behind HTTP, checking CDP's bearer JWTs). Asserts the exact requests the app sends, and that a
 * facilitator that fails or does not answer never serves content or loses a record: 502, the
 * payment row left pending, and reconciliation finding the truth on chain.
 */
import { generatePaymentId } from "@x402/extensions/payment-identifier";
import { eq } from "drizzle-orm";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as insights } from "@/app/api/insights/route";
import { usdcBalanceOf } from "@/lib/chain/local";
import type { Db } from "@/lib/db/client";
import { resolvePayment } from "@/lib/db/queries/payments";
import { payments, type Payment } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createFacilitatorClient } from "@/lib/x402/facilitator";
import { reconcilePayment } from "@/lib/x402/reconcile";
import { proxy } from "@/proxy";
import { NextRequest } from "next/server";
import { resetDatabase } from "../support/db";
import type { RecordedRequest } from "../support/stand-in-facilitator";
import { encodePayment, fetchFor, ORIGIN, payer, paymentRequired, payingFetchFor, signPayment } from "../support/x402";
import { CDP_HOST_AND_ROUTE, CDP_KEY_ID, FACILITATOR_TIMEOUT_MS, standIn } from "./support/setup-env";

const API = `${ORIGIN}/api/insights`;
const PRICE = 2_000n;
const ARTICLE = "/articles/how-settlement-works";
const PAID_SENTENCE = "An x402 payment on an EVM chain is an EIP-3009 authorization";

let db: Db;
const get = fetchFor(insights);
const ledger = () => db.select().from(payments).orderBy(payments.id);
const balance = (address: `0x${string}`) => usdcBalanceOf(env.rpcUrl, address);
const requestsTo = (path: string) => standIn.requests.filter((request) => request.path === path);

/** A payment for /api/insights signed by anvil account `index`, as a PAYMENT-SIGNATURE header. */
/** Signed as this app's clients sign: with a fresh payment-identifier, so their own retries are answered. */
async function signedInsightsPayment(index: number): Promise<string> {
  const required = paymentRequired(await get(API));
  return encodePayment(await signPayment({ account: payer(index), required, identifier: generatePaymentId() }));
}

/** What a CDP JWT says, checked against what it must say for `method path`. */
function expectCdpToken(request: RecordedRequest, method: string) {
  const token = request.headers.authorization!.replace(/^Bearer /, "");
  expect(decodeProtectedHeader(token)).toMatchObject({ alg: "ES256", kid: CDP_KEY_ID, typ: "JWT" });
  const claims = decodeJwt(token) as { sub: string; iss: string; uris: string[]; nbf: number; exp: number };
  expect(claims).toMatchObject({ sub: CDP_KEY_ID, iss: "cdp", uris: [`${method} ${CDP_HOST_AND_ROUTE}${request.path}`] });
  expect(claims.exp - claims.nbf).toBeLessThanOrEqual(120);
  expect(request.headers["correlation-context"]).toContain("source=x402");
  return token;
}

beforeAll(async () => {
  db = await resetDatabase();
});

beforeEach(() => {
  standIn.requests.length = 0;
  for (const operation of ["verify", "settle", "supported"] as const) delete standIn.faults[operation];
});

describe("the configuration", () => {
  it("is a CDP deployment whose requests go to the stand-in", () => {
    expect(env.facilitator).toMatchObject({ mode: "cdp", url: standIn.url, apiKeyId: CDP_KEY_ID, timeoutMs: FACILITATOR_TIMEOUT_MS });
  });
});

describe("requests to the facilitator", () => {
  it("health asks GET /supported with a CDP JWT for that path, and reports the facilitator reachable", async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, facilitator: { ok: true, mode: "cdp" } });
    const [supported] = requestsTo("/supported");
    expect(supported).toMatchObject({ method: "GET", body: undefined });
    expectCdpToken(supported!, "GET");
  });

  it("a payment is verified, then settled: exact bodies, each with a fresh JWT for its own path", async () => {
    const account = payer(2);
    const payToBefore = await balance(env.payTo);
    const response = await payingFetchFor(insights, account)(API);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ insight: expect.any(String), paidBy: account.address });

    const calls = standIn.requests.filter((request) => request.method === "POST");
    expect(calls.map((request) => request.path)).toEqual(["/verify", "/settle"]);
    const [verify, settle] = calls as [RecordedRequest, RecordedRequest];
    for (const call of calls) {
      expect(call.headers["content-type"]).toBe("application/json");
      expect(Object.keys(call.body as object).sort()).toEqual(["paymentPayload", "paymentRequirements", "x402Version"]);
      expect(call.body).toMatchObject({
        x402Version: 2,
        paymentRequirements: { scheme: "exact", network: "eip155:31337", amount: PRICE.toString(), payTo: env.payTo },
        paymentPayload: { x402Version: 2, payload: { authorization: { from: account.address, value: PRICE.toString() } } },
      });
    }
    expect(settle.body).toEqual(verify.body);
    expect(expectCdpToken(verify, "POST")).not.toBe(expectCdpToken(settle, "POST"));

    const [row] = (await ledger()).filter((payment) => payment.payer === account.address);
    expect(row).toMatchObject({ status: "settled", txHash: standIn.settled.at(-1), amount: PRICE });
    expect(await balance(env.payTo)).toBe(payToBefore + PRICE);
  });

  it("the plain HTTP client (FACILITATOR_URL without CDP keys) sends no Authorization header", async () => {
    const client = createFacilitatorClient({ mode: "http", url: standIn.url, timeoutMs: 5_000 }, env.network);
    // The stand-in insists on CDP tokens: without one it answers 401, which reaches us as unavailable.
    await expect(client.getSupported()).rejects.toThrow(/401/);
    const [supported] = requestsTo("/supported");
    expect(supported?.headers.authorization).toBeUndefined();
    expect(supported?.headers["content-type"]).toBe("application/json");
  });
});

describe("a facilitator that fails: 502, no content, nothing lost", () => {
  it.each([
    ["answers 500 to /verify", "verify", "http-500"],
    ["does not answer /verify in time", "verify", "no-answer"],
  ] as const)("%s: nothing recorded, nothing charged", async (_name, operation, fault) => {
    const header = await signedInsightsPayment(3);
    const before = await ledger();
    const payerBefore = await balance(payer(3).address);
    standIn.faults[operation] = fault;
    const started = Date.now();

    const response = await get(API, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(response.status).toBe(502);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: "facilitator_unavailable", message: expect.stringContaining("nothing was charged") });
    expect(body).not.toContain("insight\"");
    expect(Date.now() - started).toBeLessThan(FACILITATOR_TIMEOUT_MS * 3);
    expect(await ledger()).toEqual(before);
    expect(await balance(payer(3).address)).toBe(payerBefore);
  });

  it("answers 500 to /settle: the row stays pending, the payer is not charged, the same payment later goes through", async () => {
    const account = payer(4);
    const header = await signedInsightsPayment(4);
    const payerBefore = await balance(account.address);
    standIn.faults.settle = "http-500";

    const failed = await get(API, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(failed.status).toBe(502);
    expect(await failed.json()).toMatchObject({ error: "settlement_unconfirmed" });
    const [row] = await rowsOf(account.address);
    expect(row).toMatchObject({ status: "pending", txHash: null });
    expect(await balance(account.address)).toBe(payerBefore);

    delete standIn.faults.settle;
    const retried = await get(API, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(retried.status).toBe(200);
    expect(await rowsOf(account.address)).toMatchObject([{ id: row!.id, status: "settled", txHash: standIn.settled.at(-1) }]);
    expect(await balance(account.address)).toBe(payerBefore - PRICE);
  });

  it("settles but its answer never comes: 502, pending, and reconciliation records the transfer it made", async () => {
    const account = payer(5);
    const header = await signedInsightsPayment(5);
    const payerBefore = await balance(account.address);
    standIn.faults.settle = "settle-then-no-answer";

    const response = await get(API, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: "settlement_unconfirmed" });
    const [row] = await rowsOf(account.address);
    expect(row).toMatchObject({ status: "pending" });
    // The money moved, the ledger did not see it yet: exactly what reconciliation is for.
    expect(await balance(account.address)).toBe(payerBefore - PRICE);

    const outcome = await reconcilePayment(row!, { rpcUrl: env.rpcUrl, network: env.network });
    expect(outcome).toMatchObject({ status: "settled", txHash: standIn.settled.at(-1) });
    await resolvePayment(row!.id, outcome);
    expect(await rowsOf(account.address)).toMatchObject([{ status: "settled", txHash: standIn.settled.at(-1) }]);
    expect(await balance(account.address)).toBe(payerBefore - PRICE);
  });

  it("a paid page behind a failing /settle answers 502 without its paid body", async () => {
    const page = (headers: Record<string, string>) => proxy(new NextRequest(`${ORIGIN}${ARTICLE}`, { headers }));
    const required = paymentRequired(await page({ Accept: "application/json" }));
    const header = encodePayment(await signPayment({ account: payer(6), required }));
    standIn.faults.settle = "http-500";

    const response = await page({ Accept: "text/markdown", "PAYMENT-SIGNATURE": header });
    expect(response.status).toBe(502);
    expect(response.headers.get("x-middleware-next")).toBeNull();
    expect(response.headers.get("x-middleware-rewrite")).toBeNull();
    expect(await response.text()).not.toContain(PAID_SENTENCE);
    expect(await rowsOf(payer(6).address)).toMatchObject([{ status: "pending" }]);
  });

  it("health says the facilitator is unreachable while it fails", async () => {
    standIn.faults.supported = "http-500";
    const response = await health();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, facilitator: { ok: false, mode: "cdp", detail: expect.stringContaining("500") } });
  });
});

function rowsOf(address: string): Promise<Payment[]> {
  return db.select().from(payments).where(eq(payments.payer, address)).orderBy(payments.id);
}
