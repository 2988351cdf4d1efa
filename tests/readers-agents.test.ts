/**
 * The same URLs for people and programs: paid articles as markdown or JSON by Accept, the price
 * list, passes, Sign-In-With-X for a wallet that already paid, and payment-identifier retries.
 */
import { appendPaymentIdentifierToExtensions, generatePaymentId } from "@x402/extensions/payment-identifier";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as priceList } from "@/app/.well-known/x402/route";
import { GET as insights } from "@/app/api/insights/route";
import { usdcBalanceOf } from "@/lib/chain/local";
import type { Db } from "@/lib/db/client";
import { listPurchases } from "@/lib/db/queries/payments";
import { articles, payments, resources } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { invalidateCatalog } from "@/lib/x402/catalog";
import { createPayingFetch, readPaymentReceipt } from "@/lib/x402/client/pay";
import { createSignInFetch } from "@/lib/x402/client/sign-in";
import { proxy } from "@/proxy";
import { resetDatabase } from "./support/db";
import { cookieMaxAge, encodePayment, fetchFor, ORIGIN, payer, paymentRequired, signPayment } from "./support/x402";

const ARTICLE = "/articles/how-settlement-works";
const OTHER = "/articles/paying-without-an-account";
const PAID_SENTENCE = "Replays are stopped twice.";
const viaProxy: typeof fetch = async (input, init) => proxy(new NextRequest(new Request(input, init)));
const passedThrough = (response: Response) => response.headers.get("x-middleware-next") === "1";
const cookieOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!).join("; ");

let db: Db;

function payingFetch(index: number, fetch: typeof globalThis.fetch = viaProxy) {
  return createPayingFetch({
    signer: payer(index),
    network: env.network.caip2,
    asset: env.network.usdc.address,
    maxAmountPerPayment: 1_000_000n,
    fetch,
  });
}

beforeAll(async () => {
  db = await resetDatabase();
});

describe("a paid article by Accept", () => {
  it("comes as markdown to a client that asks for markdown", async () => {
    const response = await payingFetch(2)(`${ORIGIN}${ARTICLE}`, { headers: { Accept: "text/markdown" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(readPaymentReceipt(response)?.success).toBe(true);
    const markdown = await response.text();
    expect(markdown).toMatch(/^# How a facilitator settles a signed USDC transfer\n/);
    expect(markdown).toContain(PAID_SENTENCE);
  });

  it("comes as JSON to a client that asks for JSON, and again with the grant, without paying", async () => {
    const paid = await payingFetch(3)(`${ORIGIN}${ARTICLE}`, { headers: { Accept: "application/json" } });
    expect(paid.status).toBe(200);
    const article = await paid.json();
    expect(article).toMatchObject({
      url: `${ORIGIN}${ARTICLE}`,
      title: "How a facilitator settles a signed USDC transfer",
      price: { amount: "250000", decimal: "0.25", currency: "USDC" },
      body: expect.stringContaining(PAID_SENTENCE),
    });

    const again = await viaProxy(`${ORIGIN}${ARTICLE}`, { headers: { Accept: "text/markdown", Cookie: cookieOf(paid) } });
    expect(again.status).toBe(200);
    expect(again.headers.get("PAYMENT-RESPONSE")).toBeNull();
    expect(await again.text()).toContain(PAID_SENTENCE);
  });

  it("goes on to the HTML page for browsers and */*", async () => {
    const paid = await payingFetch(4)(`${ORIGIN}${ARTICLE}`, { headers: { Accept: "*/*" } });
    expect(passedThrough(paid)).toBe(true);
    expect(paid.headers.get("x-middleware-request-cookie")).toContain("x402_grant_");
  });

  it("is never in the 402, whatever the Accept", async () => {
    for (const accept of ["text/markdown", "application/json", "text/html"]) {
      const locked = await viaProxy(`${ORIGIN}${ARTICLE}`, { headers: { Accept: accept } });
      expect(locked.status).toBe(402);
      expect(await locked.text()).not.toContain(PAID_SENTENCE);
    }
  });
});

describe("/.well-known/x402", () => {
  it("lists exactly what is for sale, at current prices", async () => {
    const [draft] = await db.select().from(articles).where(eq(articles.slug, "paying-without-an-account"));
    await db.update(articles).set({ publishedAt: null }).where(eq(articles.id, draft!.id));
    await db.update(resources).set({ price: 12_345n }).where(eq(resources.path, "/api/insights"));
    invalidateCatalog();
    try {
      await expectPriceList();
    } finally {
      await db.update(articles).set({ publishedAt: draft!.publishedAt }).where(eq(articles.id, draft!.id));
      await db.update(resources).set({ price: 2_000n }).where(eq(resources.path, "/api/insights"));
      invalidateCatalog();
    }
  });

  async function expectPriceList() {
    const list = await (await priceList()).json();
    const byPath = Object.fromEntries(list.resources.map((item: { url: string }) => [new URL(item.url).pathname, item]));
    expect(Object.keys(byPath).sort()).toEqual([
      "/api/insights",
      "/articles/how-settlement-works",
      "/articles/http-402-payment-required",
      "/passes/day",
    ]);
    expect(byPath["/api/insights"]).toMatchObject({
      url: `${ORIGIN}/api/insights`,
      kind: "api",
      network: "eip155:31337",
      asset: env.network.usdc.address,
      payTo: env.payTo,
      mimeType: "application/json",
      price: { amount: "12345", decimal: "0.012345", currency: "USDC" },
    });
    expect(byPath["/passes/day"]).toMatchObject({ kind: "pass", accessSeconds: 86_400 });
  }
});

describe("a pass", () => {
  it("opens every article for its window, but no API", async () => {
    const bought = await payingFetch(5)(`${ORIGIN}/passes/day`, { headers: { Accept: "application/json" } });
    expect(passedThrough(bought)).toBe(true);
    expect(readPaymentReceipt(bought)?.success).toBe(true);
    const setCookie = bought.headers.getSetCookie().find((cookie) => cookie.startsWith("x402_pass_"))!;
    expect(setCookie).toContain("Path=/;");
    expect(cookieMaxAge(setCookie)).toBeLessThanOrEqual(86_400);
    expect(cookieMaxAge(setCookie)).toBeGreaterThanOrEqual(86_400 - 5);
    const cookie = setCookie.split(";")[0]!;

    for (const path of [ARTICLE, OTHER, "/articles/http-402-payment-required"]) {
      const article = await viaProxy(`${ORIGIN}${path}`, { headers: { Accept: "text/markdown", Cookie: cookie } });
      expect(article.status, path).toBe(200);
      expect(article.headers.get("PAYMENT-RESPONSE")).toBeNull();
    }
    expect(passedThrough(await viaProxy(`${ORIGIN}/passes/day`, { headers: { Cookie: cookie } }))).toBe(true);
    const api = await fetchFor(insights)(`${ORIGIN}/api/insights`, { headers: { Cookie: cookie } });
    expect(api.status).toBe(402);
  });
});

describe("Sign-In-With-X", () => {
  const reader = payer(6);
  const signer = { address: reader.address, signMessage: ({ message }: { message: string }) => reader.signMessage({ message }) };

  it("gives a wallet that paid its access back on another device, without paying", async () => {
    const paid = await payingFetch(6)(`${ORIGIN}${OTHER}`, { headers: { Accept: "application/json" } });
    expect(paid.status).toBe(200);
    const [rowsBefore, balanceBefore] = await Promise.all([db.select().from(payments), usdcBalanceOf(env.rpcUrl, reader.address)]);

    // A fresh device: no cookies, only the wallet.
    const back = await createSignInFetch(signer, viaProxy)(`${ORIGIN}${OTHER}`, { headers: { Accept: "text/markdown" } });

    expect(back.status).toBe(200);
    expect(await back.text()).toContain("The grant is deliberately narrow.");
    expect(back.headers.getSetCookie().some((cookie) => cookie.startsWith("x402_grant_"))).toBe(true);
    expect(await db.select().from(payments)).toEqual(rowsBefore);
    expect(await usdcBalanceOf(env.rpcUrl, reader.address)).toBe(balanceBefore);
  });

  it("refuses a wallet that did not pay, and a signed challenge used twice", async () => {
    const stranger = payer(7);
    const strangerSigner = { address: stranger.address, signMessage: ({ message }: { message: string }) => stranger.signMessage({ message }) };
    expect((await createSignInFetch(strangerSigner, viaProxy)(`${ORIGIN}${OTHER}`, { headers: { Accept: "text/markdown" } })).status).toBe(402);

    let signedRequest: Request | undefined;
    const recording: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.headers.has("sign-in-with-x")) signedRequest = request.clone();
      return viaProxy(request);
    };
    expect((await createSignInFetch(signer, recording)(`${ORIGIN}${OTHER}`, { headers: { Accept: "text/markdown" } })).status).toBe(200);
    const replay = await viaProxy(signedRequest!);
    expect(replay.status).toBe(402);
  });

  it("is not offered for pay-per-request resources", async () => {
    const required = paymentRequired(await fetchFor(insights)(`${ORIGIN}/api/insights`));
    expect(required.extensions?.["sign-in-with-x"]).toBeUndefined();
    expect(Object.keys(required.extensions ?? {}).sort()).toEqual(["bazaar", "payment-identifier"]);
  });
});

describe("my purchases", () => {
  it("lists what a wallet paid for, with receipts and how long access lasts", async () => {
    const purchases = await listPurchases(payer(6).address);
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({
      resourcePath: OTHER,
      resourceKind: "page",
      amount: 50_000n,
      status: "settled",
      txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      accessActive: true,
    });
    expect(purchases[0]!.accessUntil!.getTime() - purchases[0]!.settledAt!.getTime()).toBe(86_400_000);
    expect(await listPurchases(payer(9).address)).toEqual([]);
  });
});

describe("payment-identifier", () => {
  it("makes a retry with a new authorization but the same id return the first receipt, charged once", async () => {
    const account = payer(8);
    const get = fetchFor(insights);
    const required = paymentRequired(await get(`${ORIGIN}/api/insights`));
    const id = generatePaymentId();
    const sign = async () => {
      const payment = await signPayment({ account, required });
      payment.extensions = appendPaymentIdentifierToExtensions({ ...required.extensions }, id);
      return encodePayment(payment);
    };
    const balanceBefore = await usdcBalanceOf(env.rpcUrl, account.address);

    const first = await get(`${ORIGIN}/api/insights`, { headers: { "PAYMENT-SIGNATURE": await sign() } });
    const retry = await get(`${ORIGIN}/api/insights`, { headers: { "PAYMENT-SIGNATURE": await sign() } });

    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(readPaymentReceipt(retry)).toEqual(readPaymentReceipt(first));
    expect(await usdcBalanceOf(env.rpcUrl, account.address)).toBe(balanceBefore - 2_000n);
    const rows = await db.select().from(payments).where(eq(payments.payer, account.address));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ paymentIdentifier: id, status: "settled" });
  });
});
