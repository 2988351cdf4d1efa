/**
 * Access grants: after a settled payment the reader gets an HttpOnly cookie holding a signed token
 * (HS256 JWT) for the access window. A grant is self-contained, so any app instance can check it
 * without a database round trip. Its scope is either the one resource that was paid for, or — for
 * a pass — every article (page resource).
 */
import { createSecretKey, type KeyObject } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";

const ISSUER = "x402-paywall";
const AUDIENCE = "grant";

export type GrantScope = "resource" | "pages";

export interface GrantClaims {
  /** The resource that was paid for: the article, the API, or the pass. */
  resourceId: number;
  scope: GrantScope;
  payer: string;
  /** What was paid, in atomic units (the price may have changed since). */
  amount: bigint;
  txHash: string;
  /** Unix seconds. */
  expiresAt: number;
}

export interface GrantCookie {
  name: string;
  value: string;
  options: {
    httpOnly: true;
    sameSite: "lax";
    secure: boolean;
    /** A resource grant is sent only with requests for that resource; a pass with every request. */
    path: string;
    maxAge: number;
  };
}

export const PASS_COOKIE_PREFIX = "x402_pass_";
export const GRANT_COOKIE_PREFIX = "x402_grant_";

export function grantCookieName(resourceId: number, scope: GrantScope = "resource"): string {
  return scope === "pages" ? `${PASS_COOKIE_PREFIX}${resourceId}` : `${GRANT_COOKIE_PREFIX}${resourceId}`;
}

/** What a secret signs with, made once: jose would otherwise build a key from its bytes on every call. */
interface Signing {
  key: KeyObject;
  /**
   * Tokens whose signature already checked out, with their claims. A returning reader sends the
   * same cookie with every request, and checking its signature is most of what a re-read costs.
   * Expiry is still checked on every use.
   */
  verified: Map<string, GrantClaims>;
}

/** Tokens remembered per secret: enough for the readers of a busy instance, in a few MB. */
const MAX_VERIFIED = 10_000;
const signings = new Map<string, Signing>();

function signingFor(secret: string): Signing {
  let signing = signings.get(secret);
  if (!signing) {
    signing = { key: createSecretKey(new TextEncoder().encode(secret)), verified: new Map() };
    signings.set(secret, signing);
  }
  return signing;
}

export async function issueGrant(options: {
  secret: string;
  resourceId: number;
  resourcePath: string;
  scope?: GrantScope;
  payer: string;
  amount: bigint;
  txHash: string;
  /** Unix seconds. */
  expiresAt: number;
  secure: boolean;
  now?: Date;
}): Promise<GrantCookie> {
  const scope = options.scope ?? "resource";
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const value = await new SignJWT({ rid: options.resourceId, scp: scope, tx: options.txHash, amt: options.amount.toString() })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(options.payer)
    .setIssuedAt(issuedAt)
    .setExpirationTime(options.expiresAt)
    .sign(signingFor(options.secret).key);
  return {
    name: grantCookieName(options.resourceId, scope),
    value,
    options: {
      httpOnly: true,
      sameSite: "lax",
      secure: options.secure,
      path: scope === "pages" ? "/" : options.resourcePath,
      maxAge: Math.max(0, options.expiresAt - issuedAt),
    },
  };
}

/** The claims of a valid, unexpired grant token signed with `secret`; otherwise `undefined`. */
export async function verifyGrant(options: { secret: string; token: string | undefined; now?: Date }): Promise<GrantClaims | undefined> {
  if (!options.token) return undefined;
  const { key, verified } = signingFor(options.secret);
  const known = verified.get(options.token);
  if (known) return known.expiresAt > Math.floor((options.now ?? new Date()).getTime() / 1000) ? known : undefined;
  try {
    const { payload } = await jwtVerify(options.token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      currentDate: options.now,
      requiredClaims: ["exp", "sub"],
    });
    const { rid, scp, sub, tx, amt, exp } = payload;
    if (typeof rid !== "number" || (scp !== "resource" && scp !== "pages")) return undefined;
    if (typeof tx !== "string" || typeof sub !== "string") return undefined;
    if (typeof amt !== "string" || !/^\d{1,30}$/.test(amt)) return undefined;
    const claims: GrantClaims = { resourceId: rid, scope: scp, payer: sub, amount: BigInt(amt), txHash: tx, expiresAt: exp! };
    // The oldest goes first: a Map keeps insertion order.
    if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
    verified.set(options.token, claims);
    return claims;
  } catch {
    return undefined;
  }
}

/** Does this grant open that resource? Its own resource (an article, an API, a pass), and under a pass every article. */
export function grantCovers(claims: GrantClaims, resource: { id: number; kind: string }): boolean {
  return claims.resourceId === resource.id || (claims.scope === "pages" && resource.kind === "page");
}
