/**
 * An x402 v1 client, as `x402-fetch@1` is one: it reads the terms from the 402's JSON body, signs
 * with the official v1 client scheme of @x402/evm, pays in `X-PAYMENT` and reads its receipt from
 * `X-PAYMENT-RESPONSE`.
 */
import { decodePaymentResponseHeader } from "@x402/core/http";
import { PaymentRequiredV1Schema, type PaymentPayloadV1, type PaymentRequirementsV1 } from "@x402/core/schemas";
import type { PaymentRequirements, SettleResponse } from "@x402/core/types";
import { safeBase64Encode } from "@x402/core/utils";
import { ExactEvmSchemeV1 } from "@x402/evm/exact/v1/client";
import type { PrivateKeyAccount } from "viem/accounts";

/** The terms of a 402's JSON body; throws unless it is a v1 PaymentRequired. */
export async function v1Terms(response: Response): Promise<PaymentRequirementsV1[]> {
  return PaymentRequiredV1Schema.parse(await response.json()).accepts;
}

/** What a v1 client signs for `accept`. */
export async function signV1Payment(account: PrivateKeyAccount, accept: PaymentRequirementsV1): Promise<PaymentPayloadV1> {
  const payload = await new ExactEvmSchemeV1(account).createPaymentPayload(1, accept as unknown as PaymentRequirements);
  return payload as PaymentPayloadV1;
}

/** The `X-PAYMENT` header for `payload` (base64 JSON, like every x402 header). */
export const encodeV1Payment = (payload: unknown): string => safeBase64Encode(JSON.stringify(payload));

/** The receipt in a paid response's `X-PAYMENT-RESPONSE`, if any. */
export function readV1Receipt(response: Response): SettleResponse | undefined {
  const header = response.headers.get("X-PAYMENT-RESPONSE");
  return header ? decodePaymentResponseHeader(header) : undefined;
}
