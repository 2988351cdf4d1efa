/**
 * The ledger side of a settlement, called by the payment path around the facilitator's settle:
 * a `pending` row is claimed before the facilitator is asked, then marked `settled` or `failed`
 * (or left `pending` with the reason when the outcome is unknown).
 *
 * Claiming the row is also the cross-instance replay guard: its unique key is the authorization
 * (network, asset, payer, nonce), so a second request carrying the same signed authorization
 * reaches the facilitator only when the first attempt failed (see claimPaymentForSettlement).
 */
import "server-only";
import type { PaymentRequirements } from "@x402/core/types";
import { getAddress } from "viem";
import {
  claimPaymentForSettlement,
  markPaymentSettled,
  recordSettlementFailure,
  type AuthorizationKey,
} from "@/lib/db/queries/payments";
import type { Payment, StoredOutcome } from "@/lib/db/schema";
import { RETRY_WINDOW_SECONDS } from "./idempotency";
import { authorizationKey, type ParsedPayment } from "./parsed-payment";

/** What the request adds to the payment: what it bought, and how, to tell its own retries apart. */
export interface Purchase {
  resourceId: number;
  method: string;
  /** The resource's access window now, which the payment keeps whatever the resource's becomes. */
  accessSeconds: number;
}

export interface LedgerEntry {
  key: AuthorizationKey;
  /** Whether this request may settle it (false: another request holds it, or it settled already). */
  claimed: boolean;
}

/**
 * Records the payment as `pending`, or takes back its row when an earlier attempt failed. Throws if
 * the DB does. An API's `answer` is kept with it from the start: should the settlement's outcome be
 * unknown and later turn out settled, its client still gets that answer, not a second handler run.
 */
export async function claimForSettlement(
  payment: ParsedPayment,
  requirements: PaymentRequirements,
  purchase: Purchase,
  answer: StoredOutcome | undefined,
): Promise<LedgerEntry> {
  const key = authorizationKey(requirements.network, requirements.asset, payment);
  const id = await claimPaymentForSettlement({
    ...key,
    resourceId: purchase.resourceId,
    amount: BigInt(requirements.amount),
    payTo: getAddress(requirements.payTo),
    validBefore: payment.authorization.validBefore,
    paymentIdentifier: payment.identifier,
    requestMethod: purchase.method,
    accessSeconds: purchase.accessSeconds,
    outcome: answer ?? null,
  }, { identifierHeldSeconds: RETRY_WINDOW_SECONDS });
  return { key, claimed: id !== undefined };
}

/** Settled on chain: the row. */
export function recordSettled(entry: LedgerEntry, txHash: string): Promise<Payment | undefined> {
  return markPaymentSettled(entry.key, { txHash });
}

/**
 * A failed settlement. `final` moves the row to `failed`; an unknown outcome (no answer, or a
 * transaction broadcast but unconfirmed) keeps it `pending` for reconciliation.
 */
export function recordFailure(entry: LedgerEntry, failure: { reason: string; txHash?: string; final: boolean }): Promise<Payment | undefined> {
  return recordSettlementFailure(entry.key, { ...failure, reason: failure.reason.slice(0, 500) });
}
