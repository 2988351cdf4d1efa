/**
 * Sign-In with Ethereum (EIP-4361) for the dashboard, with viem's SIWE helpers. Nonces are issued
 * by the server, stored, expire after ten minutes and work once.
 */
import "server-only";
import { createPublicClient, http, type Address, type Hex } from "viem";
import { generateSiweNonce, parseSiweMessage } from "viem/siwe";
import { consumeSiweNonce, storeSiweNonce } from "@/lib/db/queries/auth";
import { env } from "@/lib/env";
import { toViemChain } from "@/lib/networks";
import { isAdminAddress } from "./session";

const NONCE_TTL_MS = 10 * 60 * 1000;
/** Longest a signed message may stay usable, whatever its own expiration says. */
const MAX_MESSAGE_AGE_MS = 10 * 60 * 1000;
const CLOCK_SKEW_MS = 60 * 1000;

export const SIWE_STATEMENT = "Sign in to the publisher dashboard.";
export const READER_SIWE_STATEMENT = "Sign in to see what this wallet paid for.";

export async function issueSiweNonce(): Promise<string> {
  const nonce = generateSiweNonce();
  await storeSiweNonce(nonce, new Date(Date.now() + NONCE_TTL_MS));
  return nonce;
}

export type SignInResult = { ok: true; address: Address } | { ok: false; status: 400 | 401 | 403; error: string; message: string };

const fail = (status: 400 | 401 | 403, error: string, message: string): SignInResult => ({ ok: false, status, error, message });

/**
 * Checks a signed SIWE message for this site (its domain and origin, this network's chain), its
 * signature (EOA or smart wallet) and its single-use nonce: who signed in, not what they may do.
 */
export async function verifySignIn(input: { message: string; signature: Hex; origin: string }): Promise<SignInResult> {
  const fields = parseSiweMessage(input.message);
  const expected = new URL(input.origin);
  const now = Date.now();
  if (!fields.address || !fields.nonce || !fields.domain || !fields.uri || !fields.issuedAt) {
    return fail(400, "invalid_message", "Not a Sign-In with Ethereum message.");
  }
  if (fields.domain !== expected.host) return fail(401, "wrong_domain", `The message is for ${fields.domain}, not ${expected.host}.`);
  if (new URL(fields.uri).origin !== expected.origin) return fail(401, "wrong_uri", "The message is for another site.");
  if (fields.chainId !== env.network.chainId) return fail(401, "wrong_chain", `Sign in on ${env.network.label}.`);
  if (fields.issuedAt.getTime() > now + CLOCK_SKEW_MS || fields.issuedAt.getTime() < now - MAX_MESSAGE_AGE_MS) {
    return fail(401, "stale_message", "The sign-in message is too old; sign in again.");
  }
  if (fields.expirationTime && fields.expirationTime.getTime() <= now) {
    return fail(401, "expired_message", "The sign-in message has expired; sign in again.");
  }

  const client = createPublicClient({ chain: toViemChain(env.network, env.rpcUrl), transport: http(env.rpcUrl) });
  const valid = await client
    .verifySiweMessage({ message: input.message, signature: input.signature, domain: expected.host })
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
