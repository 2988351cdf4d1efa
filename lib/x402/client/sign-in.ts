/**
 * Regaining access without paying again, from the client side: the official Sign-In-With-X
 * `fetch` wrapper answers a 402 that offers the `sign-in-with-x` extension by signing its
 * challenge with the wallet. Nothing is paid here: if the wallet has no purchase in its window,
 * the server's 402 comes back.
 */
import { wrapFetchWithSIWx } from "@x402/extensions/sign-in-with-x";
import type { Account, Address, WalletClient } from "viem";

export interface MessageSigner {
  address: Address;
  signMessage(args: { message: string }): Promise<string>;
}

export function createSignInFetch(signer: MessageSigner, fetch: typeof globalThis.fetch = globalThis.fetch.bind(globalThis)) {
  return wrapFetchWithSIWx(fetch, signer);
}

/** Adapts a viem/wagmi wallet client (a browser wallet) to the message signer SIWX expects. */
export function messageSignerFromWalletClient(walletClient: WalletClient & { account: Account }): MessageSigner {
  return {
    address: walletClient.account.address,
    signMessage: ({ message }) => walletClient.signMessage({ account: walletClient.account, message }),
  };
}
