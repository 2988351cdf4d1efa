import "server-only";
import { isNotNull, lt, or } from "drizzle-orm";
import { getDb } from "../client";
import { rateLimits, siweNonces, siwxNonces } from "../schema";

/**
 * How long a used SIGN-IN-WITH-X nonce is kept. The extension refuses a message five minutes
 * after it was issued, so an older nonce cannot be replayed anyway; the rest is room for clock skew.
 */
const SIWX_NONCE_RETENTION_MS = 60 * 60 * 1000;

export interface PurgeCounts {
  siweNonces: number;
  siwxNonces: number;
  rateLimits: number;
}

/**
 * Deletes the rows anonymous traffic leaves behind once they can no longer matter: SIWE nonces
 * expired or used (a used one is refused by its `used_at` no more than by its absence), SIWX nonces
 * past any message's life, and rate-limit counters whose window has closed. Safe to run at any time,
 * from several places at once: `npm run purge`, or a job that runs it with others.
 */
export async function purgeStaleRows(now = new Date()): Promise<PurgeCounts> {
  const db = await getDb();
  const [siwe, siwx, limits] = await Promise.all([
    db
      .delete(siweNonces)
      .where(or(lt(siweNonces.expiresAt, now), isNotNull(siweNonces.usedAt)))
      .returning({ nonce: siweNonces.nonce }),
    db
      .delete(siwxNonces)
      .where(lt(siwxNonces.usedAt, new Date(now.getTime() - SIWX_NONCE_RETENTION_MS)))
      .returning({ nonce: siwxNonces.nonce }),
    db.delete(rateLimits).where(lt(rateLimits.expire, now)).returning({ key: rateLimits.key }),
  ]);
  return { siweNonces: siwe.length, siwxNonces: siwx.length, rateLimits: limits.length };
}
