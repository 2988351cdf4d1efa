/**
 * proxy.ts for paid pages: 402s for people and programs, settlement, grant cookies scoped to one
 * article, and the grant forwarded to the render of the paying request.
 */
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { grantCookieName, issueGrant } from "@/lib/access/token";
import type { Db } from "@/lib/db/client";
import { findArticle, updateArticle } from "@/lib/db/queries/articles";
import { payments, resources } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { invalidateCatalog } from "@/lib/x402/catalog";
import { createPayingFetch, readPaymentReceipt } from "@/lib/x402/client/pay";
import { proxy } from "@/proxy";
import { resetDatabase } from "./support/db";
import { cookieMaxAge, ORIGIN, payer, paymentRequired } from "./support/x402";
import { site } from "@/lib/site";

const ARTICLE = "/articles/paying-without-an-account";
const OTHER_ARTICLE = "/articles/how-settlement-works";
const BROWSER = { Accept: "text/html,application/xhtml+xml", "User-Agent": "Mozilla/5.0 (X11; Linux x86_64)" };

let db: Db;
let articleId: number;
let otherArticleId: number;

const request = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`${ORIGIN}${path}`, { headers }));
const passedThrough = (response: Response) => response.headers.get("x-middleware-next") === "1";

beforeAll(async () => {
  db = await resetDatabase();
  const rows = await db.select().from(resources);
  articleId = rows.find((row) => row.path === ARTICLE)!.id;
  otherArticleId = rows.find((row) => row.path === OTHER_ARTICLE)!.id;
});

describe("unpaid requests to a paid page", () => {
  it("programs get 402, PAYMENT-REQUIRED and a JSON reason, never cached", async () => {
    const response = await request(ARTICLE, { Accept: "application/json" });
    expect(response.status).toBe(402);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(paymentRequired(response).accepts[0]).toMatchObject({ amount: "50000", payTo: env.payTo });
    expect(await response.json()).toMatchObject({ error: "payment_required" });
  });

  it("browsers get the page itself (the teaser) under status 402 with the same header", async () => {
    const response = await request(ARTICLE, BROWSER);
    expect(response.status).toBe(402);
    expect(response.headers.get("x-middleware-rewrite")).toBe(`${ORIGIN}${ARTICLE}`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(paymentRequired(response).resource.url).toBe(`${ORIGIN}${ARTICLE}`);
  });

  it("an RSC request is asked to pay like any other (the router then loads the teaser page)", async () => {
    const response = await request(ARTICLE, { RSC: "1", "Next-Router-State-Tree": "%5B%22%22%5D", Accept: "*/*" });
    expect(response.status).toBe(402);
    expect(passedThrough(response)).toBe(false);
    expect(paymentRequired(response).resource.url).toBe(`${ORIGIN}${ARTICLE}`);
  });

  it("pages that are not for sale pass through", async () => {
    expect(passedThrough(await request("/", BROWSER))).toBe(true);
    expect(passedThrough(await request("/articles/no-such-article", BROWSER))).toBe(true);
  });

  it("an escaped slash names another route, not the paid one", async () => {
    expect(passedThrough(await request("/articles%2Fpaying-without-an-account"))).toBe(true);
  });

  it("an encoded or doubled path still asks for payment", async () => {
    expect((await request("/articles/paying%2Dwithout-an-account")).status).toBe(402);
    expect((await request("//articles//paying-without-an-account")).status).toBe(402);
  });
});

describe("refused before any page code runs", () => {
  it("a path whose escapes don't decode to text, or decode to a NUL, is a 400", async () => {
    for (const path of ["/articles/%FF", "/articles/%E2%82", `${ARTICLE}%00`, "/dashboard/resources/%C0"]) {
      const response = await request(path, BROWSER);
      expect(response.status, path).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_path" });
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    }
  });

  const post = (headers: Record<string, string>, body = "[]") =>
    proxy(new NextRequest(`${ORIGIN}/dashboard/resources/new`, { method: "POST", headers: { Host: new URL(ORIGIN).host, ...headers }, body }));
  const ACTION = { "Next-Action": "60aa", "Content-Type": "text/plain;charset=UTF-8" };

  it("a server action posted from another origin is a 403 (Next would answer 500)", async () => {
    for (const origin of ["https://evil.example", `${ORIGIN}:8080`, "null", "garbage"]) {
      const response = await post({ ...ACTION, Origin: origin });
      expect(response.status, origin).toBe(403);
      expect(await response.json()).toMatchObject({ error: "cross_origin_action" });
    }
    const form = await post({ Origin: "https://evil.example", "Content-Type": "multipart/form-data; boundary=x" }, "--x--");
    expect(form.status).toBe(403);
  });

  it("from this origin, or without an Origin (not a browser), it goes on to Next", async () => {
    expect(passedThrough(await post({ ...ACTION, Origin: ORIGIN }))).toBe(true);
    expect(passedThrough(await post(ACTION))).toBe(true);
    expect(passedThrough(await post({ ...ACTION, Origin: "https://paywall.example", "X-Forwarded-Host": "paywall.example" }))).toBe(true);
  });
});

describe("paying for a page", () => {
  const account = payer(6);
  let grantCookie: string;

  it("settles, sets a grant cookie scoped to the article, and forwards it to this render", async () => {
    const payingFetch = createPayingFetch({
      signer: account,
      network: env.network.caip2,
      asset: env.network.usdc.address,
      maxAmountPerPayment: 1_000_000n,
      fetch: async (input, init) => proxy(new NextRequest(new Request(input, init))),
    });

    const response = await payingFetch(`${ORIGIN}${ARTICLE}`);

    expect(passedThrough(response)).toBe(true);
    const receipt = readPaymentReceipt(response);
    expect(receipt?.success).toBe(true);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^${grantCookieName(articleId)}=`));
    expect(setCookie).toContain(`Path=${ARTICLE}`);
    expect(setCookie).toContain("HttpOnly");
    expect(cookieMaxAge(setCookie)).toBeLessThanOrEqual(site.defaultAccessSeconds);
    expect(cookieMaxAge(setCookie)).toBeGreaterThanOrEqual(site.defaultAccessSeconds - 5);
    grantCookie = setCookie.split(";")[0]!;
    expect(response.headers.get("x-middleware-request-cookie")).toContain(grantCookie);

    const rows = await db.select().from(payments);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "settled", resourceId: articleId, amount: 50_000n, txHash: receipt?.transaction });
  });

  it("a reader holding the grant passes without paying again", async () => {
    const response = await request(ARTICLE, { ...BROWSER, Cookie: grantCookie });
    expect(passedThrough(response)).toBe(true);
    expect(response.headers.get("PAYMENT-RESPONSE")).toBeNull();
    expect(await db.select().from(payments)).toHaveLength(1);
  });

  it("the grant does not open another article, even renamed to that article's cookie", async () => {
    expect((await request(OTHER_ARTICLE, { ...BROWSER, Cookie: grantCookie })).status).toBe(402);
    const renamed = grantCookie.replace(/^[^=]+/, grantCookieName(otherArticleId));
    expect((await request(OTHER_ARTICLE, { ...BROWSER, Cookie: renamed })).status).toBe(402);
  });

  it("forged, expired and foreign grants are refused", async () => {
    const forged = await issueGrant({
      secret: "another-secret-that-is-at-least-32-characters",
      resourceId: articleId,
      resourcePath: ARTICLE,
      payer: account.address,
      amount: 50_000n,
      txHash: "0x00",
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
      secure: false,
    });
    const expired = await issueGrant({
      secret: env.authSecret,
      resourceId: articleId,
      resourcePath: ARTICLE,
      payer: account.address,
      amount: 50_000n,
      txHash: "0x00",
      expiresAt: Math.floor(Date.now() / 1000) - 3_540,
      secure: false,
      now: new Date(Date.now() - 3_600_000),
    });
    for (const value of [forged.value, expired.value, "garbage", `${grantCookie.split("=")[1]}x`]) {
      const response = await request(ARTICLE, { ...BROWSER, Cookie: `${grantCookieName(articleId)}=${value}` });
      expect(response.status).toBe(402);
    }
  });
});

describe("an article renamed after it was paid for", () => {
  it("moves the reader's grant to the new URL: the old one redirects there with the same grant, which opens it", async () => {
    const found = await findArticle({ slug: "paying-without-an-account" });
    const issued = await issueGrant({
      secret: env.authSecret,
      resourceId: found!.resource.id,
      resourcePath: ARTICLE,
      payer: payer(3).address,
      amount: 50_000n,
      txHash: `0x${"ab".repeat(32)}`,
      expiresAt: Math.floor(Date.now() / 1000) + 3_600,
      secure: false,
    });
    const cookie = `${issued.name}=${issued.value}`;
    const { article, resource } = found!;
    const input = { ...article, slug: "paying-without-any-account", price: resource.price, accessSeconds: resource.accessSeconds };
    await updateArticle(article.id, input, "test");
    invalidateCatalog();
    try {
      const moved = await request(ARTICLE, { ...BROWSER, Cookie: cookie });
      expect(moved.status).toBe(308);
      expect(moved.headers.get("location")).toBe(`${env.siteUrl}/articles/paying-without-any-account`);
      const setCookie = moved.headers.get("set-cookie")!;
      expect(setCookie).toContain(`${issued.name}=${issued.value}`);
      expect(setCookie).toContain("Path=/articles/paying-without-any-account");

      expect(passedThrough(await request("/articles/paying-without-any-account", { ...BROWSER, Cookie: cookie }))).toBe(true);
      // Without a grant, the old URL is the page's own redirect (no cookie handed out).
      expect((await request(ARTICLE, BROWSER)).headers.get("set-cookie")).toBeNull();
    } finally {
      await updateArticle(article.id, { ...input, slug: "paying-without-an-account" }, "test");
      invalidateCatalog();
    }
  });
});
