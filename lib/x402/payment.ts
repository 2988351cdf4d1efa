/**
 * One paid request, framework-free: build the requirement from the resource's row, check the
 * client's payment with the official x402 HTTP server, and settle it when the caller says so.
 * `lib/x402/next.ts` adapts this to `proxy.ts` (pages) and to route handlers (APIs).
 */
import "server-only";
import {
  decodePaymentRequiredHeader,
  decodePaymentSignatureHeader,
  encodePaymentRequiredHeader,
  encodePaymentSignatureHeader,
} from "@x402/core/http";
import { isPaymentPayloadV2, type PaymentRequirementsV1 } from "@x402/core/schemas";
import { declareDiscoveryExtension } from "@x402/extensions/bazaar";
import { declarePaymentIdentifierExtension, PAYMENT_IDENTIFIER } from "@x402/extensions/payment-identifier";
import { declareSIWxExtension } from "@x402/extensions/sign-in-with-x";
import {
  x402HTTPResourceServer,
  type HTTPAdapter,
  type HTTPResponseInstructions,
  type HTTPTransportContext,
  type PaywallProvider,
  type RouteConfig,
} from "@x402/core/server";
import { getFacilitatorResponseError, type PaymentPayload, type PaymentRequirements, type ResourceInfo } from "@x402/core/types";
import { isAddressEqual } from "viem";
import { findActivePurchase, type ActivePurchase } from "@/lib/db/queries/payments";
import type { Resource } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { formatUsdcWithSymbol } from "@/lib/money";
import type { LedgerTransport } from "./ledger";
import { findPriorOutcome, type PriorOutcome } from "./idempotency";
import { SIWX_STATEMENT, siwxAddress } from "./siwx";
import { describeReason } from "./reasons";
import { getResourceServer } from "./server";
import { decodeV1PaymentHeader, toV1Accepts, toV1PaymentResponseHeader, toV2Payment } from "./v1";
import { site } from "@/lib/site";

/** Real x402 payloads are about 1 KiB; anything this large is not one. */
export const MAX_PAYMENT_HEADER_LENGTH = 8 * 1024;
/** How long a signed authorization may stay valid (what clients put into `validBefore`). */
const MAX_TIMEOUT_SECONDS = 300;

export interface PaymentErrorBody {
  error: string;
  message: string;
  x402Version?: number;
  resource?: ResourceInfo;
  /** v2 terms, or v1 ones (with `x402Version: 1`) where v1 can name the network. */
  accepts?: PaymentRequirements[] | PaymentRequirementsV1[];
}

export interface PaymentRejection {
  status: number;
  headers: Record<string, string>;
  body: PaymentErrorBody;
}

export type SettlementOutcome =
  | { outcome: "settled"; headers: Record<string, string>; txHash: string; payer: string; amount: bigint }
  | { outcome: "rejected"; rejection: PaymentRejection };

export type PaymentAttempt =
  | { outcome: "rejected"; rejection: PaymentRejection }
  /** Signed in with the wallet that bought access earlier (Sign-In-With-X): nothing to pay. */
  | { outcome: "granted"; payer: string; purchase: ActivePurchase }
  | {
      outcome: "verified";
      payer: string;
      /** Settles on chain (the ledger hooks record it). Call only once the content is ready. */
      settle(): Promise<SettlementOutcome>;
      /** The content could not be produced: nothing is settled. */
      cancel(reason: "handler_failed" | "handler_threw", responseStatus?: number): Promise<void>;
    };

const withoutKind = ({ kind: _, ...settled }: Extract<PriorOutcome, { kind: "settled" }>) => settled;

/** We render our own paywall (a React page), so the SDK's HTML paywall is never used. */
const noHtmlPaywall: PaywallProvider = { generateHtml: () => "" };

/** A refusal with a machine-readable reason and its sentence. Never cached. */
export function refusal(
  status: number,
  error: string,
  extra: Partial<PaymentErrorBody> = {},
  headers: Record<string, string> = {},
): PaymentRejection {
  return {
    status,
    headers: { "Cache-Control": "no-store", ...headers },
    body: { error, message: describeReason(error), ...extra },
  };
}

/** A resource with an access window offers Sign-In-With-X to whoever paid within it. */
const offersSignIn = (resource: Resource) => resource.accessSeconds > 0;

function routeConfig(resource: Resource, origin: string): RouteConfig {
  const { usdc } = env.network;
  return {
    accepts: {
      scheme: "exact",
      network: env.network.caip2,
      payTo: resource.payTo,
      price: { amount: resource.price.toString(), asset: resource.asset, extra: { ...usdc.eip712 } },
      maxTimeoutSeconds: MAX_TIMEOUT_SECONDS,
    },
    resource: `${origin}${resource.path}`,
    description: resource.description || resource.title,
    mimeType: resource.mimeType,
    serviceName: site.name,
    extensions: {
      // Facilitators that index the Bazaar list the resource; clients may send an idempotency key.
      ...declareDiscoveryExtension({}),
      [PAYMENT_IDENTIFIER]: declarePaymentIdentifierExtension(false),
      // Whoever paid within the access window can sign in instead of paying again.
      ...(offersSignIn(resource) ? declareSIWxExtension({ statement: SIWX_STATEMENT, expirationSeconds: 300 }) : {}),
    },
  };
}

/** What sells one catalog row. */
interface Seller {
  origin: string;
  server: x402HTTPResourceServer;
  /**
   * The 402 for an unpaid request, by method, where it is the same for every request: an offer
   * without Sign-In-With-X (whose challenge is new each time). Every paid call starts with a 402 and
   * anyone may ask for one; answering it from here skips the SDK's building and encoding.
   */
  offers?: Map<string, PaymentRejection>;
}

/**
 * One seller per catalog row: its route config and extension declarations cost more than the 402
 * it answers. A catalog reload hands out new rows (a new price gets a new seller, with no offers
 * yet), and a seller goes away with its row.
 */
const sellers = new WeakMap<Resource, Seller>();

async function sellerFor(resource: Resource, origin: string): Promise<Seller> {
  const cached = sellers.get(resource);
  if (cached?.origin === origin) return cached;
  // Keyed by the resource's own path (Bazaar indexes it), and asked about that path: the catalog
  // already matched the request to this resource, whatever spelling its URL had.
  const server = new x402HTTPResourceServer(await getResourceServer(), { [resource.path]: routeConfig(resource, origin) });
  server.registerPaywallProvider(noHtmlPaywall);
  const seller = { origin, server, offers: offersSignIn(resource) ? undefined : new Map<string, PaymentRejection>() };
  sellers.set(resource, seller);
  return seller;
}

/** The 402 (or other refusal) the SDK produced, with its reason spelled out in a JSON body. */
function rejectionFrom(instructions: HTTPResponseInstructions, resource: Resource): PaymentRejection {
  const encoded = instructions.headers["PAYMENT-REQUIRED"];
  const headers: Record<string, string> = { ...instructions.headers, "Cache-Control": "no-store" };
  delete headers["Content-Type"]; // the caller answers with its own body (JSON or the teaser page)
  if (!encoded) {
    const reason = (instructions.body as { error?: string } | undefined)?.error ?? "payment_refused";
    return refusal(instructions.status, reason, {}, headers);
  }
  const paymentRequired = decodePaymentRequiredHeader(encoded);
  const reason = paymentRequired.error && paymentRequired.error !== "Payment required" ? paymentRequired.error : "payment_required";
  const message =
    reason === "payment_required"
      ? `Payment required: ${formatUsdcWithSymbol(resource.price)} on ${env.network.label} for “${resource.title}”.`
      : describeReason(reason);
  // v2 clients read the terms from PAYMENT-REQUIRED, v1 clients only from the body: it speaks v1
  // wherever v1 has a name for the network.
  const v1Accepts = toV1Accepts(paymentRequired);
  return {
    status: instructions.status,
    headers,
    body: v1Accepts
      ? { error: reason, message, x402Version: 1, accepts: v1Accepts }
      : {
          error: reason,
          message,
          x402Version: paymentRequired.x402Version,
          resource: paymentRequired.resource,
          accepts: paymentRequired.accepts,
        },
  };
}

function facilitatorRejection(error: unknown): PaymentRejection {
  console.error("[x402] facilitator unavailable:", error instanceof Error ? error.message : error);
  return refusal(502, "facilitator_unavailable");
}

/** The facilitator failed while settling: the transfer may or may not have happened. */
function settlementUnconfirmed(error: unknown): PaymentRejection {
  console.error("[x402] settlement unconfirmed, the payment stays pending:", error instanceof Error ? error.message : error);
  return refusal(502, "settlement_unconfirmed");
}

/** `adapter` with some request headers replaced (undefined removes one); names in lower case. */
function withHeaders(adapter: HTTPAdapter, replaced: Record<string, string | undefined>): HTTPAdapter {
  const wrapped: HTTPAdapter = Object.create(adapter); // inherits the rest of the request
  wrapped.getHeader = (name) => {
    const key = name.toLowerCase();
    return key in replaced ? replaced[key] : adapter.getHeader(name);
  };
  return wrapped;
}

/** A settled v1 payment also gets its receipt the v1 way, in `X-PAYMENT-RESPONSE`. */
function withV1Receipt(attempt: Extract<PaymentAttempt, { outcome: "verified" }>): PaymentAttempt {
  return {
    ...attempt,
    async settle() {
      const settlement = await attempt.settle();
      const receipt = settlement.outcome === "settled" ? settlement.headers["PAYMENT-RESPONSE"] : undefined;
      if (settlement.outcome !== "settled" || receipt === undefined) return settlement;
      return { ...settlement, headers: { ...settlement.headers, "X-PAYMENT-RESPONSE": toV1PaymentResponseHeader(receipt) } };
    },
  };
}

/**
 * A legacy x402 v1 payment (`X-PAYMENT`, see ./v1.ts): read as an acceptance of the terms an
 * unpaid request gets right now, translated into that v2 payment, and run through the v2 flow —
 * so it is verified, settled, recorded and replayed like any other.
 */
async function attemptV1Payment(resource: Resource, adapter: HTTPAdapter, origin: string, header: string): Promise<PaymentAttempt> {
  const decoded = decodeV1PaymentHeader(header, MAX_PAYMENT_HEADER_LENGTH);
  if (!decoded.ok) return { outcome: "rejected", rejection: refusal(decoded.status, decoded.reason) };

  const unpaid = await attemptPayment(resource, withHeaders(adapter, { "x-payment": undefined }), origin);
  const offered = unpaid.outcome === "rejected" ? unpaid.rejection.headers["PAYMENT-REQUIRED"] : undefined;
  // Access without payment (Sign-In-With-X), or a refusal before any terms (an outage): as without the header.
  if (unpaid.outcome !== "rejected" || offered === undefined) return unpaid;

  const terms = decodePaymentRequiredHeader(offered);
  const translated = toV2Payment(decoded.payload, terms);
  if (!translated.ok) {
    // Like a v2 payment for terms we don't offer: the current terms again, with the reason.
    const { error: _error, message: _message, ...offer } = unpaid.rejection.body;
    const headers = { ...unpaid.rejection.headers, "PAYMENT-REQUIRED": encodePaymentRequiredHeader({ ...terms, error: translated.reason }) };
    return { outcome: "rejected", rejection: refusal(translated.status, translated.reason, offer, headers) };
  }

  const paid = withHeaders(adapter, { "payment-signature": encodePaymentSignatureHeader(translated.payload), "x-payment": undefined });
  const attempt = await attemptPayment(resource, paid, origin);
  return attempt.outcome === "verified" ? withV1Receipt(attempt) : attempt;
}

/**
 * Checks the request's `PAYMENT-SIGNATURE` (or a v1 `X-PAYMENT`, translated) if any against the
 * resource's current price.
 */
export async function attemptPayment(resource: Resource, adapter: HTTPAdapter, origin: string): Promise<PaymentAttempt> {
  if (resource.network !== env.network.caip2 || !isAddressEqual(resource.asset as `0x${string}`, env.network.usdc.address)) {
    console.error(`[x402] resource ${resource.path} is priced on ${resource.network}/${resource.asset}, not ${env.network.caip2}`);
    return { outcome: "rejected", rejection: refusal(503, "wrong_network") };
  }
  const v1Header = adapter.getHeader("payment-signature") === undefined ? adapter.getHeader("x-payment") : undefined;
  if (v1Header !== undefined) return attemptV1Payment(resource, adapter, origin, v1Header);

  const header = adapter.getHeader("payment-signature");
  if (header !== undefined) {
    if (header.length > MAX_PAYMENT_HEADER_LENGTH) return { outcome: "rejected", rejection: refusal(431, "payment_header_too_large") };
    let payload: unknown;
    try {
      payload = decodePaymentSignatureHeader(header);
    } catch {
      payload = undefined;
    }
    if (!isPaymentPayloadV2(payload)) return { outcome: "rejected", rejection: refusal(400, "invalid_payment_header") };

    let prior: PriorOutcome;
    try {
      prior = await findPriorOutcome(payload as PaymentPayload, resource);
    } catch (error) {
      console.error("[x402] cannot read the payment ledger; refusing the payment", error);
      return { outcome: "rejected", rejection: refusal(503, "ledger_unavailable") };
    }
    if (prior.kind === "in-progress") {
      return { outcome: "rejected", rejection: refusal(409, "payment_in_progress", {}, { "Retry-After": "2" }) };
    }
    if (prior.kind === "settled") {
      const settled = withoutKind(prior);
      return {
        outcome: "verified",
        payer: settled.payer,
        settle: async () => ({ outcome: "settled", ...settled }),
        cancel: async () => {},
      };
    }
  }

  let seller: Seller;
  try {
    seller = await sellerFor(resource, origin);
  } catch (error) {
    return { outcome: "rejected", rejection: facilitatorRejection(error) };
  }

  const method = adapter.getMethod();
  const offer = header === undefined ? seller.offers?.get(method) : undefined;
  if (offer) return { outcome: "rejected", rejection: offer };

  const request = { adapter, path: resource.path, method, paymentHeader: header };
  let result: Awaited<ReturnType<x402HTTPResourceServer["processHTTPRequest"]>>;
  try {
    result = await seller.server.processHTTPRequest(request);
  } catch (error) {
    if (getFacilitatorResponseError(error)) return { outcome: "rejected", rejection: facilitatorRejection(error) };
    throw error;
  }

  switch (result.type) {
    case "payment-error": {
      const rejection = rejectionFrom(result.response, resource);
      if (header === undefined && rejection.status === 402) seller.offers?.set(method, rejection);
      return { outcome: "rejected", rejection };
    }
    case "no-payment-required": {
      // Only the Sign-In-With-X hook grants access without payment: a wallet with an active purchase.
      const payer = siwxAddress(adapter);
      const purchase = payer ? await findActivePurchase(resource, payer) : undefined;
      if (!payer || !purchase) throw new Error("x402 granted access without a purchase to show for it");
      return { outcome: "granted", payer, purchase };
    }
    case "payment-verified": {
      const { paymentPayload, paymentRequirements, declaredExtensions, cancellationDispatcher } = result;
      const transport: HTTPTransportContext & LedgerTransport = { request, resourceId: resource.id };
      const payer = (paymentPayload.payload as { authorization?: { from?: string } }).authorization?.from ?? "";
      return {
        outcome: "verified",
        payer,
        async settle() {
          try {
            const settlement = await seller.server.processSettlement(paymentPayload, paymentRequirements, declaredExtensions, transport);
            if (!settlement.success) {
              const { response, errorReason } = settlement;
              // A concurrent duplicate of this payment got there first (see ledger.ts).
              if (errorReason === "payment_settled") {
                // Unreadable just now: the 409 below has the client ask again, and the retry gets it.
                const prior = await findPriorOutcome(paymentPayload, resource).catch(() => undefined);
                if (prior?.kind === "settled") return { outcome: "settled", ...withoutKind(prior) };
              }
              if (errorReason === "payment_settled" || errorReason === "payment_in_progress") {
                return { outcome: "rejected", rejection: refusal(409, "payment_in_progress", {}, { "Retry-After": "2" }) };
              }
              const status = errorReason === "ledger_unavailable" ? 503 : response.status;
              return { outcome: "rejected", rejection: refusal(status, errorReason, {}, response.headers) };
            }
            return {
              outcome: "settled",
              headers: settlement.headers,
              txHash: settlement.transaction,
              payer: settlement.payer ?? payer,
              amount: BigInt(paymentRequirements.amount),
            };
          } catch (error) {
            if (getFacilitatorResponseError(error)) return { outcome: "rejected", rejection: settlementUnconfirmed(error) };
            throw error;
          }
        },
        async cancel(reason, responseStatus) {
          await cancellationDispatcher.cancel({ reason, responseStatus });
        },
      };
    }
  }
}
