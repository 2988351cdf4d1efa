/**
 * The only Next-aware protocol code: `paidPageProxy` for `proxy.ts` (paid pages and passes) and
 * `withPayment` for route handlers (paid APIs). Both run `attemptPayment` on the shared resource
 * server; they differ in when they settle.
 *
 * - Pages settle in the proxy, before rendering: the page is read from our own database, and the
 *   fresh grant is forwarded to the render so the reader sees the article in the same response.
 * - APIs settle after the handler, and only when it answered < 400: a failed call costs nothing.
 */
import "server-only";
import { NextAdapter } from "@x402/next";
import { NextResponse, type NextRequest } from "next/server";
import { grantMovedTo, grantScope, purchaseGrant, readGrant, unlockedCookieWith, type GrantCookie, type PurchaseGrant } from "@/lib/access/grants";
import { GRANT_COOKIE_PREFIX } from "@/lib/access/token";
import { preferredFormat, type ArticleFormat, type Representation } from "@/lib/content/representations";
import type { Resource, StoredOutcome } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { findPaidResource } from "./catalog";
import { attemptPayment, refusal, type Delivery, type PaymentAttempt, type PaymentRejection } from "./payment";

function rejectionResponse({ status, body, headers }: PaymentRejection): NextResponse {
  const response = NextResponse.json(body, { status, headers });
  response.headers.set("Content-Type", "application/json");
  return response;
}

/** When the catalog (the database) can't be read we refuse rather than serve for free. */
function catalogUnavailable(error: unknown): NextResponse {
  console.error("[x402] cannot read the resource catalog:", error);
  return rejectionResponse(refusal(503, "catalog_unavailable"));
}

/** A browser navigating to the page (as opposed to fetch() from code or an agent). */
function isDocumentRequest(req: NextRequest): boolean {
  return (req.headers.get("accept") ?? "").includes("text/html");
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const secure = env.https;

/** What a paid or recovered access entitles this request to: a grant, and the receipt headers. */
interface Access {
  grant: PurchaseGrant;
  headers: Record<string, string>;
}

const accessOf = (resource: Resource, { payment, accessUntil, headers }: Delivery): Access => ({
  grant: purchaseGrant(
    { resourceId: resource.id, scope: grantScope(resource), path: resource.path },
    { payer: payment.payer, amount: payment.amount, txHash: payment.txHash ?? "", accessUntil },
    secure,
  ),
  headers,
});

/** The access `attempt` established: a payment (new, or delivered again) or a purchase found by Sign-In-With-X. */
async function accessFor(
  resource: Resource,
  attempt: Exclude<PaymentAttempt, { outcome: "rejected" }>,
  answer?: StoredOutcome,
): Promise<Access | PaymentRejection> {
  switch (attempt.outcome) {
    case "granted": {
      const { purchase, payer } = attempt;
      const bought = { resourceId: purchase.resourceId, scope: purchase.scope, path: resource.path };
      const paid = { payer, amount: purchase.payment.amount, txHash: purchase.payment.txHash ?? "", accessUntil: purchase.expiresAt };
      return { grant: purchaseGrant(bought, paid, secure), headers: {} };
    }
    case "repeated":
      return accessOf(resource, attempt.delivery);
    case "verified": {
      const settlement = await attempt.settle(answer);
      return settlement.outcome === "settled" ? accessOf(resource, settlement.delivery) : settlement.rejection;
    }
  }
}

/** The grant (and the home page's hint) as cookies, when the access bought outlives this response. */
async function setAccessCookies(req: NextRequest, response: NextResponse, resource: Resource, access: Access) {
  if (!access.grant.persist) return;
  const cookie = await access.grant.issue();
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  if (resource.kind === "page") {
    const unlocked = unlockedCookieWith(req.cookies, resource.id, nowSeconds() + cookie.options.maxAge, secure);
    response.cookies.set(unlocked.name, unlocked.value, unlocked.options);
  }
}

/**
 * Hands the request on to the render with `headers`. Always explicit: given no request headers,
 * Next renders with the original request's, losing what the caller set on `req` (proxy.ts puts
 * the CSP there, whose nonce Next adds to the scripts it renders).
 */
function continueWith(headers: Headers): NextResponse {
  return NextResponse.next({ request: { headers } });
}

/** Forward the grant to the render of this very request by adding it to the request's cookies. */
function withGrantForRender(req: NextRequest, grant: GrantCookie): Headers {
  const headers = new Headers(req.headers);
  const cookies = req.cookies.getAll().filter((cookie) => cookie.name !== grant.name);
  cookies.push({ name: grant.name, value: grant.value });
  headers.set("cookie", cookies.map(({ name, value }) => `${name}=${value}`).join("; "));
  return headers;
}

export interface PaidPageOptions {
  /** The paid content as markdown or JSON, for clients that ask for it by `Accept`. */
  represent?: (resource: Resource, format: "markdown" | "json") => Promise<Representation | undefined>;
  /** Where a paid page that moved (an article renamed) lives now, for a path that is not for sale. */
  movedTo?: (path: string) => Promise<string | undefined>;
}

/**
 * `proxy.ts` handler for paid pages and passes. Passes through anything not for sale and readers
 * holding a grant (or a pass); settles a valid `PAYMENT-SIGNATURE`; accepts a Sign-In-With-X
 * from a wallet that already paid; otherwise answers 402 (browsers get the page's teaser and pay
 * button under that status, programs a JSON body). Paid content goes out as HTML, markdown or JSON
 * by `Accept`.
 */
export function paidPageProxy(options: PaidPageOptions = {}) {
  /** The content itself, with whatever the payment added (receipt header, cookies). */
  async function serve(req: NextRequest, resource: Resource, format: ArticleFormat, access?: Access): Promise<NextResponse> {
    const representation =
      format !== "html" && resource.kind === "page" ? await options.represent?.(resource, format) : undefined;
    const response = representation
      ? new NextResponse(representation.body, { headers: { "Content-Type": representation.contentType } })
      : continueWith(access ? withGrantForRender(req, await access.grant.issue()) : req.headers);
    if (access) return paidResponse(req, resource, response, access);
    response.headers.set("Cache-Control", "private, no-store");
    return response;
  }

  /**
   * An old URL of a renamed article, visited with a grant for it: redirect to the new URL and move
   * the grant there (the page itself would redirect too, but the grant would stay behind).
   */
  async function followMovedGrant(req: NextRequest): Promise<NextResponse | undefined> {
    if (!options.movedTo || !req.cookies.getAll().some((cookie) => cookie.name.startsWith(GRANT_COOKIE_PREFIX))) return undefined;
    // Only a convenience: if the database can't say, the page's own redirect still applies.
    const newPath = await options.movedTo(req.nextUrl.pathname).catch(() => undefined);
    const resource = newPath ? await findPaidResource(newPath).catch(() => undefined) : undefined;
    const grant = resource?.kind === "page" ? await grantMovedTo(req.cookies, resource, secure) : undefined;
    if (!grant || !newPath) return undefined;
    const response = NextResponse.redirect(new URL(newPath, env.siteUrl), 308);
    response.cookies.set(grant.name, grant.value, grant.options);
    response.headers.set("Cache-Control", "private, no-store");
    return response;
  }

  async function handle(req: NextRequest): Promise<NextResponse> {
    let resource: Resource | undefined;
    try {
      resource = await findPaidResource(req.nextUrl.pathname);
    } catch (error) {
      return catalogUnavailable(error);
    }
    if (!resource) return (await followMovedGrant(req)) ?? continueWith(req.headers);
    if (resource.kind !== "page" && resource.kind !== "pass") return continueWith(req.headers);
    const format = preferredFormat(req.headers.get("accept"));
    if (await readGrant(req.cookies, resource)) return serve(req, resource, format);

    const asksAccess = req.headers.has("payment-signature") || req.headers.has("x-payment") || req.headers.has("sign-in-with-x");
    // Next strips the RSC headers before the proxy runs, so a client-side navigation to a locked
    // page looks like fetch() from code: it gets the JSON 402, and the router falls back to a
    // full page load, which gets the teaser page.
    const attempt = await attemptPayment(resource, new NextAdapter(req), env.siteUrl);
    if (attempt.outcome === "rejected") {
      const { rejection } = attempt;
      if (isDocumentRequest(req) && !asksAccess && rejection.status === 402) {
        return NextResponse.rewrite(req.nextUrl, {
          status: 402,
          headers: rejection.headers,
          request: { headers: req.headers },
        });
      }
      return rejectionResponse(rejection);
    }
    const access = await accessFor(resource, attempt);
    return "grant" in access ? serve(req, resource, format, access) : rejectionResponse(access);
  };

  return async function paidPage(req: NextRequest): Promise<NextResponse> {
    const response = await handle(req);
    // What a paid URL answers depends on `Accept` (the page, markdown, JSON, or their 402s).
    if (response.headers.get("Cache-Control")?.includes("no-store")) response.headers.append("Vary", "Accept");
    return response;
  };
}

/** Paid API answers up to this size are kept for the payer's retries; a larger one is delivered once. */
export const MAX_KEPT_ANSWER_BYTES = 256 * 1024;

/** A handler's answer, read whole, and what of it the ledger keeps. */
async function readAnswer(response: Response): Promise<{ body: ArrayBuffer; kept: StoredOutcome }> {
  const body = await response.arrayBuffer();
  const headers = [...response.headers].filter(([name]) => name !== "content-length");
  const kept: StoredOutcome = { status: response.status, headers };
  if (body.byteLength <= MAX_KEPT_ANSWER_BYTES) kept.body = Buffer.from(body).toString("base64");
  return { body, kept };
}

/**
 * The answer a paid API gave the first time, for the client that paid and asks again: the same
 * status, headers and body; or, when it was too large to keep, the receipt alone with a note.
 */
function repeatedAnswer(outcome: StoredOutcome | null): NextResponse {
  if (outcome?.body === undefined) {
    return NextResponse.json({
      repeated: true,
      message: "This payment was settled and its answer delivered once; the answer was too large to keep. The receipt is in PAYMENT-RESPONSE.",
    });
  }
  return new NextResponse(Buffer.from(outcome.body, "base64"), { status: outcome.status, headers: outcome.headers });
}

async function paidResponse(req: NextRequest, resource: Resource, response: NextResponse, access: Access): Promise<NextResponse> {
  for (const [name, value] of Object.entries(access.headers)) response.headers.set(name, value);
  response.headers.set("Cache-Control", "private, no-store");
  await setAccessCookies(req, response, resource, access);
  return response;
}

/** An answer for the grant's holder only: never stored by a shared cache. */
function forGrantHolderOnly(response: Response): Response {
  try {
    response.headers.set("Cache-Control", "private, no-store");
    return response;
  } catch {
    // Headers of a fetch() response are immutable: the same answer with headers of its own.
    const headers = new Headers(response.headers);
    headers.set("Cache-Control", "private, no-store");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

export interface PaymentContext {
  /** The wallet that paid, or that holds the grant. */
  payer: string;
}

type RouteHandler<Context> = (req: NextRequest, context: Context) => Promise<Response>;

/**
 * Protects an App Router route handler with the price of the resource at `resourcePath` in the
 * catalog. The handler runs after the payment verifies; it is settled only if the handler
 * answers < 400, and the handler's body is released only once settlement succeeded. The handler
 * runs once per payment: the client that paid gets the same answer again if it sends the same
 * payment (with its payment-identifier) again — up to MAX_KEPT_ANSWER_BYTES of it.
 *
 * ```ts
 * export const GET = withPayment("/api/insights", async (req, ctx, payment) => Response.json({ ... }));
 * ```
 */
export function withPayment<Context>(
  resourcePath: string,
  handler: (req: NextRequest, context: Context, payment: PaymentContext) => Promise<Response>,
): RouteHandler<Context> {
  return async (req, context) => {
    let resource: Resource | undefined;
    try {
      resource = await findPaidResource(resourcePath);
    } catch (error) {
      return catalogUnavailable(error);
    }
    if (!resource || resource.kind !== "api") {
      return rejectionResponse(refusal(404, "not_for_sale"));
    }

    const grant = resource.accessSeconds > 0 ? await readGrant(req.cookies, resource) : undefined;
    if (grant) return forGrantHolderOnly(await handler(req, context, { payer: grant.payer }));

    const attempt = await attemptPayment(resource, new NextAdapter(req), env.siteUrl);
    if (attempt.outcome === "rejected") return rejectionResponse(attempt.rejection);
    if (attempt.outcome === "repeated") {
      const access = await accessFor(resource, attempt);
      return paidResponse(req, resource, repeatedAnswer(attempt.delivery.repeat?.outcome ?? null), access as Access);
    }

    let answer: Awaited<ReturnType<typeof readAnswer>>;
    let response: Response;
    try {
      response = await handler(req, context, { payer: attempt.payer });
      answer = await readAnswer(response);
    } catch (error) {
      if (attempt.outcome === "verified") await attempt.cancel("handler_threw");
      console.error(`[x402] handler for ${resourcePath} threw; the payment was not settled`, error);
      return rejectionResponse(refusal(500, "handler_failed"));
    }
    const unsent = new NextResponse(answer.body, { status: response.status, statusText: response.statusText, headers: response.headers });
    if (response.status >= 400) {
      if (attempt.outcome === "verified") await attempt.cancel("handler_failed", response.status);
      return unsent;
    }

    // The client hung up while the handler ran: nobody would receive this answer, so nothing is
    // settled (a client without a payment-identifier could never get it back).
    if (req.signal.aborted) {
      if (attempt.outcome === "verified") await attempt.cancel("after_verify_aborted");
      return unsent;
    }

    const access = await accessFor(resource, attempt, answer.kept);
    if (!("grant" in access)) return rejectionResponse(access);
    return paidResponse(req, resource, unsent, access);
  };
}
