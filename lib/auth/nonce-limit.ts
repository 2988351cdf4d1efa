/**
 * Rate limits on anonymous nonce issuance, counted in the database (the `rate_limits` table) so
 * that every instance of the app shares them. Each nonce is a row until the purge job deletes it.
 */
import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { getDb, type Db } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";

export interface NonceLimits {
  /** Nonces one client may take per `duration` seconds: a sign-in takes one, a retry another. */
  perClient: { points: number; duration: number };
  /** All clients together: bounds the nonce table even if client keys can be forged (no trusted proxy). */
  allClients: { points: number; duration: number };
}

export const NONCE_LIMITS: NonceLimits = {
  perClient: { points: 30, duration: 60 },
  allClients: { points: 1_200, duration: 60 },
};

/** Every client's requests share this key in the all-clients limiter. */
const ALL_CLIENTS_KEY = "all";
const UNAVAILABLE = {
  ok: false,
  status: 503,
  error: "rate_limit_unavailable",
  message: "Sign-in is unavailable right now (its rate limit cannot be checked); try again soon.",
} as const;

export type NonceLimiter = { perClient: RateLimiterDrizzle; allClients: RateLimiterDrizzle };

export type NonceAllowance =
  | { ok: true }
  | { ok: false; status: 429; error: "rate_limited"; message: string; retryAfterSeconds: number }
  | { ok: false; status: 503; error: "rate_limit_unavailable"; message: string };

const limiter = (db: Db, keyPrefix: string, limit: { points: number; duration: number }) =>
  new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix,
    ...limit,
    // Expired rows are deleted by the purge job, not by a timer in every instance.
    clearExpiredByTimeout: false,
  });

export function createNonceLimiter(db: Db, limits: NonceLimits = NONCE_LIMITS): NonceLimiter {
  return {
    perClient: limiter(db, "siwe-nonce:client", limits.perClient),
    allClients: limiter(db, "siwe-nonce:all", limits.allClients),
  };
}

/**
 * Takes one nonce from `client`'s allowance, then from everyone's. A refused client does not
 * spend everyone's allowance, so one client alone cannot lock the others out.
 */
export async function takeNonceAllowance(limiter: NonceLimiter, client: string): Promise<NonceAllowance> {
  try {
    await limiter.perClient.consume(client);
    await limiter.allClients.consume(ALL_CLIENTS_KEY);
    return { ok: true };
  } catch (error) {
    // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, an Error when its store fails.
    if (error instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      return {
        ok: false,
        status: 429,
        error: "rate_limited",
        message: `Too many sign-in requests; try again in ${retryAfterSeconds} s.`,
        retryAfterSeconds,
      };
    }
    console.error("[auth] nonce rate limit unavailable:", error instanceof Error ? error.message : error);
    return UNAVAILABLE;
  }
}

/** `takeNonceAllowance` on the app's database; a database that cannot be opened is a 503 too. */
export async function allowNonceIssuance(client: string): Promise<NonceAllowance> {
  const db = await getDb().catch(() => undefined);
  if (!db) return UNAVAILABLE;
  return takeNonceAllowance(createNonceLimiter(db), client);
}
