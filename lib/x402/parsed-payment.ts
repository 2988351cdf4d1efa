/**
 * A payment header read once into one typed value that the rest of the payment path uses: the
 * x402 payload as the SDK wants it, and the EIP-3009 authorization, payer, idempotency key and
 * ledger key we reason about. Framework-free and total: any string gives a value or a reason.
 */
import { decodePaymentSignatureHeader } from "@x402/core/http";
import { isPaymentPayloadV2 } from "@x402/core/schemas";
import type { PaymentPayload } from "@x402/core/types";
import { isValidPaymentId, PAYMENT_IDENTIFIER } from "@x402/extensions/payment-identifier";
import { getAddress, isAddress, type Address, type Hex } from "viem";
import type { AuthorizationKey } from "@/lib/db/queries/payments";
import { hasPrototypeKey } from "@/lib/server/json-keys";

/** Real x402 payloads are about 1 KiB; anything this large is not one. */
export const MAX_PAYMENT_HEADER_LENGTH = 8 * 1024;

/** How far the payer's clock may be ahead of ours when it signs `validAfter` / `validBefore`. */
export const CLOCK_SKEW_SECONDS = 60;

const UINT256_MAX = 2n ** 256n - 1n;

export interface Eip3009Authorization {
  from: Address;
  to: Address;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  /** bytes32, lower case. */
  nonce: Hex;
}

export interface ParsedPayment {
  /** The payload as sent, for the x402 server and facilitator. */
  payload: PaymentPayload;
  authorization: Eip3009Authorization;
  signature: Hex;
  /** The wallet that signed (checksummed). */
  payer: Address;
  /** The client's secret idempotency key (`payment-identifier` extension), if it sent one. */
  identifier: string | null;
}

export type ParseResult = { ok: true; payment: ParsedPayment } | { ok: false; status: number; reason: string };

const uint = (value: unknown): bigint | undefined => {
  if (typeof value !== "string" || !/^\d{1,78}$/.test(value)) return undefined;
  const parsed = BigInt(value);
  return parsed <= UINT256_MAX ? parsed : undefined;
};

/** The EIP-3009 authorization inside an `exact` EVM payload, if that is what it carries. */
function readAuthorization(payload: PaymentPayload): { authorization: Eip3009Authorization; signature: Hex } | undefined {
  const inner = payload.payload as { authorization?: Record<string, unknown>; signature?: unknown } | undefined;
  const fields = inner?.authorization;
  if (!fields || typeof fields !== "object") return undefined;
  const { from, to, nonce } = fields;
  const [value, validAfter, validBefore] = [uint(fields.value), uint(fields.validAfter), uint(fields.validBefore)];
  if (typeof from !== "string" || !isAddress(from) || typeof to !== "string" || !isAddress(to)) return undefined;
  if (typeof nonce !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(nonce)) return undefined;
  if (value === undefined || validAfter === undefined || validBefore === undefined) return undefined;
  const signature = inner.signature;
  if (typeof signature !== "string" || !/^0x([0-9a-fA-F]{2}){1,4096}$/.test(signature)) return undefined;
  return {
    authorization: { from: getAddress(from), to: getAddress(to), value, validAfter, validBefore, nonce: nonce.toLowerCase() as Hex },
    signature: signature as Hex,
  };
}

/** Reads a `PAYMENT-SIGNATURE` header: an x402 v2 `exact` payment carrying an EIP-3009 authorization. */
export function parsePaymentHeader(header: string): ParseResult {
  if (header.length > MAX_PAYMENT_HEADER_LENGTH) return { ok: false, status: 431, reason: "payment_header_too_large" };
  let payload: unknown;
  try {
    payload = decodePaymentSignatureHeader(header);
  } catch {
    return { ok: false, status: 400, reason: "invalid_payment_header" };
  }
  if (!isPaymentPayloadV2(payload)) return { ok: false, status: 400, reason: "invalid_payment_header" };
  return parsePaymentPayload(payload as PaymentPayload);
}

/** The same checks for a payload already decoded (a v1 payment translated to v2). */
export function parsePaymentPayload(payload: PaymentPayload): ParseResult {
  // Code that walks the payload (ours, the SDK's) must never meet a key that reaches a prototype.
  if (hasPrototypeKey(payload)) return { ok: false, status: 400, reason: "invalid_payment_header" };
  const read = readAuthorization(payload);
  if (!read) return { ok: false, status: 400, reason: "unsupported_payment" };
  const identifier = readIdentifier(payload);
  if (identifier === undefined) return { ok: false, status: 400, reason: "invalid_payment_identifier" };
  return { ok: true, payment: { payload, ...read, payer: read.authorization.from, identifier } };
}

/**
 * The `payment-identifier` the client sent: null when it sent none, undefined when what it sent
 * breaks the extension's rules (16–128 of `[A-Za-z0-9_-]`). Such a key is refused rather than
 * ignored: a client counting on it to get its answer again would otherwise pay and lose it.
 * Checked with the extension's own `isValidPaymentId`, not its `validatePaymentIdentifier`, which
 * compiles whatever JSON schema the client echoes back: not something to run on a stranger's input.
 */
function readIdentifier(payload: PaymentPayload): string | null | undefined {
  const extension = payload.extensions?.[PAYMENT_IDENTIFIER];
  if (extension === undefined) return null;
  const info = (extension as { info?: { id?: unknown } } | null)?.info;
  if (typeof info !== "object" || info === null) return undefined;
  if (info.id === undefined) return null;
  return typeof info.id === "string" && isValidPaymentId(info.id) ? info.id : undefined;
}

/**
 * The server bounds time, not the payer: an authorization may not be valid for longer than the
 * offer's `maxTimeoutSeconds` (plus skew) from now, nor start in the future. The facilitator only
 * checks that it has not expired; a ten-year authorization would otherwise be accepted.
 */
export function validityWindowProblem(
  authorization: Pick<Eip3009Authorization, "validAfter" | "validBefore">,
  maxTimeoutSeconds: number,
  nowSeconds: number,
): "authorization_not_yet_valid" | "authorization_valid_too_long" | undefined {
  const now = BigInt(nowSeconds);
  if (authorization.validAfter > now + BigInt(CLOCK_SKEW_SECONDS)) return "authorization_not_yet_valid";
  if (authorization.validBefore > now + BigInt(maxTimeoutSeconds + CLOCK_SKEW_SECONDS)) return "authorization_valid_too_long";
  return undefined;
}

/** The ledger's identity of an authorization on this network's token: it pays once. */
export function authorizationKey(network: string, asset: string, payment: Pick<ParsedPayment, "payer" | "authorization">): AuthorizationKey {
  return { network, asset: getAddress(asset), payer: payment.payer, nonce: payment.authorization.nonce };
}
