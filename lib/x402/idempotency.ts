/**
 * Retries are safe: a client that sends the same payment again — the same signed authorization,
 * or a new one with the same `payment-identifier` — gets the result of the first one and is
 * charged once.
 *
 * Before a payment goes to the facilitator, the ledger is asked what became of it:
 * - settled → the content again, with the recorded receipt, and nothing new settles. The retry must
 *   carry a valid signature of the payer, and an authorization that has not expired yet: a payment
 *   header is a bearer token for one resource for those few minutes (its signature is public on
 *   chain once settled), never longer;
 * - being settled right now → 409, try again in a moment (concurrent duplicates never both settle);
 * - failed, or ended without a known outcome → the chain is asked; what settled there counts as
 *   settled; otherwise the payment goes through the normal path and its row is claimed again.
 */
import "server-only";
import { encodePaymentResponseHeader } from "@x402/core/http";
import type { PaymentPayload } from "@x402/core/types";
import { extractPaymentIdentifier } from "@x402/extensions/payment-identifier";
import { createPublicClient, getAddress, http, type Hex } from "viem";
import { transferWithAuthorizationTypes } from "@/lib/chain/eip3009";
import { findPaymentByAuthorization, findPaymentByIdentifier, IN_FLIGHT_MS, resolvePayment } from "@/lib/db/queries/payments";
import type { Payment, Resource } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { toViemChain } from "@/lib/networks";
import { authorizationKey, eip3009Authorization } from "./ledger";
import { reconcilePayment } from "./reconcile";

export type PriorOutcome =
  | { kind: "none" }
  | { kind: "in-progress" }
  | { kind: "settled"; payer: string; txHash: string; amount: bigint; headers: Record<string, string> };

const NONE: PriorOutcome = { kind: "none" };

/** Did the payer really sign this authorization (EOA or smart wallet), for this network's token? */
async function signedByPayer(payload: PaymentPayload): Promise<boolean> {
  const authorization = eip3009Authorization(payload);
  const signature = (payload.payload as { signature?: unknown }).signature;
  if (!authorization || typeof signature !== "string" || !/^0x[0-9a-fA-F]+$/.test(signature)) return false;
  const client = createPublicClient({ chain: toViemChain(env.network, env.rpcUrl), transport: http(env.rpcUrl) });
  return client
    .verifyTypedData({
      address: getAddress(authorization.from),
      domain: {
        name: env.network.usdc.eip712.name,
        version: env.network.usdc.eip712.version,
        chainId: env.network.chainId,
        verifyingContract: env.network.usdc.address,
      },
      types: transferWithAuthorizationTypes,
      primaryType: "TransferWithAuthorization",
      message: {
        from: getAddress(authorization.from),
        to: getAddress(authorization.to),
        value: BigInt(authorization.value),
        validAfter: BigInt(authorization.validAfter),
        validBefore: BigInt(authorization.validBefore),
        nonce: authorization.nonce as Hex,
      },
      signature: signature as Hex,
    })
    .catch(() => false);
}

function replay(payment: Payment): PriorOutcome {
  const receipt = { success: true, transaction: payment.txHash ?? "", network: env.network.caip2, payer: payment.payer };
  return {
    kind: "settled",
    payer: payment.payer,
    txHash: receipt.transaction,
    amount: payment.amount,
    headers: { "PAYMENT-RESPONSE": encodePaymentResponseHeader(receipt) },
  };
}

/** What the ledger (and if need be the chain) knows of this payment for this resource. */
export async function findPriorOutcome(payload: PaymentPayload, resource: Resource): Promise<PriorOutcome> {
  const authorization = eip3009Authorization(payload);
  if (!authorization) return NONE;
  const payer = getAddress(authorization.from);
  const identifier = extractPaymentIdentifier(payload);
  let prior = await findPaymentByAuthorization(authorizationKey(resource.network, resource.asset, authorization));
  if (!prior && identifier) prior = await findPaymentByIdentifier(payer, identifier);
  if (!prior || prior.resourceId !== resource.id) return NONE;

  if (prior.status === "pending" && !prior.errorReason && Date.now() - prior.attemptedAt.getTime() < IN_FLIGHT_MS) {
    return { kind: "in-progress" };
  }
  if (prior.status !== "settled") {
    // If the chain can't be read, the normal path decides (and reports the facilitator's trouble).
    const onChain = await reconcilePayment(prior, { rpcUrl: env.rpcUrl, network: env.network }).catch(() => undefined);
    if (onChain?.status !== "settled") return NONE;
    await resolvePayment(prior.id, onChain);
    prior = { ...prior, status: "settled", txHash: onChain.txHash, settledAt: onChain.settledAt };
  }
  const stillValid = BigInt(authorization.validBefore) > BigInt(Math.floor(Date.now() / 1000));
  return stillValid && (await signedByPayer(payload)) ? replay(prior) : NONE;
}
