/**
 * Grants as the app uses them: signed with AUTH_SECRET, read from any cookie store (a
 * `NextRequest`'s or `cookies()` in a server component).
 */
import "server-only";
import { env } from "@/lib/env";
import {
  grantCookieName,
  grantCovers,
  issueGrant,
  PASS_COOKIE_PREFIX,
  verifyGrant,
  type GrantClaims,
  type GrantCookie,
  type GrantScope,
} from "./token";

export type { GrantClaims, GrantCookie };

export interface CookieReader {
  get(name: string): { value: string } | undefined;
  getAll(): { name: string; value: string }[];
}

/**
 * The valid grant that opens this resource, if these cookies hold one: the resource's own grant,
 * or for an article a pass.
 */
export async function readGrant(cookies: CookieReader, resource: { id: number; kind: string }): Promise<GrantClaims | undefined> {
  const own = await verifyGrant({ secret: env.authSecret, token: cookies.get(grantCookieName(resource.id, grantScope(resource)))?.value });
  if (own && grantCovers(own, resource)) return own;
  if (resource.kind !== "page") return undefined;
  for (const cookie of cookies.getAll()) {
    if (!cookie.name.startsWith(PASS_COOKIE_PREFIX)) continue;
    const pass = await verifyGrant({ secret: env.authSecret, token: cookie.value });
    if (pass && grantCovers(pass, resource)) return pass;
  }
  return undefined;
}

/** The reader's valid passes (for pages that list articles). */
export async function readPasses(cookies: CookieReader): Promise<GrantClaims[]> {
  const passes = await Promise.all(
    cookies
      .getAll()
      .filter((cookie) => cookie.name.startsWith(PASS_COOKIE_PREFIX))
      .map((cookie) => verifyGrant({ secret: env.authSecret, token: cookie.value })),
  );
  return passes.filter((pass): pass is GrantClaims => pass?.scope === "pages");
}

/** What a grant opens: a pass opens every article; anything else, itself. */
export const grantScope = (resource: { kind: string }): GrantScope => (resource.kind === "pass" ? "pages" : "resource");

/** How long a grant lets one render through when none of the access bought is left (pay-per-view). */
const SINGLE_VIEW_GRANT_SECONDS = 60;

export interface PurchaseGrant {
  /** Keep it in the browser: false when the access bought is over (pay-per-view), so it serves this response only. */
  persist: boolean;
  /** Signs the grant, once, when a response needs it. */
  issue(): Promise<GrantCookie>;
}

/**
 * The grant a purchase entitles its payer to: until the access it bought ends (settlement + the
 * window in force at purchase, as the ledger says), never longer.
 */
export function purchaseGrant(
  bought: { resourceId: number; scope: GrantScope; path: string },
  purchase: { payer: string; amount: bigint; txHash: string; accessUntil: number },
  secure: boolean,
): PurchaseGrant {
  const now = Math.floor(Date.now() / 1000);
  const persist = purchase.accessUntil > now;
  let issued: Promise<GrantCookie> | undefined;
  return {
    persist,
    issue: () =>
      (issued ??= issueGrant({
        secret: env.authSecret,
        resourceId: bought.resourceId,
        resourcePath: bought.path,
        scope: bought.scope,
        payer: purchase.payer,
        amount: purchase.amount,
        txHash: purchase.txHash,
        expiresAt: persist ? purchase.accessUntil : now + SINGLE_VIEW_GRANT_SECONDS,
        secure,
      })),
  };
}

/**
 * The reader's grant for `resource`, sent back for the path the resource has now: a grant cookie
 * is scoped to the path it was bought at, so renaming an article would otherwise strand it on the
 * old URL. The same signed token, the same expiry; only where the browser sends it changes.
 */
export async function grantMovedTo(cookies: CookieReader, resource: { id: number; kind: string; path: string }, secure: boolean) {
  const name = grantCookieName(resource.id);
  const token = cookies.get(name)?.value;
  const claims = await verifyGrant({ secret: env.authSecret, token });
  if (!token || !claims || claims.scope !== "resource" || !grantCovers(claims, resource)) return undefined;
  const maxAge = claims.expiresAt - Math.floor(Date.now() / 1000);
  return { name, value: token, options: { httpOnly: true as const, sameSite: "lax" as const, secure, path: resource.path, maxAge } };
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
