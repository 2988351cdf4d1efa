/**
 * What a payment the ledger has seen before is worth when it comes again.
 *
 * A settled authorization and its signature are public: anyone can rebuild the payment header
 * from the settlement transaction's calldata. So the header alone proves nothing. What proves a
 * retry comes from the client that paid is the `payment-identifier` it sent the first time — a
 * secret that travels only over HTTP, bound here to the payer, the resource and the method:
 *
 * - a proved retry of a settled payment gets it delivered again (the page, or the API's stored
 *   answer), with the access bought then — never a fresh window, never a second handler run —
 *   while that access lasts, and at least RETRY_WINDOW_SECONDS after settlement;
 * - a proved retry of a payment still settling gets 409 (ask again shortly); of one whose outcome
 *   is unknown, the chain is asked: settled → delivered; spent but unconfirmed, or the chain can't
 *   say → pending (502, ask again shortly); unspent → the same authorization may go through again;
 * - anything else that reuses a recorded authorization is refused as used (409), whoever sends
 *   it. The one exception is an authorization that never reached the chain (its settlement was
 *   refused before broadcast): only its own client can hold it, so it may be tried again.
 */
import "server-only";
import { createPublicClient, http } from "viem";
import { transferWithAuthorizationTypes } from "@/lib/x402/eip3009";
import { findPaymentsSeenBefore, isSettlementInFlight, resolvePayment } from "@/lib/db/queries/payments";
import type { Payment, Resource } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { toViemChain } from "@/lib/networks";
import { authorizationKey, type ParsedPayment } from "./parsed-payment";
import { reconcilePayment } from "./reconcile";

/** How long after settlement a proved retry still gets the payment delivered, whatever the access window. */
export const RETRY_WINDOW_SECONDS = 15 * 60;

export type UsedReason = "authorization_used" | "duplicate_payment" | "payment_identifier_reused";

export type PriorOutcome =
  /** Not seen before (or free to try again): the normal path verifies and settles it. */
  | { kind: "none" }
  /** Being settled by another request right now. */
  | { kind: "in-progress" }
  /** Its transfer may have happened, and the chain can't say yet: pending, never refused. */
  | { kind: "unconfirmed" }
  /** Its client asks again for a settled payment: deliver what it bought, settle nothing. */
  | { kind: "settled"; payment: Payment }
  | { kind: "used"; reason: UsedReason };

const NONE: PriorOutcome = { kind: "none" };

/** Did the payer really sign this new authorization (EOA or smart wallet) for this network's token? */
async function signedByPayer({ authorization, signature, payer }: ParsedPayment): Promise<boolean> {
  const client = createPublicClient({
    chain: toViemChain(env.network, env.rpcUrl),
    transport: http(env.rpcUrl, { timeout: env.facilitator.timeoutMs, retryCount: 0 }),
  });
  return client
    .verifyTypedData({
      address: payer,
      domain: {
        name: env.network.usdc.eip712.name,
        version: env.network.usdc.eip712.version,
        chainId: env.network.chainId,
        verifyingContract: env.network.usdc.address,
      },
      types: transferWithAuthorizationTypes,
      primaryType: "TransferWithAuthorization",
      message: { ...authorization },
      signature,
    })
    .catch(() => false);
}

/** Until when a settled payment is delivered again to its client (unix ms). */
export function redeliverableUntil(payment: Pick<Payment, "settledAt" | "accessSeconds">): number {
  const settledAt = payment.settledAt?.getTime() ?? 0;
  return settledAt + Math.max(payment.accessSeconds, RETRY_WINDOW_SECONDS) * 1000;
}

/** What the chain says of a payment, asked within the facilitator's timeout (undefined if it can't be read). */
export const chainOutcome = (payment: Payment) =>
  reconcilePayment(payment, { rpcUrl: env.rpcUrl, network: env.network, timeoutMs: env.facilitator.timeoutMs }).catch(() => undefined);

/**
 * The client's own retry of `payment`: what the ledger, and if need be the chain, say of it.
 * `unsettled` is the answer while the chain does not show it settled: the same authorization may
 * simply go through again (it can only ever settle once), but a new one must wait for the old
 * one's fate, or both could settle.
 */
async function retryOf(payment: Payment, unsettled: PriorOutcome): Promise<PriorOutcome> {
  if (isSettlementInFlight(payment)) return { kind: "in-progress" };
  if (payment.status !== "settled") {
    const onChain = await chainOutcome(payment);
    if (onChain?.status === "failed") {
      if (payment.status === "pending") await resolvePayment(payment.id, onChain);
      return NONE;
    }
    // A refused settlement's authorization that the chain does not show spent may go through again.
    if (payment.status === "failed" && !(onChain?.status === "pending" && onChain.used)) return NONE;
    if (onChain?.status !== "settled") {
      // Spent on chain, or the chain could not be read: sending it again would be refused as used.
      const unknown = onChain === undefined || onChain.used;
      return unknown ? { kind: "unconfirmed" } : unsettled;
    }
    await resolvePayment(payment.id, onChain);
    payment = { ...payment, status: "settled", txHash: onChain.txHash, settledAt: onChain.settledAt, errorReason: null };
  }
  return redeliverableUntil(payment) > Date.now() ? { kind: "settled", payment } : { kind: "used", reason: "authorization_used" };
}

/** What the ledger knows of this payment, sent with `method` for `resource`. */
export async function findPriorOutcome(parsed: ParsedPayment, resource: Resource, method: string): Promise<PriorOutcome> {
  const seen = await findPaymentsSeenBefore(authorizationKey(resource.network, resource.asset, parsed), parsed.identifier);
  const recorded = seen.byAuthorization;
  if (recorded) {
    if (recorded.resourceId !== resource.id) return { kind: "used", reason: "duplicate_payment" };
    const proved = parsed.identifier !== null && recorded.paymentIdentifier === parsed.identifier && recorded.requestMethod === method;
    if (proved) return retryOf(recorded, NONE);
    // Refused before it was ever broadcast: nobody but its own client has seen it.
    const neverPublic = recorded.status === "failed" && recorded.txHash === null;
    return neverPublic ? NONE : { kind: "used", reason: "authorization_used" };
  }
  if (parsed.identifier === null) return NONE;

  // A new authorization under a key the payer used before: the client signed again for a retry.
  const earlier = seen.byIdentifier;
  // A key is remembered only as long as its payment can be delivered again; then it may be reused.
  if (!earlier || (earlier.status === "settled" && redeliverableUntil(earlier) <= Date.now())) return NONE;
  if (earlier.resourceId !== resource.id || earlier.requestMethod !== method) return { kind: "used", reason: "payment_identifier_reused" };
  if (earlier.status === "failed") return NONE;
  return (await signedByPayer(parsed)) ? retryOf(earlier, { kind: "in-progress" }) : NONE;
}
