/**
 * Paying from the client side, shared by the browser paywall and `scripts/agent-pay.ts`: the
 * official `@x402/fetch` wrapper with the EVM `exact` scheme, limited to one network and asset.
 */
import { encodePaymentSignatureHeader } from "@x402/core/http";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { appendPaymentIdentifierToExtensions, generatePaymentId, PAYMENT_IDENTIFIER } from "@x402/extensions/payment-identifier";
import { decodePaymentResponseHeader, wrapFetchWithPayment, x402Client } from "@x402/fetch";
import type { Account, Address, WalletClient } from "viem";

/** What the x402 EVM client needs from a wallet: an address and EIP-712 signing. */
export interface PaymentSigner {
  address: Address;
  signTypedData(typedData: {
    domain: Record<string, unknown>;
    types: Record<string, unknown>;
    primaryType: string;
    message: Record<string, unknown>;
  }): Promise<`0x${string}`>;
}

export interface PaymentClientOptions {
  signer: PaymentSigner;
  /** CAIP-2 network, e.g. `eip155:31337`. */
  network: `${string}:${string}`;
  /** The token this client may pay with (USDC on that network). */
  asset: Address;
  /** Largest single payment this client will sign, in atomic units. */
  maxAmountPerPayment: bigint;
}

export interface PayingFetchOptions extends PaymentClientOptions {
  fetch?: typeof globalThis.fetch;
  /**
   * Called once the payment is signed, before it is sent, with the `PAYMENT-SIGNATURE` header it
   * goes out with. The browser keeps it to resend after a server-side failure without asking the
   * wallet again: an authorization settles at most once, so a resend never pays twice.
   */
  onSigned?: (paymentHeader: string) => void;
}

/**
 * Gives every payment a fresh secret `payment-identifier` where the server offers the extension.
 * It never reaches the chain, so it is what lets this client — and only this client — send the
 * same payment again after a lost answer and get what it paid for (see lib/x402/idempotency.ts).
 */
const paymentIdentifierExtension = {
  key: PAYMENT_IDENTIFIER,
  enrichPaymentPayload: async <Payload extends { extensions?: Record<string, unknown> }>(payload: Payload): Promise<Payload> =>
    payload.extensions?.[PAYMENT_IDENTIFIER]
      ? { ...payload, extensions: appendPaymentIdentifierToExtensions(structuredClone(payload.extensions), generatePaymentId()) }
      : payload,
};

/** The official x402 client with the EVM `exact` scheme, paying only `asset` on `network`, up to the cap. */
export function createPaymentClient(options: PaymentClientOptions): x402Client {
  return new x402Client()
    .register(options.network, new ExactEvmScheme(options.signer))
    .registerExtension(paymentIdentifierExtension)
    .setSpendControls({
      allowedAssets: [
        { network: options.network, asset: options.asset, maxAmountPerPayment: options.maxAmountPerPayment.toString() },
      ],
    });
}

/** A `fetch` that answers a 402 by signing a payment within the limits and retrying once. */
export function createPayingFetch(options: PayingFetchOptions): typeof globalThis.fetch {
  const client = createPaymentClient(options);
  if (options.onSigned) {
    const onSigned = options.onSigned;
    // Encoded exactly as @x402/fetch encodes the v2 payload it sends next (we register v2 only).
    client.onAfterPaymentCreation(async ({ paymentPayload }) => onSigned(encodePaymentSignatureHeader(paymentPayload)));
  }
  const paying = wrapFetchWithPayment(options.fetch ?? globalThis.fetch.bind(globalThis), client);
  return (input, init) => paying(input as RequestInfo | URL, init);
}

/** Sends a request again with a payment signed earlier (see `onSigned`), without the wallet. */
export function resendPayment(input: string | URL, paymentHeader: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("PAYMENT-SIGNATURE", paymentHeader);
  return globalThis.fetch(input, { ...init, headers });
}

/** Adapts a viem/wagmi wallet client (a browser wallet) to the signer the x402 client expects. */
export function signerFromWalletClient(walletClient: WalletClient & { account: Account }): PaymentSigner {
  return {
    address: walletClient.account.address,
    signTypedData: (typedData) =>
      walletClient.signTypedData({
        account: walletClient.account,
        ...(typedData as Omit<Parameters<WalletClient["signTypedData"]>[0], "account">),
      }),
  };
}

export interface PaymentReceipt {
  success: boolean;
  transaction: string;
  network: string;
  payer?: string;
}

/** The settlement receipt from a paid response's `PAYMENT-RESPONSE` header, if present. */
export function readPaymentReceipt(response: Response): PaymentReceipt | undefined {
  const header = response.headers.get("PAYMENT-RESPONSE");
  if (!header) return undefined;
  try {
    return decodePaymentResponseHeader(header);
  } catch {
    return undefined;
  }
}
