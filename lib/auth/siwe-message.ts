/**
 * The fields of a Sign-In with Ethereum (EIP-4361) message, checked against this site before any
 * signature or nonce is looked at. Pure, and total: any string gets an answer, never an exception.
 */
import { getAddress, type Address } from "viem";
import { parseSiweMessage } from "viem/siwe";
import type { NetworkConfig } from "@/lib/networks";

/** Longest a signed message may stay usable, whatever its own expiration says. */
const MAX_MESSAGE_AGE_MS = 10 * 60 * 1000;
/** How far ahead of our clock a wallet's clock may be. */
const CLOCK_SKEW_MS = 60 * 1000;

export type SignInFailure = { ok: false; status: 400 | 401 | 403; error: string; message: string };
export type SiweFields = { ok: true; address: Address; nonce: string };

export const fail = (status: 400 | 401 | 403, error: string, message: string): SignInFailure => ({ ok: false, status, error, message });

/** What the message must name: this site's origin and network, at this moment. */
export interface SiweExpectations {
  origin: string;
  network: Pick<NetworkConfig, "chainId" | "label">;
  now: number;
}

/** A date field as an instant, or "invalid": viem turns unparseable text into an Invalid Date. */
const instant = (date: Date) => (Number.isNaN(date.getTime()) ? "invalid" : date.getTime());

function originOf(uri: string): string | undefined {
  return URL.canParse(uri) ? new URL(uri).origin : undefined;
}

/**
 * Malformed fields get a 400; well-formed ones for another site, chain or time get a 401.
 * On success, the signer's address (checksummed) and the nonce to consume.
 */
export function checkSiweMessage(message: string, expected: SiweExpectations): SiweFields | SignInFailure {
  const fields = parseSiweMessage(message);
  const site = new URL(expected.origin);
  if (!fields.address || !fields.nonce || !fields.domain || !fields.uri || !fields.version || fields.chainId === undefined || !fields.issuedAt) {
    return fail(400, "invalid_message", "Not a Sign-In with Ethereum message.");
  }
  if (!/^[a-zA-Z0-9]{8,}$/.test(fields.nonce)) return fail(400, "malformed_nonce", "The message's nonce is not 8 or more letters and digits.");
  if (fields.version !== "1") return fail(400, "invalid_version", "Only version 1 of Sign-In with Ethereum is supported.");
  const uriOrigin = originOf(fields.uri);
  if (uriOrigin === undefined) return fail(400, "invalid_uri", "The message's URI is not a URL.");
  const issuedAt = instant(fields.issuedAt);
  const expiresAt = fields.expirationTime && instant(fields.expirationTime);
  const notBefore = fields.notBefore && instant(fields.notBefore);
  if (issuedAt === "invalid") return fail(400, "invalid_issued_at", "The message's Issued At is not an RFC 3339 date.");
  if (expiresAt === "invalid") return fail(400, "invalid_expiration_time", "The message's Expiration Time is not an RFC 3339 date.");
  if (notBefore === "invalid") return fail(400, "invalid_not_before", "The message's Not Before is not an RFC 3339 date.");

  if (fields.domain !== site.host) return fail(401, "wrong_domain", `The message is for ${fields.domain}, not ${site.host}.`);
  // EIP-4361: the scheme is optional, but when present it must be the site's.
  if (fields.scheme !== undefined && `${fields.scheme}:` !== site.protocol) {
    return fail(401, "wrong_scheme", `The message is for ${fields.scheme}, not ${site.protocol.slice(0, -1)}.`);
  }
  if (uriOrigin !== site.origin) return fail(401, "wrong_uri", "The message is for another site.");
  if (fields.chainId !== expected.network.chainId) return fail(401, "wrong_chain", `Sign in on ${expected.network.label}.`);
  const { now } = expected;
  if (issuedAt > now + CLOCK_SKEW_MS || issuedAt < now - MAX_MESSAGE_AGE_MS) {
    return fail(401, "stale_message", "The sign-in message is too old; sign in again.");
  }
  if (expiresAt !== undefined && expiresAt <= now) return fail(401, "expired_message", "The sign-in message has expired; sign in again.");
  if (notBefore !== undefined && notBefore > now) return fail(401, "not_yet_valid", "The sign-in message is not valid yet.");
  return { ok: true, address: getAddress(fields.address), nonce: fields.nonce };
}
