/**
 * Grants as the app uses them: signed with AUTH_SECRET, read from any cookie store (a
 * `NextRequest`'s or `cookies()` in a server component).
 */
import "server-only";
import { env } from "@/lib/env";
import { grantCookieName, issueGrant, verifyGrant, type GrantClaims, type GrantCookie } from "./token";

export type { GrantClaims, GrantCookie };

export interface CookieReader {
  get(name: string): { value: string } | undefined;
}

/** The valid grant for this resource in these cookies, if there is one. */
export function readGrant(cookies: CookieReader, resourceId: number): Promise<GrantClaims | undefined> {
  return verifyGrant({ secret: env.authSecret, token: cookies.get(grantCookieName(resourceId))?.value, resourceId });
}

export function grantCookieFor(options: {
  resourceId: number;
  resourcePath: string;
  payer: string;
  amount: bigint;
  txHash: string;
  accessSeconds: number;
  secure: boolean;
}): Promise<GrantCookie> {
  return issueGrant({ secret: env.authSecret, ...options });
}

/**
 * A hint for pages that list articles (the home page's "unlocked" badge): which resources this
 * browser holds a grant for, and until when. Grant cookies are scoped to their own path, so the
 * home page never sees them. Never used for access: only grants open content.
 */
export const UNLOCKED_COOKIE = "x402_unlocked";
const MAX_UNLOCKED = 50;

function unlockedEntries(cookies: CookieReader, nowSeconds: number): Map<number, number> {
  const entries = new Map<number, number>();
  for (const entry of (cookies.get(UNLOCKED_COOKIE)?.value ?? "").split("_")) {
    const match = /^(\d{1,9})\.(\d{1,12})$/.exec(entry);
    if (match && Number(match[2]) > nowSeconds) entries.set(Number(match[1]), Number(match[2]));
  }
  return entries;
}

/** Resources this browser says it has unlocked (unexpired entries only). */
export function readUnlocked(cookies: CookieReader, now = new Date()): Set<number> {
  return new Set(unlockedEntries(cookies, Math.floor(now.getTime() / 1000)).keys());
}

/** The hint cookie with one more unlocked resource (expired entries dropped, newest kept). */
export function unlockedCookieWith(cookies: CookieReader, resourceId: number, expiresAt: number, secure: boolean) {
  const entries = unlockedEntries(cookies, Math.floor(Date.now() / 1000));
  entries.delete(resourceId);
  entries.set(resourceId, expiresAt);
  const kept = [...entries].slice(-MAX_UNLOCKED);
  const maxAge = Math.max(...kept.map(([, exp]) => exp)) - Math.floor(Date.now() / 1000);
  return {
    name: UNLOCKED_COOKIE,
    value: kept.map(([id, exp]) => `${id}.${exp}`).join("_"),
    options: { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge },
  };
}
