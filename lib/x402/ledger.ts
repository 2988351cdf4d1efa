/**
 * Ledger hooks on the x402 resource server: every settlement is written to `payments` — a
 * `pending` row before the facilitator is asked to settle, `settled` or `failed` after.
 *
 * Claiming the row is also the cross-instance replay guard: its unique key is the authorization
 * (network, asset, payer, nonce), so a second request carrying the same signed authorization
 * reaches the facilitator only when the first attempt failed (see claimPaymentForSettlement).
 */
import "server-only";
import type { x402ResourceServer } from "@x402/core/server";
import { getFacilitatorResponseError, SettleError, type PaymentPayload } from "@x402/core/types";
import { getAddress, isAddress } from "viem";
import { extractPaymentIdentifier } from "@x402/extensions/payment-identifier";
import {
  claimPaymentForSettlement,
  findPaymentByAuthorization,
  markPaymentSettled,
  recordSettlementFailure,
  type AuthorizationKey,
} from "@/lib/db/queries/payments";

/** What the HTTP layer hands the hooks through the transport context. */
export interface LedgerTransport {
  resourceId: number;
}

function ledgerTransport(transportContext: unknown): LedgerTransport | undefined {
  const candidate = transportContext as Partial<LedgerTransport> | undefined;
  return typeof candidate?.resourceId === "number" ? { resourceId: candidate.resourceId } : undefined;
}

interface Eip3009Authorization {
  from: string;
  to: string;
  value: string;
  validAfter: string;
  validBefore: string;
  nonce: string;
}

/** The EIP-3009 authorization inside an `exact` EVM payload, if that is what the payload carries. */
export function eip3009Authorization(payload: Pick<PaymentPayload, "payload">): Eip3009Authorization | undefined {
  const authorization = (payload.payload as { authorization?: Partial<Eip3009Authorization> }).authorization;
  if (!authorization) return undefined;
  const { from, to, value, validAfter, validBefore, nonce } = authorization;
  const fields = [from, to, value, validAfter, validBefore, nonce];
  if (!fields.every((field): field is string => typeof field === "string")) return undefined;
  if (!isAddress(from!) || !/^\d{1,78}$/.test(validBefore!) || !/^0x[0-9a-fA-F]{64}$/.test(nonce!)) return undefined;
  return { from: from!, to: to!, value: value!, validAfter: validAfter!, validBefore: validBefore!, nonce: nonce! };
}

export function authorizationKey(network: string, asset: string, authorization: Eip3009Authorization): AuthorizationKey {
  return {
    network,
    asset: getAddress(asset),
    payer: getAddress(authorization.from),
    nonce: authorization.nonce.toLowerCase(),
  };
}

/**
 * Failures that leave the outcome unknown (facilitator unreachable or timed out, transaction
 * broadcast but unconfirmed) keep the row `pending` for reconciliation; the rest are final.
 */
function isIndeterminate(error: Error): boolean {
  if (getFacilitatorResponseError(error)) return true;
  return error instanceof SettleError && error.errorReason === "settlement_pending";
}

/**
 * Why an authorization that could not be claimed must not settle: another request is settling it
 * (the client retries), it settled already (the client gets that result), or it paid for
 * something else.
 */
async function refusalForClaimed(key: AuthorizationKey, resourceId: number) {
  const claimed = await findPaymentByAuthorization(key);
  const reason =
    claimed?.resourceId !== resourceId ? "duplicate_payment" : claimed.status === "settled" ? "payment_settled" : "payment_in_progress";
  return { abort: true as const, reason };
}

export function registerLedgerHooks(server: x402ResourceServer): void {
  server.onBeforeSettle(async ({ paymentPayload, requirements, transportContext }) => {
    const transport = ledgerTransport(transportContext);
    const authorization = eip3009Authorization(paymentPayload);
    if (!transport || !authorization) {
      return { abort: true, reason: "unsupported_payment", message: "Only EIP-3009 exact payments are accepted here" };
    }
    try {
      const key = authorizationKey(requirements.network, requirements.asset, authorization);
      const id = await claimPaymentForSettlement({
        ...key,
        resourceId: transport.resourceId,
        amount: BigInt(requirements.amount),
        payTo: getAddress(requirements.payTo),
        validBefore: BigInt(authorization.validBefore),
        paymentIdentifier: extractPaymentIdentifier(paymentPayload as PaymentPayload),
      });
      if (id === undefined) return await refusalForClaimed(key, transport.resourceId);
    } catch (error) {
      console.error("[ledger] could not record a pending payment; refusing to settle", error);
      return { abort: true, reason: "ledger_unavailable", message: "The payment ledger is unavailable; nothing was charged" };
    }
  });

  server.onAfterSettle(async ({ paymentPayload, requirements, result }) => {
    const authorization = eip3009Authorization(paymentPayload);
    if (!authorization) return;
    await markPaymentSettled(authorizationKey(requirements.network, requirements.asset, authorization), {
      txHash: result.transaction,
    });
  });

  server.onSettleFailure(async ({ paymentPayload, requirements, error }) => {
    const authorization = eip3009Authorization(paymentPayload);
    if (!authorization) return;
    const reason = error instanceof SettleError ? (error.errorReason ?? error.message) : error.message;
    await recordSettlementFailure(authorizationKey(requirements.network, requirements.asset, authorization), {
      reason: reason.slice(0, 500),
      txHash: error instanceof SettleError && error.transaction ? error.transaction : undefined,
      final: !isIndeterminate(error),
    });
  });
}
