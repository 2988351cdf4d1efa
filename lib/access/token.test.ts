import { describe, expect, it } from "vitest";
import { grantCookieName, issueGrant, verifyGrant } from "./token";

const secret = "unit-test-secret-that-is-long-enough-0123";
const base = {
  secret,
  resourceId: 7,
  resourcePath: "/articles/seven",
  payer: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  amount: 50_000n,
  txHash: "0xabc",
  accessSeconds: 3_600,
  secure: true,
};

describe("grant tokens", () => {
  it("issue an HttpOnly cookie scoped to the resource's path for its access window", async () => {
    const grant = await issueGrant(base);
    expect(grant.name).toBe(grantCookieName(7));
    expect(grant.options).toEqual({ httpOnly: true, sameSite: "lax", secure: true, path: "/articles/seven", maxAge: 3_600 });
  });

  it("verify for the same resource with the claims", async () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const grant = await issueGrant({ ...base, now });
    const claims = await verifyGrant({ secret, token: grant.value, resourceId: 7, now });
    expect(claims).toEqual({
      resourceId: 7,
      payer: base.payer,
      amount: 50_000n,
      txHash: "0xabc",
      expiresAt: now.getTime() / 1000 + 3_600,
    });
  });

  it("are refused for another resource", async () => {
    const grant = await issueGrant(base);
    expect(await verifyGrant({ secret, token: grant.value, resourceId: 8 })).toBeUndefined();
  });

  it("are refused once expired", async () => {
    const issued = new Date("2026-01-01T00:00:00Z");
    const grant = await issueGrant({ ...base, now: issued });
    const later = new Date(issued.getTime() + 3_601_000);
    expect(await verifyGrant({ secret, token: grant.value, resourceId: 7, now: later })).toBeUndefined();
  });

  it("are refused when signed with another secret", async () => {
    const grant = await issueGrant({ ...base, secret: "another-secret-that-is-long-enough-4567" });
    expect(await verifyGrant({ secret, token: grant.value, resourceId: 7 })).toBeUndefined();
  });

  it("are refused when tampered with", async () => {
    const grant = await issueGrant(base);
    const [header, payload, signature] = grant.value.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, rid: 8 })).toString("base64url");
    expect(await verifyGrant({ secret, token: `${header}.${forged}.${signature}`, resourceId: 8 })).toBeUndefined();
  });

  it("refuse unsigned tokens and garbage", async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(
      JSON.stringify({ rid: 7, sub: base.payer, tx: "0x", exp: 9_999_999_999, iss: "x402-paywall", aud: "grant" }),
    ).toString("base64url")}.`;
    for (const token of [undefined, "", "garbage", unsigned]) {
      expect(await verifyGrant({ secret, token, resourceId: 7 })).toBeUndefined();
    }
  });
});
