/**
 * Sessions opened by Sign-In with Ethereum: an HttpOnly cookie holding a signed token (HS256 JWT)
 * for the address that signed in. Two kinds, kept apart by cookie and audience:
 * - the publisher's admin session (8 h); the allowlist is checked again on every read, so removing
 *   an address from ADMIN_ADDRESSES locks it out at once;
 * - a reader's session (7 days), which only shows that wallet its own purchases.
 */
import "server-only";
import { jwtVerify, SignJWT } from "jose";
import { getAddress, isAddress, type Address } from "viem";
import type { CookieReader } from "@/lib/access/grants";
import { env } from "@/lib/env";

export type SessionKind = "admin" | "reader";

const SESSIONS: Record<SessionKind, { cookie: string; seconds: number }> = {
  admin: { cookie: "x402_admin_session", seconds: 8 * 60 * 60 },
  reader: { cookie: "x402_reader_session", seconds: 7 * 24 * 60 * 60 },
};
const ISSUER = "x402-paywall";

export const SESSION_COOKIE = SESSIONS.admin.cookie;
export const READER_SESSION_COOKIE = SESSIONS.reader.cookie;

const secretKey = () => new TextEncoder().encode(env.authSecret);

export function isAdminAddress(address: string): boolean {
  return isAddress(address) && env.adminAddresses.some((admin) => admin === getAddress(address));
}

export async function createSessionCookie(address: Address, kind: SessionKind = "admin") {
  const { cookie, seconds } = SESSIONS[kind];
  const value = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(kind)
    .setSubject(getAddress(address))
    .setIssuedAt()
    .setExpirationTime(`${seconds}s`)
    .sign(secretKey());
  return {
    name: cookie,
    value,
    options: { httpOnly: true, sameSite: "lax" as const, secure: env.https, path: "/", maxAge: seconds },
  };
}

export interface Session {
  address: Address;
}
export type AdminSession = Session;

async function readSession(cookies: CookieReader, kind: SessionKind): Promise<Session | undefined> {
  const token = cookies.get(SESSIONS[kind].cookie)?.value;
  if (!token) return undefined;
  try {
    const { payload } = await jwtVerify(token, secretKey(), { issuer: ISSUER, audience: kind, algorithms: ["HS256"] });
    return typeof payload.sub === "string" && isAddress(payload.sub) ? { address: getAddress(payload.sub) } : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in admin, or `undefined` for no session, an invalid or expired one, or a non-admin. */
export async function readAdminSession(cookies: CookieReader): Promise<AdminSession | undefined> {
  const session = await readSession(cookies, "admin");
  return session && isAdminAddress(session.address) ? session : undefined;
}

/** The signed-in reader (any wallet), for pages that show a wallet its own purchases. */
export function readReaderSession(cookies: CookieReader): Promise<Session | undefined> {
  return readSession(cookies, "reader");
}
