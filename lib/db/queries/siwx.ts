import "server-only";
import { getDb } from "../client";
import { siwxNonces } from "../schema";

/**
 * Records a Sign-In-With-X nonce as used. True only for the call that recorded it: of concurrent
 * calls with one nonce, exactly one wins (the primary key decides, in one statement).
 */
export async function claimSiwxNonce(nonce: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db.insert(siwxNonces).values({ nonce }).onConflictDoNothing().returning({ nonce: siwxNonces.nonce });
  return rows.length === 1;
}
