/**
 * Errors from the x402 packages, told apart by name. Never by `instanceof`: Next bundles its own
 * copy of `@x402/core` into `proxy.ts` and into the route handlers, and the resource server one of
 * them created (shared through `globalThis`) throws that copy's classes into the other.
 */

/** The facilitator (or the chain behind it) did not answer: the payment's fate is unknown, not refused. */
export function isFacilitatorUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current.name === "FacilitatorResponseError" || current.name === "FacilitatorTimeoutError") return true;
  }
  return false;
}

/** The transaction a facilitator error says was broadcast, if it names one (see SettlementUnconfirmedError). */
export function unconfirmedTransaction(error: unknown): string | undefined {
  const transaction = (error as { transaction?: unknown } | undefined)?.transaction;
  return typeof transaction === "string" && /^0x[0-9a-fA-F]{64}$/.test(transaction) ? transaction : undefined;
}

export interface SettleFailure {
  errorReason?: string;
  /** The settlement transaction, when it was broadcast. */
  transaction?: string;
}

/** The x402 `SettleError` in `error`, if that is what it is. */
export function settleFailureOf(error: unknown): SettleFailure | undefined {
  if (!(error instanceof Error) || error.name !== "SettleError") return undefined;
  const { errorReason, transaction } = error as Error & SettleFailure;
  return {
    errorReason: typeof errorReason === "string" ? errorReason : undefined,
    transaction: typeof transaction === "string" && transaction !== "" ? transaction : undefined,
  };
}

/** A settlement that was broadcast but not confirmed in time (x402's `settlement_pending`). */
export const SETTLEMENT_PENDING = "settlement_pending";
