/**
 * The publisher's admin session: an HttpOnly cookie holding a signed token (HS256 JWT) for the
 * address that signed in with Ethereum. The allowlist is checked again on every read, so removing
 * an address from ADMIN_ADDRESSES locks it out at once.
 */
import "server-only";
import { jwtVerify, SignJWT } from "jose";
import { getAddress, isAddress, type Address } from "viem";
import type { CookieReader } from "@/lib/access/grants";
import { env } from "@/lib/env";

export const SESSION_COOKIE = "x402_admin_session";
export const SESSION_SECONDS = 8 * 60 * 60;
const AUDIENCE = "admin";
const ISSUER = "x402-paywall";

const secretKey = () => new TextEncoder().encode(env.authSecret);

export function isAdminAddress(address: string): boolean {
  return isAddress(address) && env.adminAddresses.some((admin) => admin === getAddress(address));
}

export async function createSessionCookie(address: Address, secure: boolean) {
  const value = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(getAddress(address))
    .setIssuedAt()
    .setExpirationTime(`${SESSION_SECONDS}s`)
    .sign(secretKey());
  return {
    name: SESSION_COOKIE,
    value,
    options: { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: SESSION_SECONDS },
  };
}

export interface AdminSession {
  address: Address;
}

/** The signed-in admin, or `undefined` for no session, an invalid or expired one, or a non-admin. */
export async function readAdminSession(cookies: CookieReader): Promise<AdminSession | undefined> {
  const token = cookies.get(SESSION_COOKIE)?.value;
  if (!token) return undefined;
  try {
    const { payload } = await jwtVerify(token, secretKey(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || !isAdminAddress(payload.sub)) return undefined;
    return { address: getAddress(payload.sub) };
  } catch {
    return undefined;
  }
}
