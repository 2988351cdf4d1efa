/**
 * x402 v1 compatibility. Legacy clients (`x402-fetch@1`) read the terms from the 402's JSON body,
 * pay in an `X-PAYMENT` header and read the receipt from `X-PAYMENT-RESPONSE`. These translations
 * turn such a payment into the v2 payment for the same terms, so the one v2 flow verifies, settles,
 * records and replays both. Pure: no I/O, no framework.
 *
 * A v1 `exact` EVM authorization is signed against the chain id of its network name, with the
 * token's EIP-712 domain from `extra`: exactly what v2 signs for the CAIP-2 id of that chain. So the
 * signed payload carries over unchanged; only the envelope differs.
 */
import { decodePaymentResponseHeader, decodePaymentSignatureHeader, encodePaymentResponseHeader } from "@x402/core/http";
import { isPaymentPayloadV1, type PaymentPayloadV1, type PaymentRequirementsV1 } from "@x402/core/schemas";
import type { PaymentPayload, PaymentRequired } from "@x402/core/types";
import { EVM_NETWORK_CHAIN_ID_MAP } from "@x402/evm/v1";

/** Why an `X-PAYMENT` header can't be used, with the HTTP status that says so. */
export interface V1Refusal {
  ok: false;
  /** 400 malformed, 431 too large, 402 a payment for terms we don't offer (the client may pay again). */
  status: 400 | 402 | 431;
  reason: string;
}

const refused = (status: V1Refusal["status"], reason: string): V1Refusal => ({ ok: false, status, reason });

/** The v1 name of a CAIP-2 network (`eip155:84532` → `base-sepolia`); undefined when v1 has none, like the local chain. */
export function v1NetworkName(network: string): string | undefined {
  const chainId = /^eip155:(\d+)$/.exec(network)?.[1];
  if (chainId === undefined) return undefined;
  return Object.entries(EVM_NETWORK_CHAIN_ID_MAP).find(([, id]) => id === Number(chainId))?.[0];
}

/**
 * The 402's terms as v1 `accepts` (v1 keeps the resource in every requirement, and calls the
 * amount `maxAmountRequired`). Undefined when no requirement is on a network v1 can name.
 */
export function toV1Accepts(required: Pick<PaymentRequired, "accepts" | "resource">): PaymentRequirementsV1[] | undefined {
  const { resource } = required;
  const accepts = required.accepts.flatMap((requirement): PaymentRequirementsV1[] => {
    const network = v1NetworkName(requirement.network);
    if (!network) return [];
    return [
      {
        scheme: requirement.scheme,
        network,
        maxAmountRequired: requirement.amount,
        resource: resource.url,
        // v1 clients validate these as strings.
        description: resource.description ?? "",
        mimeType: resource.mimeType ?? "",
        payTo: requirement.payTo,
        maxTimeoutSeconds: requirement.maxTimeoutSeconds,
        asset: requirement.asset,
        extra: requirement.extra,
      },
    ];
  });
  return accepts.length > 0 ? accepts : undefined;
}

/** Decodes an `X-PAYMENT` header (base64 JSON, like `PAYMENT-SIGNATURE`) into a v1 payment payload. */
export function decodeV1PaymentHeader(
  header: string,
  maxLength: number,
): { ok: true; payload: PaymentPayloadV1 } | V1Refusal {
  if (header.length > maxLength) return refused(431, "x_payment_header_too_large");
  let decoded: unknown;
  try {
    decoded = decodePaymentSignatureHeader(header);
  } catch {
    return refused(400, "invalid_x_payment_header");
  }
  if (isPaymentPayloadV1(decoded)) return { ok: true, payload: decoded };
  const version = (decoded as { x402Version?: unknown } | null)?.x402Version;
  return refused(400, version !== undefined && version !== 1 ? "invalid_x402_version" : "invalid_x_payment_header");
}

/**
 * The v2 payment a v1 payload stands for: it accepts the requirement of `required` on its network
 * and scheme, as offered right now (v1 payloads don't repeat the terms, so the current ones are
 * the only ones they can mean). Refused with 402 when we offer nothing on that network or scheme.
 */
export function toV2Payment(payload: PaymentPayloadV1, required: PaymentRequired): { ok: true; payload: PaymentPayload } | V1Refusal {
  const named = required.accepts.filter((requirement) => v1NetworkName(requirement.network) !== undefined);
  if (named.length === 0) return refused(402, "x402_v1_unavailable");
  const onNetwork = named.filter((requirement) => v1NetworkName(requirement.network) === payload.network);
  if (onNetwork.length === 0) return refused(402, "invalid_network");
  const accepted = onNetwork.find((requirement) => requirement.scheme === payload.scheme);
  if (!accepted) return refused(402, "unsupported_scheme");
  return { ok: true, payload: { x402Version: 2, resource: required.resource, accepted, payload: payload.payload } };
}

/** A v2 `PAYMENT-RESPONSE` as v1's `X-PAYMENT-RESPONSE`: the same receipt, naming the network the v1 way. */
export function toV1PaymentResponseHeader(paymentResponse: string): string {
  const receipt = decodePaymentResponseHeader(paymentResponse);
  const network = v1NetworkName(receipt.network);
  return network ? encodePaymentResponseHeader({ ...receipt, network: network as typeof receipt.network }) : paymentResponse;
}
