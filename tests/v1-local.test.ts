/**
 * x402 v1 on the local chain: v1 has no name for eip155:31337, so no v1 payment can be meant for
 * it. An `X-PAYMENT` is refused with a reason and the v2 terms, and never settled. (The v1 payments
 * that do work are tested on Base Sepolia, in tests/base-sepolia/.)
 */
import type { PaymentRequirementsV1 } from "@x402/core/schemas";
import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as insights } from "@/app/api/insights/route";
import { usdcBalanceOf } from "@/lib/chain/local";
import type { Db } from "@/lib/db/client";
import { payments } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { readPaymentReceipt } from "@/lib/x402/client/pay";
import { proxy } from "@/proxy";
import { resetDatabase } from "./support/db";
import { encodeV1Payment, readV1Receipt, signV1Payment } from "./support/v1";
import { encodePayment, fetchFor, ORIGIN, payer, paymentRequired, signPayment } from "./support/x402";

const URL = `${ORIGIN}/api/insights`;
const ARTICLE = "/articles/paying-without-an-account";
const get = fetchFor(insights);
const account = payer(5);

let db: Db;
const ledger = () => db.select().from(payments).orderBy(payments.id);
const balance = () => usdcBalanceOf(env.rpcUrl, account.address);

/** The best a v1 client could do here: sign the local terms under a v1 network name. */
async function v1Header(url: string): Promise<string> {
  const response = url === URL ? await get(url) : await proxy(new NextRequest(url, { headers: { Accept: "application/json" } }));
  const { resource, accepts } = paymentRequired(response);
  const requirement = accepts[0]!;
  const accept: PaymentRequirementsV1 = {
    scheme: requirement.scheme,
    network: "base-sepolia",
    maxAmountRequired: requirement.amount,
    resource: resource.url,
    description: "",
    mimeType: "",
    payTo: requirement.payTo,
    maxTimeoutSeconds: requirement.maxTimeoutSeconds,
    asset: requirement.asset,
    extra: requirement.extra,
  };
  return encodeV1Payment(await signV1Payment(account, accept));
}

beforeAll(async () => {
  db = await resetDatabase();
});

describe("x402 v1 on the local chain", () => {
  let rowsBefore: Awaited<ReturnType<typeof ledger>>;
  let balanceBefore: bigint;

  beforeEach(async () => {
    rowsBefore = await ledger();
    balanceBefore = await balance();
  });

  async function expectNothingSettled(response: Response) {
    expect(readPaymentReceipt(response)).toBeUndefined();
    expect(readV1Receipt(response)).toBeUndefined();
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance()).toBe(balanceBefore);
  }

  it("a 402 keeps the v2 terms in its body: there is no v1 name to offer them under", async () => {
    const response = await get(URL);
    expect(response.status).toBe(402);
    const body = await response.json();
    expect(body).toMatchObject({ error: "payment_required", x402Version: 2, resource: { url: URL } });
    expect(body.accepts).toEqual(paymentRequired(response).accepts);
  });

  it("an X-PAYMENT is refused with 402, a reason naming v2, and the v2 terms; nothing settles", async () => {
    const response = await get(URL, { headers: { "X-PAYMENT": await v1Header(URL) } });

    expect(response.status).toBe(402);
    const body = await response.json();
    expect(body).toMatchObject({ error: "x402_v1_unavailable", message: expect.stringContaining("PAYMENT-SIGNATURE"), x402Version: 2 });
    const required = paymentRequired(response);
    expect(required.error).toBe("x402_v1_unavailable");
    expect(required.accepts[0]).toMatchObject({ network: "eip155:31337", amount: "2000" });
    expect(body.accepts).toEqual(required.accepts);
    expect(body.insight).toBeUndefined();
    await expectNothingSettled(response);
  });

  it("on a paid page too, and a browser-like request gets that reason as JSON, not the teaser", async () => {
    const header = await v1Header(`${ORIGIN}${ARTICLE}`);
    const response = await proxy(
      new NextRequest(`${ORIGIN}${ARTICLE}`, {
        headers: { Accept: "text/html", "User-Agent": "Mozilla/5.0", "X-PAYMENT": header },
      }),
    );

    expect(response.status).toBe(402);
    expect(response.headers.get("x-middleware-rewrite")).toBeNull();
    expect((await response.json()).error).toBe("x402_v1_unavailable");
    await expectNothingSettled(response);
  });

  it("a malformed X-PAYMENT is a 400 with its reason", async () => {
    const response = await get(URL, { headers: { "X-PAYMENT": "not base64!" } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_x_payment_header", message: expect.stringContaining("X-PAYMENT") });
    await expectNothingSettled(response);
  });

  it("next to a PAYMENT-SIGNATURE it is ignored: the v2 payment pays, with a v2 receipt only", async () => {
    const required = paymentRequired(await get(URL));
    const response = await get(URL, {
      headers: { "PAYMENT-SIGNATURE": encodePayment(await signPayment({ account, required })), "X-PAYMENT": "not base64!" },
    });

    expect(response.status).toBe(200);
    expect(readPaymentReceipt(response)?.success).toBe(true);
    expect(readV1Receipt(response)).toBeUndefined();
    expect(await ledger()).toHaveLength(rowsBefore.length + 1);
  });
});
