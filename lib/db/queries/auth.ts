import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "../client";
import { siweNonces } from "../schema";

export async function storeSiweNonce(nonce: string, expiresAt: Date): Promise<void> {
  const db = await getDb();
  await db.insert(siweNonces).values({ nonce, expiresAt });
}

/** Marks a nonce used. True only for the first use of an unexpired nonce we issued. */
export async function consumeSiweNonce(nonce: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(siweNonces)
    .set({ usedAt: new Date() })
    .where(and(eq(siweNonces.nonce, nonce), isNull(siweNonces.usedAt), gt(siweNonces.expiresAt, new Date())))
    .returning({ nonce: siweNonces.nonce });
  return rows.length === 1;
}
