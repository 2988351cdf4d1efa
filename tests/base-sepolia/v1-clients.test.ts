/**
 * x402 v1 clients on Base Sepolia, the way `x402-fetch@1` pays: the terms from the 402's JSON body,
 * a payload signed by @x402/evm's official v1 client scheme in `X-PAYMENT`, the receipt from
 * `X-PAYMENT-RESPONSE`. The server translates it into the v2 payment for the same terms: verified,
 * settled once, recorded and replayed like any other.
 */
import { decodePaymentRequiredHeader } from "@x402/core/http";
import type { PaymentRequirementsV1 } from "@x402/core/schemas";
import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as insights } from "@/app/api/insights/route";
import { usdcBalanceOf } from "@/lib/chain/local";
import type { Db } from "@/lib/db/client";
import { payments } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { readPaymentReceipt } from "@/lib/x402/client/pay";
import { MAX_PAYMENT_HEADER_LENGTH } from "@/lib/x402/payment";
import { proxy } from "@/proxy";
import { resetDatabase } from "../support/db";
import { encodeV1Payment, readV1Receipt, signV1Payment, v1Terms } from "../support/v1";
import { encodePayment, fetchFor, ORIGIN, payer, paymentRequired, signPayment } from "../support/x402";

const USDC = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
const URL = `${ORIGIN}/api/insights`;
const ARTICLE = "/articles/paying-without-an-account";
const PRICE = 2_000n;
const get = fetchFor(insights);

let db: Db;
const ledger = () => db.select().from(payments).orderBy(payments.id);
const balance = (address: `0x${string}`) => usdcBalanceOf(env.rpcUrl, address, env.network);

/** What a v1 client reads from an unpaid request: the first of the body's `accepts`. */
async function v1Accept(): Promise<PaymentRequirementsV1> {
  const [accept] = await v1Terms(await get(URL));
  if (!accept) throw new Error("no v1 terms");
  return accept;
}

const payV1 = (header: string) => get(URL, { headers: { "X-PAYMENT": header } });

beforeAll(async () => {
  db = await resetDatabase();
});

describe("the 402 on Base Sepolia", () => {
  it("has v1 terms in its JSON body and the v2 terms in PAYMENT-REQUIRED", async () => {
    const response = await get(URL);
    expect(response.status).toBe(402);
    const required = paymentRequired(response);
    expect(required).toMatchObject({ x402Version: 2, accepts: [{ network: "eip155:84532", amount: "2000" }] });

    expect(await response.json()).toEqual({
      error: "payment_required",
      message: expect.stringContaining("0.002 USDC on Base Sepolia"),
      x402Version: 1,
      accepts: [
        {
          scheme: "exact",
          network: "base-sepolia",
          maxAmountRequired: "2000",
          resource: URL,
          description: required.resource.description,
          mimeType: "application/json",
          payTo: env.payTo,
          maxTimeoutSeconds: 300,
          asset: USDC,
          extra: { name: "USDC", version: "2" },
        },
      ],
    });
  });
});

describe("a v1 client pays", () => {
  const account = payer(4);

  it("for the API: 200 with X-PAYMENT-RESPONSE and PAYMENT-RESPONSE, settled and charged once; the same header again is refused as used", async () => {
    const [payerBefore, payToBefore] = await Promise.all([balance(account.address), balance(env.payTo)]);
    const header = encodeV1Payment(await signV1Payment(account, await v1Accept()));

    const response = await payV1(header);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ paidBy: account.address });
    const receipt = readV1Receipt(response);
    expect(receipt).toMatchObject({ success: true, network: "base-sepolia", payer: account.address });
    expect(receipt?.transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(readPaymentReceipt(response)).toEqual({ ...receipt, network: "eip155:84532" });
    const rows = await ledger();
    expect(rows).toEqual([
      expect.objectContaining({ status: "settled", payer: account.address, amount: PRICE, network: "eip155:84532", txHash: receipt?.transaction }),
    ]);
    expect(await balance(account.address)).toBe(payerBefore - PRICE);
    expect(await balance(env.payTo)).toBe(payToBefore + PRICE);

    // v1 payments carry no payment-identifier: a copy rebuilt from the chain looks the same.
    const replay = await payV1(header);

    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: "authorization_used" });
    expect(readV1Receipt(replay)).toBeUndefined();
    expect(await ledger()).toEqual(rows);
    expect(await balance(account.address)).toBe(payerBefore - PRICE);
  });

  it("for an article, through proxy.ts, from the article's own 402", async () => {
    const unpaid = await proxy(new NextRequest(`${ORIGIN}${ARTICLE}`, { headers: { Accept: "application/json" } }));
    expect(unpaid.status).toBe(402);
    const [accept] = await v1Terms(unpaid);
    expect(accept).toMatchObject({ network: "base-sepolia", maxAmountRequired: "50000", resource: `${ORIGIN}${ARTICLE}` });
    const balanceBefore = await balance(account.address);

    const response = await proxy(
      new NextRequest(`${ORIGIN}${ARTICLE}`, { headers: { "X-PAYMENT": encodeV1Payment(await signV1Payment(account, accept!)) } }),
    );

    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(readV1Receipt(response)).toMatchObject({ success: true, network: "base-sepolia", payer: account.address });
    expect(await balance(account.address)).toBe(balanceBefore - 50_000n);
  });
});

describe("refused X-PAYMENT headers: the right 4xx with a reason, nothing recorded, nothing moved", () => {
  const account = payer(5);
  let rowsBefore: Awaited<ReturnType<typeof ledger>>;
  let balanceBefore: bigint;

  beforeEach(async () => {
    rowsBefore = await ledger();
    balanceBefore = await balance(account.address);
  });

  async function expectRefused(header: string, status: number, reason: string | RegExp) {
    const response = await payV1(header);
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error).toMatch(reason);
    expect(body.message).toEqual(expect.any(String));
    expect(body.insight).toBeUndefined();
    expect(readV1Receipt(response)).toBeUndefined();
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance(account.address)).toBe(balanceBefore);
    return { response, body };
  }

  it("a payment for another network: 402 with the terms again, v1 in the body and v2 in the header", async () => {
    const accept = { ...(await v1Accept()), network: "base" };
    const { response, body } = await expectRefused(encodeV1Payment(await signV1Payment(account, accept)), 402, "invalid_network");
    expect(body).toMatchObject({ x402Version: 1, accepts: [{ network: "base-sepolia" }] });
    expect(decodePaymentRequiredHeader(response.headers.get("PAYMENT-REQUIRED")!)).toMatchObject({
      error: "invalid_network",
      accepts: [{ network: "eip155:84532" }],
    });
  });

  it("a payment in another scheme: 402", async () => {
    const payload = await signV1Payment(account, await v1Accept());
    await expectRefused(encodeV1Payment({ ...payload, scheme: "upto" }), 402, "unsupported_scheme");
  });

  it("a v1 payment for less than the price: the facilitator's 402", async () => {
    const accept = { ...(await v1Accept()), maxAmountRequired: "1000" };
    await expectRefused(encodeV1Payment(await signV1Payment(account, accept)), 402, /value_mismatch/);
  });

  it("garbage: 400", async () => {
    await expectRefused("not base64 at all!", 400, "invalid_x_payment_header");
    await expectRefused(encodeV1Payment({ x402Version: 1, scheme: "exact" }), 400, "invalid_x_payment_header");
  });

  it("a v2 payload in X-PAYMENT: 400", async () => {
    const v2 = encodePayment(await signPayment({ account, required: paymentRequired(await get(URL)) }));
    await expectRefused(v2, 400, "invalid_x402_version");
  });

  it("a huge header: 431, before it is decoded", async () => {
    await expectRefused("A".repeat(MAX_PAYMENT_HEADER_LENGTH + 1), 431, "x_payment_header_too_large");
  });
});
