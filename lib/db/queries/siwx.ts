import "server-only";
import { eq, lt } from "drizzle-orm";
import { getDb } from "../client";
import { siwxNonces } from "../schema";

/** SIWX messages are valid for minutes: older nonces cannot be replayed anyway. */
const KEEP_MS = 60 * 60 * 1000;

export async function isSiwxNonceUsed(nonce: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ nonce: siwxNonces.nonce }).from(siwxNonces).where(eq(siwxNonces.nonce, nonce));
  return row !== undefined;
}

export async function recordSiwxNonce(nonce: string): Promise<void> {
  const db = await getDb();
  await db.insert(siwxNonces).values({ nonce }).onConflictDoNothing();
  await db.delete(siwxNonces).where(lt(siwxNonces.usedAt, new Date(Date.now() - KEEP_MS)));
}
