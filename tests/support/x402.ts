/** Test helpers: call route handlers through Next's request objects, and sign payments as a payer. */
import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentPayload, PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { appendPaymentIdentifierToExtensions } from "@x402/extensions/payment-identifier";
import { NextRequest } from "next/server";
import { getAddress, toHex, type Hex } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { transferWithAuthorizationTypes } from "@/lib/x402/eip3009";
import { anvilKey } from "@/lib/local-defaults";
import { env } from "@/lib/env";
import { createPayingFetch } from "@/lib/x402/client/pay";

export const ORIGIN = "http://paywall.test";

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A `fetch` that dispatches to a route handler in this process instead of the network. */
export function fetchFor(handler: Handler): typeof fetch {
  return async (input, init) => handler(new NextRequest(new Request(input, init)), { params: Promise.resolve({}) });
}

export function payer(index: number): PrivateKeyAccount {
  return privateKeyToAccount(anvilKey(index));
}

/** The official @x402/fetch client paying with `account`, against a route handler. */
export function payingFetchFor(handler: Handler, account: PrivateKeyAccount): typeof fetch {
  return createPayingFetch({
    signer: account,
    network: env.network.caip2,
    asset: env.network.usdc.address,
    maxAmountPerPayment: 1_000_000n,
    fetch: fetchFor(handler),
  });
}

export function paymentRequired(response: Response): PaymentRequired {
  const header = response.headers.get("PAYMENT-REQUIRED");
  if (!header) throw new Error(`no PAYMENT-REQUIRED header on HTTP ${response.status}`);
  return decodePaymentRequiredHeader(header);
}

export const encodePayment = encodePaymentSignatureHeader;

/**
 * Signs an EIP-3009 authorization by hand, so tests can produce payments the official client never
 * would (wrong amount, expired window, another recipient) while presenting the server's own
 * requirement as `accepted`.
 */
export async function signPayment(options: {
  account: PrivateKeyAccount;
  required: PaymentRequired;
  authorization?: Partial<{ to: string; value: string; validAfter: string; validBefore: string; nonce: Hex }>;
  accepted?: Partial<PaymentRequirements>;
  /** A `payment-identifier`, as a client sends to get its own retries answered. */
  identifier?: string;
}): Promise<PaymentPayload> {
  const requirement = options.required.accepts[0]!;
  const now = Math.floor(Date.now() / 1000);
  const authorization = {
    from: options.account.address,
    to: getAddress(requirement.payTo),
    value: requirement.amount,
    validAfter: "0",
    validBefore: String(now + requirement.maxTimeoutSeconds),
    nonce: toHex(crypto.getRandomValues(new Uint8Array(32))),
    ...options.authorization,
  };
  const signature = await options.account.signTypedData({
    domain: {
      name: String(requirement.extra.name),
      version: String(requirement.extra.version),
      chainId: env.network.chainId,
      verifyingContract: getAddress(requirement.asset),
    },
    types: transferWithAuthorizationTypes,
    primaryType: "TransferWithAuthorization",
    message: {
      ...authorization,
      to: getAddress(authorization.to),
      value: BigInt(authorization.value),
      validAfter: BigInt(authorization.validAfter),
      validBefore: BigInt(authorization.validBefore),
    },
  });
  return {
    x402Version: 2,
    resource: options.required.resource,
    accepted: { ...requirement, ...options.accepted },
    payload: { authorization, signature },
    ...(options.identifier
      ? { extensions: appendPaymentIdentifierToExtensions(structuredClone(options.required.extensions ?? {}), options.identifier) }
      : {}),
  };
}

/**
 * A Set-Cookie's Max-Age. A grant ends where the access bought ends (settlement + window), so by
 * the time the cookie is written a second or two of it may have passed: compare with a margin.
 */
export function cookieMaxAge(setCookie: string): number {
  return Number(/Max-Age=(\d+)/i.exec(setCookie)?.[1]);
}
