/**
 * The only Next-aware protocol code: `paidPageProxy` for `proxy.ts` (paid pages) and
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
import { grantCookieFor, readGrant, unlockedCookieWith, type GrantCookie } from "@/lib/access/grants";
import type { Resource } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { findPaidResource } from "./catalog";
import { attemptPayment, refusal, type PaymentRejection } from "./payment";

/** Lifetime of the grant handed to a single render when the resource is pay-per-view (window 0). */
const SINGLE_VIEW_GRANT_SECONDS = 60;

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

/** Client-side navigation in the App Router: the page itself renders the teaser for it. */
function isRscRequest(req: NextRequest): boolean {
  return req.headers.get("rsc") === "1";
}

function grantSettings(resource: Resource) {
  return { resourceId: resource.id, resourcePath: resource.path, secure: env.siteUrl.startsWith("https:") };
}

/** Forward the grant to the render of this very request by adding it to the request's cookies. */
function withGrantForRender(req: NextRequest, grant: GrantCookie): Headers {
  const headers = new Headers(req.headers);
  const cookies = req.cookies.getAll().filter((cookie) => cookie.name !== grant.name);
  cookies.push({ name: grant.name, value: grant.value });
  headers.set("cookie", cookies.map(({ name, value }) => `${name}=${value}`).join("; "));
  return headers;
}

/**
 * `proxy.ts` handler for paid pages. Passes through anything not for sale and readers holding a
 * grant; settles a valid `PAYMENT-SIGNATURE`; otherwise answers 402 (browsers get the page's
 * teaser and pay button under that status, programs a JSON body).
 */
export async function paidPageProxy(req: NextRequest): Promise<NextResponse> {
  let resource: Resource | undefined;
  try {
    resource = await findPaidResource(req.nextUrl.pathname);
  } catch (error) {
    return catalogUnavailable(error);
  }
  if (!resource || resource.kind !== "page") return NextResponse.next();
  if (await readGrant(req.cookies, resource.id)) return NextResponse.next();

  const hasPayment = req.headers.has("payment-signature");
  if (!hasPayment && isRscRequest(req)) return NextResponse.next();

  const attempt = await attemptPayment(resource, new NextAdapter(req), env.siteUrl);
  if (attempt.outcome === "rejected") {
    const { rejection } = attempt;
    if (isDocumentRequest(req) && !hasPayment && rejection.status === 402) {
      return NextResponse.rewrite(req.nextUrl, { status: 402, headers: rejection.headers });
    }
    return rejectionResponse(rejection);
  }

  const settlement = await attempt.settle();
  if (settlement.outcome === "rejected") return rejectionResponse(settlement.rejection);

  const keepsAccess = resource.accessSeconds > 0;
  const grant = await grantCookieFor({
    ...grantSettings(resource),
    payer: settlement.payer,
    amount: settlement.amount,
    txHash: settlement.txHash,
    accessSeconds: keepsAccess ? resource.accessSeconds : SINGLE_VIEW_GRANT_SECONDS,
  });
  const response = NextResponse.next({ request: { headers: withGrantForRender(req, grant) } });
  if (keepsAccess) {
    response.cookies.set(grant.name, grant.value, grant.options);
    const expiresAt = Math.floor(Date.now() / 1000) + resource.accessSeconds;
    const unlocked = unlockedCookieWith(req.cookies, resource.id, expiresAt, grant.options.secure);
    response.cookies.set(unlocked.name, unlocked.value, unlocked.options);
  }
  for (const [name, value] of Object.entries(settlement.headers)) response.headers.set(name, value);
  response.headers.set("Cache-Control", "private, no-store");
  return response;
}

export interface PaymentContext {
  /** The wallet that paid, or that holds the grant. */
  payer: string;
}

type RouteHandler<Context> = (req: NextRequest, context: Context) => Promise<Response>;

/**
 * Protects an App Router route handler with the price of the resource at `resourcePath` in the
 * catalog. The handler runs after the payment verifies; it is settled only if the handler
 * answers < 400, and the handler's body is released only once settlement succeeded.
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

    const grant = resource.accessSeconds > 0 ? await readGrant(req.cookies, resource.id) : undefined;
    if (grant) return handler(req, context, { payer: grant.payer });

    const attempt = await attemptPayment(resource, new NextAdapter(req), env.siteUrl);
    if (attempt.outcome === "rejected") return rejectionResponse(attempt.rejection);

    let response: Response;
    try {
      response = await handler(req, context, { payer: attempt.payer });
    } catch (error) {
      await attempt.cancel("handler_threw");
      console.error(`[x402] handler for ${resourcePath} threw; the payment was not settled`, error);
      return rejectionResponse(refusal(500, "handler_failed"));
    }
    if (response.status >= 400) {
      await attempt.cancel("handler_failed", response.status);
      return response;
    }

    const settlement = await attempt.settle();
    if (settlement.outcome === "rejected") return rejectionResponse(settlement.rejection);

    const paid = new NextResponse(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    for (const [name, value] of Object.entries(settlement.headers)) paid.headers.set(name, value);
    paid.headers.set("Cache-Control", "private, no-store");
    if (resource.accessSeconds > 0) {
      const cookie = await grantCookieFor({
        ...grantSettings(resource),
        payer: settlement.payer,
        amount: settlement.amount,
        txHash: settlement.txHash,
        accessSeconds: resource.accessSeconds,
      });
      paid.cookies.set(cookie.name, cookie.value, cookie.options);
    }
    return paid;
  };
}
