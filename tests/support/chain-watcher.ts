/**
 * What a chain watcher does: read a settlement transaction's calldata and rebuild the
 * `PAYMENT-SIGNATURE` that paid, from public data only (the transaction and the public 402).
 */
import { encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentRequired } from "@x402/core/types";
import { createPublicClient, decodeFunctionData, http, serializeSignature, type Hex } from "viem";
import { testUsdcAbi } from "@/lib/chain/contracts";

export async function rebuildPaymentHeader(rpcUrl: string, txHash: Hex, offer: PaymentRequired): Promise<string> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const transaction = await client.getTransaction({ hash: txHash });
  const { functionName, args } = decodeFunctionData({ abi: testUsdcAbi, data: transaction.input });
  if (functionName !== "transferWithAuthorization") throw new Error(`${txHash} calls ${functionName}`);
  const [from, to, value, validAfter, validBefore, nonce, ...rest] = args as unknown as [Hex, Hex, bigint, bigint, bigint, Hex, ...unknown[]];
  // The (v, r, s) overload for accounts, the `bytes signature` one for smart wallets.
  const signature = rest.length === 3 ? serializeSignature({ v: BigInt(rest[0] as number), r: rest[1] as Hex, s: rest[2] as Hex }) : (rest[0] as Hex);
  return encodePaymentSignatureHeader({
    x402Version: 2,
    resource: offer.resource,
    accepted: offer.accepts[0]!,
    payload: {
      authorization: {
        from,
        to,
        value: value.toString(),
        validAfter: validAfter.toString(),
        validBefore: validBefore.toString(),
        nonce,
      },
      signature,
    },
  });
}
