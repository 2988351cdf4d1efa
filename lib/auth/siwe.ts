/**
 * Sign-In with Ethereum (EIP-4361) for the dashboard, with viem's SIWE helpers. Nonces are issued
 * by the server, stored, expire after ten minutes and work once.
 */
import "server-only";
import { createPublicClient, http, type Address, type Hex } from "viem";
import { generateSiweNonce } from "viem/siwe";
import { consumeSiweNonce, storeSiweNonce } from "@/lib/db/queries/auth";
import { env } from "@/lib/env";
import { toViemChain } from "@/lib/networks";
import { isAdminAddress } from "./session";
import { checkSiweMessage, fail, type SignInFailure } from "./siwe-message";

const NONCE_TTL_MS = 10 * 60 * 1000;

export const SIWE_STATEMENT = "Sign in to the publisher dashboard.";
export const READER_SIWE_STATEMENT = "Sign in to see what this wallet paid for.";

export async function issueSiweNonce(): Promise<string> {
  const nonce = generateSiweNonce();
  await storeSiweNonce(nonce, new Date(Date.now() + NONCE_TTL_MS));
  return nonce;
}

export type SignInResult = { ok: true; address: Address } | SignInFailure;

/**
 * Checks a signed SIWE message for this site (its domain and origin, this network's chain, its
 * dates), its signature (EOA or smart wallet) and its single-use nonce: who signed in, not what
 * they may do. Any input gets a result; only the database failing makes it throw.
 */
export async function verifySignIn(input: { message: string; signature: Hex; origin: string }): Promise<SignInResult> {
  const fields = checkSiweMessage(input.message, { origin: input.origin, network: env.network, now: Date.now() });
  if (!fields.ok) return fields;

  const client = createPublicClient({ chain: toViemChain(env.network, env.rpcUrl), transport: http(env.rpcUrl) });
  const valid = await client
    .verifySiweMessage({ message: input.message, signature: input.signature, domain: new URL(input.origin).host })
    .catch(() => false);
  if (!valid) return fail(401, "invalid_signature", "The signature does not match the message.");
  if (!(await consumeSiweNonce(fields.nonce))) {
    return fail(401, "invalid_nonce", "This sign-in request expired or was already used; sign in again.");
  }
  return { ok: true, address: fields.address };
}

/** `verifySignIn`, and the wallet must be on the ADMIN_ADDRESSES allowlist. */
export async function verifyAdminSignIn(input: { message: string; signature: Hex; origin: string }): Promise<SignInResult> {
  const result = await verifySignIn(input);
  if (result.ok && !isAdminAddress(result.address)) {
    return fail(403, "not_admin", "This wallet is not an administrator of this site.");
  }
  return result;
}
