/**
 * Access grants: after a settled payment the reader gets an HttpOnly cookie holding a signed token
 * (HS256 JWT) scoped to one resource for its access window. A grant is self-contained, so any app
 * instance can check it without a database round trip.
 */
import { jwtVerify, SignJWT } from "jose";

const ISSUER = "x402-paywall";
const AUDIENCE = "grant";

export interface GrantClaims {
  resourceId: number;
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
    /** Scoped to the resource's path so grants for other pages are never sent along. */
    path: string;
    maxAge: number;
  };
}

export function grantCookieName(resourceId: number): string {
  return `x402_grant_${resourceId}`;
}

const keyCache = new Map<string, Uint8Array>();
function key(secret: string): Uint8Array {
  let bytes = keyCache.get(secret);
  if (!bytes) keyCache.set(secret, (bytes = new TextEncoder().encode(secret)));
  return bytes;
}

export async function issueGrant(options: {
  secret: string;
  resourceId: number;
  resourcePath: string;
  payer: string;
  amount: bigint;
  txHash: string;
  accessSeconds: number;
  secure: boolean;
  now?: Date;
}): Promise<GrantCookie> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresAt = issuedAt + options.accessSeconds;
  const value = await new SignJWT({ rid: options.resourceId, tx: options.txHash, amt: options.amount.toString() })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(options.payer)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key(options.secret));
  return {
    name: grantCookieName(options.resourceId),
    value,
    options: {
      httpOnly: true,
      sameSite: "lax",
      secure: options.secure,
      path: options.resourcePath,
      maxAge: options.accessSeconds,
    },
  };
}

/** The grant's claims when `token` is a valid, unexpired grant for `resourceId`; otherwise `undefined`. */
export async function verifyGrant(options: {
  secret: string;
  token: string | undefined;
  resourceId: number;
  now?: Date;
}): Promise<GrantClaims | undefined> {
  if (!options.token) return undefined;
  try {
    const { payload } = await jwtVerify(options.token, key(options.secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      currentDate: options.now,
      requiredClaims: ["exp", "sub"],
    });
    const { rid, sub, tx, amt, exp } = payload;
    if (rid !== options.resourceId || typeof tx !== "string" || typeof sub !== "string") return undefined;
    if (typeof amt !== "string" || !/^\d{1,30}$/.test(amt)) return undefined;
    return { resourceId: rid, payer: sub, amount: BigInt(amt), txHash: tx, expiresAt: exp! };
  } catch {
    return undefined;
  }
}
