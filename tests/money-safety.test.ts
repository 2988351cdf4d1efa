/**
 * THREATS.md invariants 1, 3, 4, 5 and 10, attacked in-process: a chain watcher rebuilding payment
 * headers from settlement calldata, a hostile payer signing authorizations the official client
 * never would, payment-identifiers reused across payers and resources, and retries that must get
 * the first result — never a second run, a second charge, or more access than was bought.
 */
import type { PaymentRequired } from "@x402/core/types";
import { generatePaymentId } from "@x402/extensions/payment-identifier";
import { createSIWxPayload, encodeSIWxHeader, type CompleteSIWxInfo, type SIWxPayload } from "@x402/extensions/sign-in-with-x";
import { eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { NextRequest } from "next/server";
import type { Hex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as insights } from "@/app/api/insights/route";
import { usdcBalanceOf } from "@/lib/chain/local";
import type { Db } from "@/lib/db/client";
import { findActivePurchase } from "@/lib/db/queries/payments";
import { payments, resources } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { invalidateCatalog } from "@/lib/x402/catalog";
import { createPayingFetch, readPaymentReceipt } from "@/lib/x402/client/pay";
import { proxy } from "@/proxy";
import { rebuildPaymentHeader } from "./support/chain-watcher";
import { resetDatabase } from "./support/db";
import { encodePayment, fetchFor, ORIGIN, payer, paymentRequired, signPayment } from "./support/x402";

const API = `${ORIGIN}/api/insights`;
const ARTICLE = "/articles/paying-without-an-account";
const OTHER_ARTICLE = "/articles/how-settlement-works";
const PASS = "/passes/day";
const JSON_ACCEPT = { Accept: "application/json" };

const api = fetchFor(insights);
const page = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`${ORIGIN}${path}`, { headers: { ...JSON_ACCEPT, ...headers } }));
const pageFetch: typeof fetch = async (input, init) => proxy(new NextRequest(new Request(input, init)));

let db: Db;
const ledger = () => db.select().from(payments).orderBy(payments.id);
const balance = (address: Hex) => usdcBalanceOf(env.rpcUrl, address);

beforeAll(async () => {
  db = await resetDatabase();
});

/** Pays `url` with the official client (which sends a fresh payment-identifier) and returns the response. */
async function payWithOfficialClient(url: string, index: number, via: typeof fetch): Promise<Response> {
  const paying = createPayingFetch({
    signer: payer(index),
    network: env.network.caip2,
    asset: env.network.usdc.address,
    maxAmountPerPayment: 1_000_000n,
    fetch: via,
  });
  const response = await paying(url, { headers: JSON_ACCEPT });
  expect(response.status).toBe(200);
  return response;
}

describe("a chain watcher who rebuilds PAYMENT-SIGNATURE from settlement calldata", () => {
  const cases: { name: string; url: string; send: (header: string) => Promise<Response>; offer: () => Promise<PaymentRequired>; via: typeof fetch }[] = [
    {
      name: "a paid API (a new handler run)",
      url: API,
      send: (header) => api(API, { headers: { "PAYMENT-SIGNATURE": header } }),
      offer: async () => paymentRequired(await api(API)),
      via: api,
    },
    {
      name: "an article (a fresh grant)",
      url: `${ORIGIN}${ARTICLE}`,
      send: (header) => page(ARTICLE, { "PAYMENT-SIGNATURE": header }),
      offer: async () => paymentRequired(await page(ARTICLE)),
      via: pageFetch,
    },
    {
      name: "a day pass (a fresh pass)",
      url: `${ORIGIN}${PASS}`,
      send: (header) => page(PASS, { "PAYMENT-SIGNATURE": header }),
      offer: async () => paymentRequired(await page(PASS)),
      via: pageFetch,
    },
  ];

  for (const { name, url, send, offer, via } of cases) {
    it(`gets 409 authorization_used for ${name}: no content, no cookie, no receipt, no charge`, async () => {
      const paid = await payWithOfficialClient(url, 3, via);
      const txHash = readPaymentReceipt(paid)!.transaction as Hex;
      const header = await rebuildPaymentHeader(env.rpcUrl, txHash, await offer());
      const [rowsBefore, payerBefore] = await Promise.all([ledger(), balance(payer(3).address)]);

      const replay = await send(header);

      expect(replay.status).toBe(409);
      const body = await replay.json();
      expect(body).toMatchObject({ error: "authorization_used" });
      expect(body).not.toHaveProperty("insight");
      expect(body).not.toHaveProperty("body");
      expect(replay.headers.get("set-cookie")).toBeNull();
      expect(replay.headers.get("PAYMENT-RESPONSE")).toBeNull();
      expect(await ledger()).toEqual(rowsBefore);
      expect(await balance(payer(3).address)).toBe(payerBefore);
    });
  }

  it("is not offered terms to pay again on an API without an access window: nothing there to sign in to", async () => {
    const paid = await payWithOfficialClient(API, 4, api);
    const header = await rebuildPaymentHeader(env.rpcUrl, readPaymentReceipt(paid)!.transaction as Hex, paymentRequired(await api(API)));
    const replay = await api(API, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(replay.status).toBe(409);
    expect(replay.headers.get("PAYMENT-REQUIRED")).toBeNull();
  });

  it("is pointed to Sign-In-With-X on a resource with an access window (the wallet that paid can use it)", async () => {
    const paid = await payWithOfficialClient(`${ORIGIN}${ARTICLE}`, 4, pageFetch);
    const header = await rebuildPaymentHeader(env.rpcUrl, readPaymentReceipt(paid)!.transaction as Hex, paymentRequired(await page(ARTICLE)));
    const replay = await page(ARTICLE, { "PAYMENT-SIGNATURE": header });
    expect(replay.status).toBe(409);
    expect(Object.keys(paymentRequired(replay).extensions ?? {})).toContain("sign-in-with-x");
  });
});

describe("a hostile payer's own authorizations", () => {
  async function signedFor(validity: { validAfter?: string; validBefore?: string }) {
    const required = paymentRequired(await api(API));
    return encodePayment(await signPayment({ account: payer(5), required, authorization: validity }));
  }

  it("valid for ten years is refused before verify (402 authorization_valid_too_long), nothing recorded or charged", async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = await signedFor({ validBefore: String(now + 10 * 365 * 86_400) });
    const [rowsBefore, payerBefore] = await Promise.all([ledger(), balance(payer(5).address)]);
    const response = await api(API, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(response.status).toBe(402);
    expect(await response.json()).toMatchObject({ error: "authorization_valid_too_long" });
    expect(paymentRequired(response).error).toBe("authorization_valid_too_long");
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance(payer(5).address)).toBe(payerBefore);
  });

  it("valid past uint64 (the ledger's column) is refused the same way, never a 500", async () => {
    const header = await signedFor({ validBefore: (2n ** 256n - 1n).toString() });
    const response = await api(API, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(response.status).toBe(402);
    expect(await response.json()).toMatchObject({ error: "authorization_valid_too_long" });
  });

  it("not valid yet (validAfter in an hour) is refused before verify (402 authorization_not_yet_valid)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = await signedFor({ validAfter: String(now + 3_600), validBefore: String(now + 300) });
    const rowsBefore = await ledger();
    const response = await api(API, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(response.status).toBe(402);
    expect(await response.json()).toMatchObject({ error: "authorization_not_yet_valid" });
    expect(await ledger()).toEqual(rowsBefore);
  });

  it("within the offer's maxTimeoutSeconds plus a minute of clock skew is accepted", async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = await signedFor({ validBefore: String(now + 300 + 30) });
    expect((await api(API, { headers: { "PAYMENT-SIGNATURE": header } })).status).toBe(200);
  });
});

describe("a payment sent with a method whose answer has no body", () => {
  it.each([
    ["HEAD on the API", () => api(API, { method: "HEAD" }), (header: string) => api(API, { method: "HEAD", headers: { "PAYMENT-SIGNATURE": header } })],
    ["HEAD on an article", () => page(ARTICLE), (header: string) => proxy(new NextRequest(`${ORIGIN}${ARTICLE}`, { method: "HEAD", headers: { "PAYMENT-SIGNATURE": header } }))],
    ["POST to an article", () => page(ARTICLE), (header: string) => proxy(new NextRequest(`${ORIGIN}${ARTICLE}`, { method: "POST", headers: { "PAYMENT-SIGNATURE": header } }))],
  ])("%s is refused (405) before anything is charged", async (_name, offer, send) => {
    const account = payer(8);
    const header = encodePayment(await signPayment({ account, required: paymentRequired(await offer()), identifier: generatePaymentId() }));
    const [rowsBefore, payerBefore] = await Promise.all([ledger(), balance(account.address)]);
    const response = await send(header);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toMatch(/GET/);
    expect(response.headers.get("PAYMENT-RESPONSE")).toBeNull();
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance(account.address)).toBe(payerBefore);
  });
});

describe("a payment sent with a request for something other than the page", () => {
  it.each([
    ["RSC: 1", ARTICLE, { RSC: "1" }],
    ["Accept: text/x-component", ARTICLE, { Accept: "text/x-component" }],
    ["a router prefetch", ARTICLE, { "Next-Router-Prefetch": "1", Accept: "text/html" }],
    ["a middleware prefetch (answered with {})", ARTICLE, { "x-middleware-prefetch": "1", Accept: "text/html" }],
    ["a browser prefetch", ARTICLE, { "Sec-Purpose": "prefetch", Accept: "text/html" }],
    ["the router's ?_rsc= fetch", `${ARTICLE}?_rsc=abcde`, { Accept: "text/html" }],
    ["a middleware prefetch of a pass", PASS, { "x-middleware-prefetch": "1", Accept: "text/html" }],
  ])("(%s) is refused (406) before anything is charged: Next answers it with a redirect or nothing, not the page", async (_name, path, headers) => {
    const account = payer(8);
    const header = encodePayment(await signPayment({ account, required: paymentRequired(await page(path)), identifier: generatePaymentId() }));
    const [rowsBefore, payerBefore] = await Promise.all([ledger(), balance(account.address)]);

    const response = await page(path, { ...headers, "PAYMENT-SIGNATURE": header });

    expect(response.status).toBe(406);
    expect(await response.json()).toMatchObject({ error: "payment_needs_a_page_request" });
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance(account.address)).toBe(payerBefore);
  });
});

describe("payment-identifiers", () => {
  it("one reused by the same wallet for another resource is refused (409), nothing charged", async () => {
    const id = generatePaymentId();
    const account = payer(6);
    const first = encodePayment(await signPayment({ account, required: paymentRequired(await page(ARTICLE)), identifier: id }));
    expect((await page(ARTICLE, { "PAYMENT-SIGNATURE": first })).status).toBe(200);
    const payerBefore = await balance(account.address);

    const other = encodePayment(await signPayment({ account, required: paymentRequired(await page(OTHER_ARTICLE)), identifier: id }));
    const response = await page(OTHER_ARTICLE, { "PAYMENT-SIGNATURE": other });

    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: "payment_identifier_reused" });
    expect(await balance(account.address)).toBe(payerBefore);
  });

  it("another wallet's identifier opens nothing of theirs: the new wallet pays for itself", async () => {
    const id = generatePaymentId();
    const first = encodePayment(await signPayment({ account: payer(6), required: paymentRequired(await api(API)), identifier: id }));
    const firstAnswer = await (await api(API, { headers: { "PAYMENT-SIGNATURE": first } })).json();
    const strangerBefore = await balance(payer(7).address);

    const stranger = encodePayment(await signPayment({ account: payer(7), required: paymentRequired(await api(API)), identifier: id }));
    const response = await api(API, { headers: { "PAYMENT-SIGNATURE": stranger } });

    expect(response.status).toBe(200);
    expect(await response.json()).not.toEqual(firstAnswer);
    expect(await balance(payer(7).address)).toBe(strangerBefore - 2_000n);
  });
});

describe("payment-identifiers sent at once", () => {
  /** `count` authorizations from one wallet under one payment-identifier, as a client retrying in a hurry signs them. */
  async function signedUnderOneKey(count: number, index: number, required: PaymentRequired, id: string) {
    return Promise.all(Array.from({ length: count }, async () => encodePayment(await signPayment({ account: payer(index), required, identifier: id }))));
  }

  it.each([
    ["an article", () => page(ARTICLE), (header: string) => page(ARTICLE, { "PAYMENT-SIGNATURE": header }), 50_000n, 3],
    ["an API", () => api(API), (header: string) => api(API, { headers: { "PAYMENT-SIGNATURE": header } }), 2_000n, 4],
  ] as const)("for %s charge once: the others wait (409) and then get the same result", async (_name, offer, pay, price, index) => {
    const id = generatePaymentId();
    const headers = await signedUnderOneKey(4, index, paymentRequired(await offer()), id);
    const payerBefore = await balance(payer(index).address);

    const responses = await Promise.all(headers.map(pay));

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    expect(await balance(payer(index).address)).toBe(payerBefore - price);
    const rows = (await ledger()).filter((row) => row.paymentIdentifier === id);
    expect(rows.filter((row) => row.status === "settled")).toHaveLength(1);
    expect(rows.filter((row) => row.status === "pending")).toHaveLength(0);

    // Each waiting request, asked again, gets what the one that settled bought: no second charge.
    const settled = rows.find((row) => row.status === "settled")!;
    for (const [i, response] of responses.entries()) {
      if (response.status !== 409) continue;
      expect(await response.json()).toMatchObject({ error: "payment_in_progress" });
      const again = await pay(headers[i]!);
      expect(again.status).toBe(200);
      expect(readPaymentReceipt(again)?.transaction).toBe(settled.txHash);
    }
    expect(await balance(payer(index).address)).toBe(payerBefore - price);
  });
});

describe("a payment-identifier the extension's own rules refuse", () => {
  it.each([
    ["too short", "abc"],
    ["too long", "a".repeat(129)],
    ["with markup", "<script>alert(1)</script>-abcdefgh"],
    ["a number", 12345678901234567890],
    ["an object", { id: "pay_0123456789abcdef" }],
  ])("(%s) is refused with 400 invalid_payment_identifier before verify: nothing recorded or charged", async (_name, id) => {
    const payload = await signPayment({ account: payer(5), required: paymentRequired(await api(API)), identifier: generatePaymentId() });
    (payload.extensions!["payment-identifier"] as { info: { id: unknown } }).info.id = id;
    const [rowsBefore, payerBefore] = await Promise.all([ledger(), balance(payer(5).address)]);

    const response = await api(API, { headers: { "PAYMENT-SIGNATURE": encodePayment(payload) } });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_payment_identifier" });
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance(payer(5).address)).toBe(payerBefore);
  });
});

describe("a payload that names an object's prototype", () => {
  // Written into the JSON text: JSON.parse makes such keys own properties, as a server reading the header does.
  it.each([
    ["extensions.__proto__", (json: string) => json.replace(/}$/, ',"extensions":{"__proto__":{"x":1}}}')],
    ["extensions.constructor", (json: string) => json.replace(/}$/, ',"extensions":{"constructor":{"x":1}}}')],
    ["accepted.extra.__proto__", (json: string) => json.replace('"extra":{', '"extra":{"__proto__":{"name":"x"},')],
  ])("(%s) is refused with 400 invalid_payment_header, never a 402 with an internal error", async (_name, taint) => {
    const payload = await signPayment({ account: payer(5), required: paymentRequired(await api(API)) });
    const json = taint(JSON.stringify(payload));
    expect(json).toMatch(/"(__proto__|constructor)"/);
    const [rowsBefore, payerBefore] = await Promise.all([ledger(), balance(payer(5).address)]);

    const response = await api(API, { headers: { "PAYMENT-SIGNATURE": Buffer.from(json).toString("base64") } });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_payment_header" });
    expect(await ledger()).toEqual(rowsBefore);
    expect(await balance(payer(5).address)).toBe(payerBefore);
  });
});

describe("a sign-in proof (Sign-In-With-X) bent by whoever holds it", () => {
  /** A proof signed by `index` for the challenge in `path`'s 402, with `changes` signed into it. */
  async function proof(index: number, path: string, changes: Partial<SIWxPayload> = {}): Promise<string> {
    const challenge = paymentRequired(await page(path)).extensions?.["sign-in-with-x"] as {
      info: Omit<CompleteSIWxInfo, "chainId" | "type">;
      supportedChains: { chainId: string; type: "eip191" }[];
    };
    const account = payer(index);
    const signer = { address: account.address, signMessage: ({ message }: { message: string }) => account.signMessage({ message }) };
    const info = { ...challenge.info, ...challenge.supportedChains[0]!, ...changes } as CompleteSIWxInfo;
    return encodeSIWxHeader(await createSIWxPayload(info, signer, `${ORIGIN}${path}`));
  }

  beforeAll(async () => {
    await payWithOfficialClient(`${ORIGIN}${ARTICLE}`, 8, pageFetch);
    await payWithOfficialClient(`${ORIGIN}${OTHER_ARTICLE}`, 8, pageFetch);
  });

  it("opens the article it names, for the wallet that bought it (the control)", async () => {
    expect((await page(ARTICLE, { "SIGN-IN-WITH-X": await proof(8, ARTICLE) })).status).toBe(200);
  });

  it.each([
    ["one signed for another article", () => proof(8, OTHER_ARTICLE), "sign_in_wrong_resource"],
    ["one naming another site among its resources", () => proof(8, ARTICLE, { resources: ["http://evil.example/x"] }), "sign_in_wrong_resource"],
    ["one signed for another chain", () => proof(8, ARTICLE, { chainId: "eip155:1" }), "sign_in_wrong_network"],
    [
      "one valid for a year",
      () => proof(8, ARTICLE, { expirationTime: new Date(Date.now() + 365 * 86_400_000).toISOString() }),
      "sign_in_valid_too_long",
    ],
  ])("%s is refused with the reason and the terms (402), no grant", async (_name, make, reason) => {
    const response = await page(ARTICLE, { "SIGN-IN-WITH-X": await make() });
    expect(response.status).toBe(402);
    expect(await response.json()).toMatchObject({ error: reason });
    expect(paymentRequired(response).accepts).toHaveLength(1);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe("a page whose window went to 0 after a purchase", () => {
  it("still offers Sign-In-With-X, which gives the earlier buyer what is left of the window bought", async () => {
    const account = payer(2);
    const header = encodePayment(await signPayment({ account, required: paymentRequired(await page(OTHER_ARTICLE)), identifier: generatePaymentId() }));
    expect((await page(OTHER_ARTICLE, { "PAYMENT-SIGNATURE": header })).status).toBe(200);
    await db.update(resources).set({ accessSeconds: 0 }).where(eq(resources.path, OTHER_ARTICLE));
    invalidateCatalog();
    try {
      const offer = paymentRequired(await page(OTHER_ARTICLE));
      expect(Object.keys(offer.extensions ?? {})).toContain("sign-in-with-x");
      const resource = (await db.select().from(resources).where(eq(resources.path, OTHER_ARTICLE)))[0]!;
      expect(await findActivePurchase(resource, account.address)).toMatchObject({ resourceId: resource.id });
    } finally {
      await db.update(resources).set({ accessSeconds: 86_400 }).where(eq(resources.path, OTHER_ARTICLE));
      invalidateCatalog();
    }
  });
});

describe("a retry by the client that paid", () => {
  it("of an article keeps the access bought then: the grant ends at settlement + the window of the purchase", async () => {
    const account = payer(2);
    const header = encodePayment(await signPayment({ account, required: paymentRequired(await page(ARTICLE)), identifier: generatePaymentId() }));
    expect((await page(ARTICLE, { "PAYMENT-SIGNATURE": header })).status).toBe(200);
    const [row] = (await ledger()).filter((payment) => payment.payer === account.address).slice(-1);
    expect(row!.accessSeconds).toBe(86_400);

    // The publisher shortens the window afterwards: what was bought is kept, and never extended.
    await db.update(resources).set({ accessSeconds: 60 }).where(eq(resources.path, ARTICLE));
    invalidateCatalog();
    try {
      const retry = await page(ARTICLE, { "PAYMENT-SIGNATURE": header });
      expect(retry.status).toBe(200);
      const grant = /x402_grant_\d+=([^;]+)/.exec(retry.headers.get("set-cookie") ?? "")![1]!;
      expect(decodeJwt(grant).exp).toBe(Math.floor(row!.settledAt!.getTime() / 1000) + 86_400);
      const resource = (await db.select().from(resources).where(eq(resources.path, ARTICLE)))[0]!;
      const purchase = await findActivePurchase(resource, account.address);
      expect(purchase?.expiresAt).toBe(Math.floor(row!.settledAt!.getTime() / 1000) + 86_400);
    } finally {
      await db.update(resources).set({ accessSeconds: 86_400 }).where(eq(resources.path, ARTICLE));
      invalidateCatalog();
    }
  });
});

describe("pay-per-view (an access window of 0)", () => {
  it("delivers the article with the paying response itself, keeps no grant, and the next view asks again", async () => {
    await db.update(resources).set({ accessSeconds: 0 }).where(eq(resources.path, OTHER_ARTICLE));
    invalidateCatalog();
    try {
      const paid = await payWithOfficialClient(`${ORIGIN}${OTHER_ARTICLE}`, 5, pageFetch);
      expect(await paid.json()).toMatchObject({ body: expect.any(String), bodyHtml: expect.stringContaining("<p>") });
      expect(paid.headers.get("set-cookie")).toBeNull();
      expect((await page(OTHER_ARTICLE)).status).toBe(402);
    } finally {
      await db.update(resources).set({ accessSeconds: 86_400 }).where(eq(resources.path, OTHER_ARTICLE));
      invalidateCatalog();
    }
  });
});
