import { describe, expect, it } from "vitest";
import { grantCookieName, grantCovers, issueGrant, verifyGrant } from "./token";

const secret = "unit-test-secret-that-is-long-enough-0123";
const NOW = new Date("2026-01-01T00:00:00Z");
const nowSeconds = NOW.getTime() / 1000;
const base = {
  secret,
  resourceId: 7,
  resourcePath: "/articles/seven",
  payer: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  amount: 50_000n,
  txHash: "0xabc",
  expiresAt: nowSeconds + 3_600,
  secure: true,
  now: NOW,
};
const article = { id: 7, kind: "page" };

describe("grant tokens", () => {
  it("become an HttpOnly cookie scoped to the resource's path for what remains of the window", async () => {
    const grant = await issueGrant(base);
    expect(grant.name).toBe(grantCookieName(7));
    expect(grant.options).toEqual({ httpOnly: true, sameSite: "lax", secure: true, path: "/articles/seven", maxAge: 3_600 });
  });

  it("verify with their claims, and open their own resource only", async () => {
    const claims = await verifyGrant({ secret, token: (await issueGrant(base)).value, now: NOW });
    expect(claims).toEqual({ resourceId: 7, scope: "resource", payer: base.payer, amount: 50_000n, txHash: "0xabc", expiresAt: base.expiresAt });
    expect(grantCovers(claims!, article)).toBe(true);
    expect(grantCovers(claims!, { id: 8, kind: "page" })).toBe(false);
  });

  it("of a pass live in a site-wide cookie and open every article, but no API", async () => {
    const pass = await issueGrant({ ...base, resourceId: 3, resourcePath: "/passes/day", scope: "pages" });
    expect(pass.name).toBe("x402_pass_3");
    expect(pass.options.path).toBe("/");
    const claims = (await verifyGrant({ secret, token: pass.value, now: NOW }))!;
    expect(claims.scope).toBe("pages");
    expect(grantCovers(claims, { id: 99, kind: "page" })).toBe(true);
    expect(grantCovers(claims, { id: 3, kind: "pass" })).toBe(true);
    expect(grantCovers(claims, { id: 100, kind: "api" })).toBe(false);
    expect(grantCovers(claims, { id: 4, kind: "pass" })).toBe(false);
  });

  it("are refused once expired", async () => {
    const grant = await issueGrant(base);
    const later = new Date((base.expiresAt + 1) * 1000);
    expect(await verifyGrant({ secret, token: grant.value, now: later })).toBeUndefined();
  });

  it("checked once are still refused once expired, and under another secret", async () => {
    const { value } = await issueGrant({ ...base, resourceId: 9 });
    expect(await verifyGrant({ secret, token: value, now: NOW })).toMatchObject({ resourceId: 9 });
    expect(await verifyGrant({ secret, token: value, now: new Date((base.expiresAt + 1) * 1000) })).toBeUndefined();
    expect(await verifyGrant({ secret: "another-secret-that-is-long-enough-4567", token: value, now: NOW })).toBeUndefined();
  });

  it("are refused when signed with another secret", async () => {
    const grant = await issueGrant({ ...base, secret: "another-secret-that-is-long-enough-4567" });
    expect(await verifyGrant({ secret, token: grant.value, now: NOW })).toBeUndefined();
  });

  it("are refused when tampered with: another resource, or a pass's scope", async () => {
    const [header, payload, signature] = (await issueGrant(base)).value.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    for (const change of [{ rid: 8 }, { scp: "pages" }, { exp: base.expiresAt + 86_400 }]) {
      const forged = Buffer.from(JSON.stringify({ ...claims, ...change })).toString("base64url");
      expect(await verifyGrant({ secret, token: `${header}.${forged}.${signature}`, now: NOW })).toBeUndefined();
    }
  });

  it("refuse unsigned tokens and garbage", async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(
      JSON.stringify({ rid: 7, scp: "pages", sub: base.payer, tx: "0x", amt: "1", exp: 9_999_999_999, iss: "x402-paywall", aud: "grant" }),
    ).toString("base64url")}.`;
    for (const token of [undefined, "", "garbage", unsigned]) {
      expect(await verifyGrant({ secret, token, now: NOW })).toBeUndefined();
    }
  });
});
