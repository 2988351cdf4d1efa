/**
 * EIP-3009 as tests and the bench use it on the local chain: cancelling an authorization, and
 * putting a signed x402 `exact` payment on chain as a facilitator does (a chain watcher's view).
 * The typed data production signs and checks is lib/x402/eip3009.ts.
 */
import type { Address, Hex } from "viem";

export const cancelAuthorizationTypes = {
  CancelAuthorization: [
    { name: "authorizer", type: "address" },
    { name: "nonce", type: "bytes32" },
  ],
} as const;

/** An x402 `exact` EVM payload (as signed, values in decimal strings). */
interface SignedAuthorization {
  authorization: { from: Address; to: Address; value: string; validAfter: string; validBefore: string; nonce: Hex };
  signature: Hex;
}

/**
 * The arguments of `transferWithAuthorization` that put a signed x402 `exact` payment (a
 * PaymentPayload's `payload`) on chain, as a facilitator does.
 */
export function transferWithAuthorizationArgs(payload: Record<string, unknown>) {
  const { authorization, signature } = payload as unknown as SignedAuthorization;
  const { from, to, value, validAfter, validBefore, nonce } = authorization;
  return [from, to, BigInt(value), BigInt(validAfter), BigInt(validBefore), nonce, signature] as const;
}
