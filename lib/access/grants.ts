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
