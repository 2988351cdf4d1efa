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
import { CLOCK_SKEW_SECONDS } from "./parsed-payment";

export const SIWX_STATEMENT = "Sign in to regain access to what this wallet paid for.";
/** How long the 402's challenge lets a proof stay valid. */
export const SIWX_EXPIRATION_SECONDS = 300;


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

const signInHeader = (adapter: HTTPAdapter) => adapter.getHeader(SIGN_IN_WITH_X) ?? adapter.getHeader(SIGN_IN_WITH_X.toLowerCase());

/**
 * What the official extension leaves unchecked in a proof, checked before it runs: the proof names
 * this resource and no other (`uri`, every entry of `resources`), this network, and an expiry no
 * later than the challenge allowed. Otherwise a proof signed for one article would open another,
 * and one signed to last a year could be replayed for as long as its nonce was never used.
 * Undefined when there is no proof, or one the extension itself will refuse as malformed.
 */
export function signInProblem(adapter: HTTPAdapter, resourceUrl: string, network: string): string | undefined {
  const header = signInHeader(adapter);
  if (!header) return undefined;
  let proof: ReturnType<typeof parseSIWxHeader>;
  try {
    proof = parseSIWxHeader(header);
  } catch {
    return undefined;
  }
  if (proof.uri !== resourceUrl || (proof.resources ?? []).some((resource) => resource !== resourceUrl)) return "sign_in_wrong_resource";
  if (proof.chainId !== network) return "sign_in_wrong_network";
  const lifetime = Date.parse(proof.expirationTime ?? "") - Date.parse(proof.issuedAt);
  if (!(lifetime <= (SIWX_EXPIRATION_SECONDS + CLOCK_SKEW_SECONDS) * 1000)) return "sign_in_valid_too_long";
  return undefined;
}

/** The wallet a SIGN-IN-WITH-X header speaks for (only after the x402 server accepted it). */
export function siwxAddress(adapter: HTTPAdapter): string | undefined {
  const header = signInHeader(adapter);
  if (!header) return undefined;
  try {
    const { address } = parseSIWxHeader(header);
    return isAddress(address) ? getAddress(address) : undefined;
  } catch {
    return undefined;
  }
}
