import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { payments, resources, type Payment } from "../schema";

/** The identity of an EIP-3009 authorization: it can pay once. Addresses checksummed, nonce lower case. */
export interface AuthorizationKey {
  network: string;
  asset: string;
  payer: string;
  nonce: string;
}

export interface PendingPayment extends AuthorizationKey {
  resourceId: number;
  amount: bigint;
  payTo: string;
  validBefore: bigint;
}

function byAuthorization(key: AuthorizationKey) {
  return and(
    eq(payments.network, key.network),
    eq(payments.asset, key.asset),
    eq(payments.payer, key.payer),
    eq(payments.nonce, key.nonce),
  );
}

/**
 * Records an authorization before it settles. Returns the new row's id, or `undefined` when this
 * authorization is already in the ledger: it must not settle again.
 */
export async function insertPendingPayment(payment: PendingPayment): Promise<number | undefined> {
  const db = await getDb();
  const [row] = await db
    .insert(payments)
    .values({ ...payment, status: "pending" })
    .onConflictDoNothing()
    .returning({ id: payments.id });
  return row?.id;
}

/** Marks a pending authorization as settled on chain. */
export async function markPaymentSettled(key: AuthorizationKey, update: { txHash: string }): Promise<void> {
  const db = await getDb();
  await db
    .update(payments)
    .set({ status: "settled", txHash: update.txHash, errorReason: null, settledAt: new Date() })
    .where(and(byAuthorization(key), eq(payments.status, "pending")));
}

/**
 * Records a failed settlement. `final` moves the row to `failed`; otherwise it stays `pending`
 * (the facilitator may still have broadcast it) with the reason and any tx hash kept for
 * reconciliation against the chain.
 */
export async function recordSettlementFailure(
  key: AuthorizationKey,
  failure: { reason: string; txHash?: string; final: boolean },
): Promise<void> {
  const db = await getDb();
  await db
    .update(payments)
    .set({
      status: failure.final ? "failed" : "pending",
      errorReason: failure.reason,
      ...(failure.txHash ? { txHash: failure.txHash } : {}),
    })
    .where(and(byAuthorization(key), eq(payments.status, "pending")));
}

export interface PaymentRow extends Payment {
  resourcePath: string;
  resourceTitle: string;
}

export async function listRecentPayments(options: { status?: Payment["status"]; limit?: number } = {}): Promise<PaymentRow[]> {
  const db = await getDb();
  const rows = await db
    .select({ payment: payments, resourcePath: resources.path, resourceTitle: resources.title })
    .from(payments)
    .innerJoin(resources, eq(payments.resourceId, resources.id))
    .where(options.status ? eq(payments.status, options.status) : undefined)
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(options.limit ?? 100);
  return rows.map(({ payment, resourcePath, resourceTitle }) => ({ ...payment, resourcePath, resourceTitle }));
}
