/**
 * The app configured for Base Sepolia pays end to end offline: the official @x402/fetch client, the
 * in-process facilitator with its own key, and TestUSDC standing in for USDC at its real address on
 * an anvil with Base Sepolia's chain id (see support/global-setup.ts).
 */
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as insights } from "@/app/api/insights/route";
import { usdcBalanceOf } from "@/lib/chain/local";
import type { Db } from "@/lib/db/client";
import { payments } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createPayingFetch, readPaymentReceipt } from "@/lib/x402/client/pay";
import { proxy } from "@/proxy";
import { resetDatabase } from "../support/db";
import { fetchFor, ORIGIN, payer, payingFetchFor, paymentRequired } from "../support/x402";

const USDC = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
const URL = `${ORIGIN}/api/insights`;
const ARTICLE = "/articles/paying-without-an-account";

let db: Db;
const ledger = () => db.select().from(payments).orderBy(payments.id);
const balance = (address: `0x${string}`) => usdcBalanceOf(env.rpcUrl, address, env.network);

beforeAll(async () => {
  db = await resetDatabase();
});

describe("Base Sepolia terms", () => {
  it("name eip155:84532 and USDC at its real address, with its EIP-712 domain", async () => {
    expect(env.network.name).toBe("base-sepolia");
    const response = await fetchFor(insights)(URL);
    expect(response.status).toBe(402);
    expect(paymentRequired(response).accepts).toEqual([
      {
        scheme: "exact",
        network: "eip155:84532",
        amount: "2000",
        asset: USDC,
        payTo: env.payTo,
        maxTimeoutSeconds: 300,
        extra: { name: "USDC", version: "2" },
      },
    ]);
  });
});

describe("the official @x402/fetch client pays on Base Sepolia", () => {
  it("for the API: 200, a receipt on eip155:84532, the ledger settled, USDC moved", async () => {
    const account = payer(2);
    const [payerBefore, payToBefore] = await Promise.all([balance(account.address), balance(env.payTo)]);

    const response = await payingFetchFor(insights, account)(URL);

    expect(response.status).toBe(200);
    const receipt = readPaymentReceipt(response);
    expect(receipt).toMatchObject({ success: true, network: "eip155:84532", payer: account.address });
    expect(receipt?.transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await response.json()).toMatchObject({ paidBy: account.address });
    expect(await ledger()).toEqual([
      expect.objectContaining({ status: "settled", network: "eip155:84532", asset: USDC, amount: 2_000n, txHash: receipt?.transaction }),
    ]);
    expect(await balance(account.address)).toBe(payerBefore - 2_000n);
    expect(await balance(env.payTo)).toBe(payToBefore + 2_000n);
  });

  it("for an article, through proxy.ts: the page is served with the receipt", async () => {
    const account = payer(3);
    const balanceBefore = await balance(account.address);
    const payingFetch = createPayingFetch({
      signer: account,
      network: env.network.caip2,
      asset: env.network.usdc.address,
      maxAmountPerPayment: 1_000_000n,
      fetch: async (input, init) => proxy(new NextRequest(new Request(input, init))),
    });

    const response = await payingFetch(`${ORIGIN}${ARTICLE}`);

    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(readPaymentReceipt(response)).toMatchObject({ success: true, network: "eip155:84532", payer: account.address });
    expect(await ledger()).toHaveLength(2);
    expect(await balance(account.address)).toBe(balanceBefore - 50_000n);
  });
});
