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
