import type { Address, Hex } from "viem";

/**
 * The EIP-712 types of EIP-3009, the signed transfers USDC (and the local TestUSDC) accept: what a
 * payer signs for an x402 `exact` payment, and what a facilitator or this app checks.
 */
export const transferWithAuthorizationTypes = {
  TransferWithAuthorization: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "validAfter", type: "uint256" },
    { name: "validBefore", type: "uint256" },
    { name: "nonce", type: "bytes32" },
  ],
} as const;

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
