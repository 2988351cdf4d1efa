/**
 * Sign-In-With-X (the official `@x402/extensions` sign-in-with-x) backed by the ledger: a wallet
 * that paid for a resource — or bought a pass that covers it — and whose access window is still
 * open signs a challenge from the 402 and gets access again, on any device, without paying twice.
 */
import "server-only";
import { parseSIWxHeader, SIGN_IN_WITH_X, type SIWxStorage } from "@x402/extensions/sign-in-with-x";
import { getAddress, isAddress } from "viem";
import type { HTTPAdapter } from "@x402/core/server";
import { findActivePurchase } from "@/lib/db/queries/payments";
import { claimSiwxNonce } from "@/lib/db/queries/siwx";
import { findPaidResource } from "./catalog";

export const SIWX_STATEMENT = "Sign in to regain access to what this wallet paid for.";

export const ledgerSiwxStorage: SIWxStorage = {
  async hasPaid(resourcePath, address) {
    const resource = await findPaidResource(resourcePath);
    if (!resource || !isAddress(address)) return false;
    return (await findActivePurchase(resource, getAddress(address))) !== undefined;
  },
  // The ledger already records every settled payment.
  recordPayment() {},
  // The extension asks hasUsedNonce after the signature checks out and calls recordNonce only once
  // it grants access: two requests with one signed header could both pass between the two. So the
  // check claims the nonce atomically, and only the request that claimed it may go on. A signer who
  // has not paid spends its nonce too: its client signs a fresh challenge from the next 402.
  hasUsedNonce: async (nonce) => !(await claimSiwxNonce(nonce)),
  recordNonce() {},
};

/** The wallet a SIGN-IN-WITH-X header speaks for (only after the x402 server accepted it). */
export function siwxAddress(adapter: HTTPAdapter): string | undefined {
  const header = adapter.getHeader(SIGN_IN_WITH_X) ?? adapter.getHeader(SIGN_IN_WITH_X.toLowerCase());
  if (!header) return undefined;
  try {
    const { address } = parseSIWxHeader(header);
    return isAddress(address) ? getAddress(address) : undefined;
  } catch {
    return undefined;
  }
}
