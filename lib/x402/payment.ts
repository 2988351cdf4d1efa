/**
 * One paid request, framework-free: build the requirement from the resource's row, read the
 * client's payment once, decide what a payment seen before is worth (./idempotency.ts), check a
 * new one with the official x402 HTTP server, and settle it when the caller says so, writing the
 * ledger around the facilitator (./ledger.ts). `lib/x402/next.ts` adapts this to `proxy.ts`
 * (pages) and to route handlers (APIs).
 */
import "server-only";
import { decodePaymentRequiredHeader, encodePaymentRequiredHeader, encodePaymentResponseHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentRequirementsV1 } from "@x402/core/schemas";
import { declareDiscoveryExtension } from "@x402/extensions/bazaar";
import { declarePaymentIdentifierExtension, PAYMENT_IDENTIFIER } from "@x402/extensions/payment-identifier";
import { declareSIWxExtension } from "@x402/extensions/sign-in-with-x";
import type { HTTPAdapter, HTTPResponseInstructions, PaywallProvider, RouteConfig, x402HTTPResourceServer } from "@x402/core/server";
import type { PaymentPayload, PaymentRequirements, ResourceInfo } from "@x402/core/types";
import { isAddressEqual } from "viem";
import { findActivePurchase, resolvePayment, type ActivePurchase } from "@/lib/db/queries/payments";
import type { Payment, Resource, StoredOutcome } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { site } from "@/lib/site";
import { isFacilitatorUnavailable, SETTLEMENT_PENDING, unconfirmedTransaction } from "./errors";
import { chainOutcome, findPriorOutcome, type PriorOutcome } from "./idempotency";
import { claimForSettlement, recordFailure, recordSettled, type LedgerEntry } from "./ledger";
import { MAX_PAYMENT_HEADER_LENGTH, parsePaymentHeader, parsePaymentPayload, validityWindowProblem, type ParsedPayment } from "./parsed-payment";
import { describeReason } from "./reasons";
import { createHttpResourceServer } from "./server";
import { signInProblem, SIWX_EXPIRATION_SECONDS, SIWX_STATEMENT, siwxAddress } from "./siwx";
import { decodeV1PaymentHeader, toV1Accepts, toV1PaymentResponseHeader, toV2Payment } from "./v1";

export { MAX_PAYMENT_HEADER_LENGTH };

/** How long a signed authorization may stay valid (what clients put into `validBefore`). */
export const MAX_TIMEOUT_SECONDS = 300;
/** When a client whose payment is settling or unconfirmed should ask again. */
const RETRY_AFTER_SECONDS = 3;

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

/** A settled payment, ready to be delivered: what was paid, by whom, and the access it bought. */
export interface Delivery {
  payment: Pick<Payment, "payer" | "amount" | "txHash" | "resourceId">;
  /** Unix seconds when the access it bought ends: settlement + the window in force at purchase. */
  accessUntil: number;
  /** The receipt (`PAYMENT-RESPONSE`, and `X-PAYMENT-RESPONSE` for a v1 payment). */
  headers: Record<string, string>;
  /**
   * Set when this delivers an API payment again to the client that paid: the answer the handler
   * gave the first time (null when none was kept: the receipt alone goes back).
   */
  repeat?: { outcome: StoredOutcome | null };
}

export type SettlementOutcome = { outcome: "settled"; delivery: Delivery } | { outcome: "rejected"; rejection: PaymentRejection };

export type PaymentAttempt =
  | { outcome: "rejected"; rejection: PaymentRejection }
  /** Signed in with the wallet that bought access earlier (Sign-In-With-X): nothing to pay. */
  | { outcome: "granted"; payer: string; purchase: ActivePurchase }
  /** The client that paid asks again (proved by its payment-identifier): deliver, settle nothing. */
  | { outcome: "repeated"; delivery: Delivery }
  | {
      outcome: "verified";
      payer: string;
      /**
       * Settles on chain and records it. Call only once the content is ready; an API passes the
       * answer it is about to send, which the ledger keeps for the client's retries.
       */
      settle(answer?: StoredOutcome): Promise<SettlementOutcome>;
      /** The content could not be produced: nothing is settled. */
      cancel(reason: "handler_failed" | "handler_threw" | "after_verify_aborted", responseStatus?: number): Promise<void>;
    };

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

const rejected = (rejection: PaymentRejection) => ({ outcome: "rejected" as const, rejection });
const askAgainShortly = { "Retry-After": String(RETRY_AFTER_SECONDS) };

/**
 * Whoever paid within an access window can sign in instead of paying again. Pages and passes
 * always offer it: a window is kept per purchase, so a page whose window is now 0 may still have
 * readers with access left. An API offers it while it has a window.
 */
const offersSignIn = (resource: Resource) => resource.kind !== "api" || resource.accessSeconds > 0;

/**
 * A payment is taken only with a request whose answer carries what was bought: never HEAD or
 * OPTIONS (no body), and for a page or pass only GET (it is read, not posted to).
 */
function isPayableMethod(resource: Resource, method: string): boolean {
  return resource.kind === "api" ? method !== "HEAD" && method !== "OPTIONS" : method === "GET";
}

/**
 * A request for something other than the page: the router's fetch of its React Server Components
 * payload (answered with a redirect), or a prefetch (answered with an empty body). A payment taken
 * with one would buy a pay-per-view article no one sees. Next hides some of these headers from
 * the proxy, so the ones it shows are checked, and `_rsc`, the router's cache key.
 */
function isNotAPageRequest(adapter: HTTPAdapter): boolean {
  const header = (name: string) => adapter.getHeader(name);
  return (
    header("rsc") === "1" ||
    (header("accept") ?? "").includes("text/x-component") ||
    header("next-router-prefetch") !== undefined ||
    header("x-middleware-prefetch") !== undefined ||
    /prefetch/i.test(`${header("purpose") ?? ""} ${header("sec-purpose") ?? ""}`) ||
    new URL(adapter.getUrl()).searchParams.has("_rsc")
  );
}

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
      ...(offersSignIn(resource) ? declareSIWxExtension({ statement: SIWX_STATEMENT, expirationSeconds: SIWX_EXPIRATION_SECONDS }) : {}),
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
  const server = await createHttpResourceServer({ [resource.path]: routeConfig(resource, origin) });
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

/** The offer with another reason: the current terms, and why the payment sent does not meet them. */
function offerRefusal(offer: PaymentRejection, status: number, reason: string): PaymentRejection {
  const encoded = offer.headers["PAYMENT-REQUIRED"];
  const headers = encoded
    ? { ...offer.headers, "PAYMENT-REQUIRED": encodePaymentRequiredHeader({ ...decodePaymentRequiredHeader(encoded), error: reason }) }
    : offer.headers;
  return { status, headers, body: { ...offer.body, error: reason, message: describeReason(reason) } };
}

function facilitatorRejection(error: unknown): PaymentRejection {
  console.error("[x402] facilitator unavailable:", error instanceof Error ? error.message : error);
  return refusal(502, "facilitator_unavailable");
}

/**
 * The transfer may have landed: pending, never refused (a refusal invites a second payment). The
 * same request gets what was paid for once the chain confirms it.
 */
function settlementUnconfirmed(detail: unknown): PaymentRejection {
  console.error("[x402] settlement unconfirmed, the payment stays pending:", detail instanceof Error ? detail.message : detail);
  return refusal(502, "settlement_unconfirmed", {}, askAgainShortly);
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

const withoutPayment = (adapter: HTTPAdapter) =>
  withHeaders(adapter, { "payment-signature": undefined, "x-payment": undefined, "sign-in-with-x": undefined });

/** The 402 an unpaid request for this resource gets now (its terms, and a Sign-In-With-X challenge if offered). */
async function currentOffer(seller: Seller, resource: Resource, adapter: HTTPAdapter): Promise<PaymentRejection> {
  const method = adapter.getMethod();
  const cached = seller.offers?.get(method);
  if (cached) return cached;
  const result = await seller.server.processHTTPRequest({ adapter: withoutPayment(adapter), path: resource.path, method });
  if (result.type !== "payment-error") throw new Error(`x402 offered ${resource.path} without payment`);
  const offer = rejectionFrom(result.response, resource);
  if (offer.status === 402) seller.offers?.set(method, offer);
  return offer;
}

/** The receipt headers for a settled payment (`PAYMENT-RESPONSE`, and the v1 one for v1 clients). */
function receiptHeaders(payment: Pick<Payment, "txHash" | "payer">, v1: boolean): Record<string, string> {
  const receipt = encodePaymentResponseHeader({
    success: true,
    transaction: payment.txHash ?? "",
    network: env.network.caip2,
    payer: payment.payer,
  });
  return v1 ? { "PAYMENT-RESPONSE": receipt, "X-PAYMENT-RESPONSE": toV1PaymentResponseHeader(receipt) } : { "PAYMENT-RESPONSE": receipt };
}

type DeliveredPayment = Pick<Payment, "resourceId" | "payer" | "amount" | "txHash" | "settledAt" | "accessSeconds" | "outcome">;

function deliveryOf(payment: DeliveredPayment, v1: boolean, repeated: boolean): Delivery {
  const settledAt = Math.floor((payment.settledAt ?? new Date()).getTime() / 1000);
  return {
    payment,
    accessUntil: settledAt + payment.accessSeconds,
    headers: receiptHeaders(payment, v1),
    repeat: repeated ? { outcome: payment.outcome } : undefined,
  };
}

/** A payment sent for this resource, read once: the typed payment, or why it is not one. */
type PaymentRequest = { v1: boolean; parsed: ParsedPayment; adapter: HTTPAdapter } | { rejection: PaymentRejection };

/**
 * The request's payment, if any: a `PAYMENT-SIGNATURE`, or a legacy x402 v1 `X-PAYMENT` (./v1.ts)
 * read as an acceptance of the terms offered right now and carried on as that v2 payment.
 */
async function readPayment(seller: Seller, resource: Resource, adapter: HTTPAdapter): Promise<PaymentRequest | undefined> {
  const header = adapter.getHeader("payment-signature");
  if (header !== undefined) {
    const read = parsePaymentHeader(header);
    return read.ok ? { v1: false, parsed: read.payment, adapter } : { rejection: refusal(read.status, read.reason) };
  }
  const v1Header = adapter.getHeader("x-payment");
  if (v1Header === undefined) return undefined;

  const decoded = decodeV1PaymentHeader(v1Header, MAX_PAYMENT_HEADER_LENGTH);
  if (!decoded.ok) return { rejection: refusal(decoded.status, decoded.reason) };
  const offer = await currentOffer(seller, resource, adapter);
  const offered = offer.headers["PAYMENT-REQUIRED"];
  if (offered === undefined) return { rejection: offer };
  const translated = toV2Payment(decoded.payload, decodePaymentRequiredHeader(offered));
  // Like a v2 payment for terms we don't offer: the current terms again, with the reason.
  if (!translated.ok) return { rejection: offerRefusal(offer, translated.status, translated.reason) };
  const read = parsePaymentPayload(translated.payload);
  if (!read.ok) return { rejection: refusal(read.status, read.reason) };
  // The x402 server reads the payment from the request: it gets the v2 one.
  const paid = withHeaders(adapter, { "payment-signature": encodePaymentSignatureHeader(translated.payload), "x-payment": undefined });
  return { v1: true, parsed: read.payment, adapter: paid };
}

/** The answer to a payment the ledger has seen before, or undefined to go on with it as a new one. */
async function answerToPrior(prior: PriorOutcome, seller: Seller, resource: Resource, adapter: HTTPAdapter, v1: boolean) {
  switch (prior.kind) {
    case "none":
      return undefined;
    case "in-progress":
      return rejected(refusal(409, "payment_in_progress", {}, askAgainShortly));
    case "unconfirmed":
      return rejected(settlementUnconfirmed("the chain does not confirm the transfer of an earlier attempt yet"));
    case "settled":
      return { outcome: "repeated" as const, delivery: deliveryOf(prior.payment, v1, true) };
    case "used":
      // Whoever paid within an access window can still sign in: the offer carries its challenge.
      // Without one the terms would only invite paying again: the refusal says why, nothing more.
      return rejected(
        offersSignIn(resource) ? offerRefusal(await currentOffer(seller, resource, adapter), 409, prior.reason) : refusal(409, prior.reason),
      );
  }
}

/**
 * Checks the request's `PAYMENT-SIGNATURE` (or a v1 `X-PAYMENT`, translated) if any against the
 * resource's current price.
 */
export async function attemptPayment(resource: Resource, adapter: HTTPAdapter, origin: string): Promise<PaymentAttempt> {
  if (resource.network !== env.network.caip2 || !isAddressEqual(resource.asset as `0x${string}`, env.network.usdc.address)) {
    console.error(`[x402] resource ${resource.path} is priced on ${resource.network}/${resource.asset}, not ${env.network.caip2}`);
    return rejected(refusal(503, "wrong_network"));
  }
  let seller: Seller;
  try {
    seller = await sellerFor(resource, origin);
  } catch (error) {
    return rejected(facilitatorRejection(error));
  }
  const method = adapter.getMethod();
  const paysWith = adapter.getHeader("payment-signature") !== undefined || adapter.getHeader("x-payment") !== undefined;
  if (paysWith && !isPayableMethod(resource, method)) {
    return rejected(refusal(405, "method_not_payable", {}, { Allow: resource.kind === "api" ? "GET, POST" : "GET" }));
  }
  if (paysWith && resource.kind !== "api" && isNotAPageRequest(adapter)) {
    return rejected(refusal(406, "payment_needs_a_page_request"));
  }

  const badSignIn = signInProblem(adapter, `${origin}${resource.path}`, env.network.caip2);
  if (badSignIn) return rejected(offerRefusal(await currentOffer(seller, resource, adapter), 402, badSignIn));

  let request: PaymentRequest | undefined;
  try {
    request = await readPayment(seller, resource, adapter);
    if (request === undefined) {
      if (seller.offers?.has(method)) return rejected(seller.offers.get(method)!);
    } else if ("rejection" in request) {
      return rejected(request.rejection);
    } else {
      const { parsed, v1 } = request;
      let prior: PriorOutcome;
      try {
        prior = await findPriorOutcome(parsed, resource, method);
      } catch (error) {
        console.error("[x402] cannot read the payment ledger; refusing the payment", error);
        return rejected(refusal(503, "ledger_unavailable"));
      }
      const answer = await answerToPrior(prior, seller, resource, adapter, v1);
      if (answer) return answer;
      const tooLong = validityWindowProblem(parsed.authorization, MAX_TIMEOUT_SECONDS, Math.floor(Date.now() / 1000));
      if (tooLong) return rejected(offerRefusal(await currentOffer(seller, resource, adapter), 402, tooLong));
    }
  } catch (error) {
    if (isFacilitatorUnavailable(error)) return rejected(facilitatorRejection(error));
    throw error;
  }

  const paid = request && !("rejection" in request) ? request : undefined;
  const httpRequest = { adapter: paid?.adapter ?? adapter, path: resource.path, method };
  let result: Awaited<ReturnType<x402HTTPResourceServer["processHTTPRequest"]>>;
  try {
    result = await seller.server.processHTTPRequest(httpRequest);
  } catch (error) {
    if (isFacilitatorUnavailable(error)) return rejected(facilitatorRejection(error));
    throw error;
  }

  switch (result.type) {
    case "payment-error": {
      const rejection = rejectionFrom(result.response, resource);
      if (!paid && rejection.status === 402) seller.offers?.set(method, rejection);
      return rejected(rejection);
    }
    case "no-payment-required": {
      // Only the Sign-In-With-X hook grants access without payment: a wallet with an active purchase.
      const payer = siwxAddress(adapter);
      const purchase = payer ? await findActivePurchase(resource, payer) : undefined;
      if (!payer || !purchase) throw new Error("x402 granted access without a purchase to show for it");
      return { outcome: "granted", payer, purchase };
    }
    case "payment-verified": {
      if (!paid) throw new Error("x402 verified a payment the request did not carry");
      const { paymentPayload, paymentRequirements, declaredExtensions, cancellationDispatcher } = result;
      const settlement: Settlement = {
        seller,
        resource,
        parsed: paid.parsed,
        v1: paid.v1,
        payload: paymentPayload,
        requirements: paymentRequirements,
        declaredExtensions,
        transport: { request: httpRequest },
      };
      return {
        outcome: "verified",
        payer: paid.parsed.payer,
        settle: (answer) => settle(settlement, answer),
        async cancel(reason, responseStatus) {
          await cancellationDispatcher.cancel({ reason, responseStatus });
        },
      };
    }
  }
}

interface Settlement {
  seller: Seller;
  resource: Resource;
  parsed: ParsedPayment;
  v1: boolean;
  payload: PaymentPayload;
  requirements: PaymentRequirements;
  declaredExtensions: Record<string, unknown> | undefined;
  transport: { request: { adapter: HTTPAdapter; path: string; method: string } };
}

/**
 * Claim the ledger row, ask the facilitator to settle, record what it said. Whatever happens
 * after the facilitator was asked, the answer is never a refusal unless the chain shows the
 * transfer did not happen: an unknown outcome is `pending` (502 settlement_unconfirmed).
 */
async function settle(settlement: Settlement, answer: StoredOutcome | undefined): Promise<SettlementOutcome> {
  const { seller, resource, parsed, v1, payload, requirements } = settlement;
  let entry: LedgerEntry;
  try {
    const purchase = { resourceId: resource.id, method: settlement.transport.request.method, accessSeconds: resource.accessSeconds };
    entry = await claimForSettlement(parsed, requirements, purchase, answer);
  } catch (error) {
    console.error("[ledger] could not record a pending payment; refusing to settle", error);
    return rejected(refusal(503, "ledger_unavailable"));
  }
  if (!entry.claimed) {
    // A concurrent duplicate holds it: its own client gets the result by asking again.
    const prior = await findPriorOutcome(parsed, resource, settlement.transport.request.method).catch(() => undefined);
    if (prior?.kind === "settled") return { outcome: "settled", delivery: deliveryOf(prior.payment, v1, true) };
    return rejected(refusal(409, prior?.kind === "used" ? prior.reason : "payment_in_progress", {}, askAgainShortly));
  }

  let result: Awaited<ReturnType<x402HTTPResourceServer["processSettlement"]>>;
  try {
    result = await seller.server.processSettlement(payload, requirements, settlement.declaredExtensions, settlement.transport);
  } catch (error) {
    if (!isFacilitatorUnavailable(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    await recordFailure(entry, { reason, txHash: unconfirmedTransaction(error), final: false }).catch(() => {});
    return rejected(settlementUnconfirmed(error));
  }

  if (result.success) {
    const txHash = result.transaction;
    const recorded = await recordSettled(entry, txHash).catch((error: unknown) => {
      // Charged, so the content is the payer's: the row stays pending and the reconcile job records it.
      console.error("[ledger] settled on chain but could not record it; the row stays pending", error);
      return undefined;
    });
    const payment: DeliveredPayment = recorded ?? {
      resourceId: resource.id,
      payer: parsed.payer,
      amount: BigInt(requirements.amount),
      txHash,
      settledAt: new Date(),
      accessSeconds: resource.accessSeconds,
      outcome: null,
    };
    const delivery = deliveryOf(payment, v1, false);
    // The SDK's receipt for v2 (it may carry extension data); ours, with the v1 one, for v1.
    return { outcome: "settled", delivery: v1 ? delivery : { ...delivery, headers: result.headers } };
  }

  const { errorReason, transaction } = result;
  if (errorReason === SETTLEMENT_PENDING) {
    await recordFailure(entry, { reason: errorReason, txHash: transaction || undefined, final: false }).catch(() => {});
    return rejected(settlementUnconfirmed(errorReason));
  }
  return refusedSettlement(settlement, entry, result.response, errorReason, transaction || undefined);
}

/**
 * The facilitator refused to settle. Before saying so, the chain is asked whether this very
 * authorization was used anyway (an earlier attempt that landed late, or someone who submitted
 * it): then it is settled and delivered, not refused.
 */
async function refusedSettlement(
  settlement: Settlement,
  entry: LedgerEntry,
  response: HTTPResponseInstructions,
  errorReason: string,
  txHash: string | undefined,
): Promise<SettlementOutcome> {
  const { resource, v1 } = settlement;
  const row = await recordFailure(entry, { reason: errorReason, txHash, final: true }).catch(() => undefined);
  const onChain = row ? await chainOutcome(row) : undefined;
  if (row && onChain?.status === "settled") {
    await resolvePayment(row.id, onChain).catch(() => {});
    const payment = { ...row, status: "settled" as const, txHash: onChain.txHash, settledAt: onChain.settledAt };
    return { outcome: "settled", delivery: deliveryOf(payment, v1, false) };
  }
  const rejection = rejectionFrom(response, resource);
  return rejected({ ...rejection, body: { ...rejection.body, error: errorReason, message: describeReason(errorReason) } });
}
