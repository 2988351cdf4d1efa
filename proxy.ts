/**
 * Every page: security headers, with a Content-Security-Policy whose nonce is new for each request.
 * Paid pages and passes: a 402 with the price from the database, a grant check, a Sign-In-With-X,
 * or settlement of a payment; paid articles go to programs as markdown or JSON by `Accept`.
 * Paid API routes are protected in their route handlers with `withPayment` (settle after serving);
 * their static headers come from next.config.ts.
 * Refused before any page code runs: paths that don't decode (400), and server actions posted
 * from another origin (403).
 */
import { NextRequest, NextResponse } from "next/server";
import { clientChain } from "@/lib/wallet/client-chain";
import { articleRepresentation, renamedArticlePath } from "@/lib/content/representations";
import { env } from "@/lib/env";
import { contentSecurityPolicy, createNonce, pageSecurityHeaders, type PagePolicy } from "@/lib/server/security-headers";
import { serverActionBodyProblem } from "@/lib/server/server-action-body";
import { paidPageProxy } from "@/lib/x402/next";

const paidPages = paidPageProxy({ represent: articleRepresentation, movedTo: renamedArticlePath });

const policy: PagePolicy = {
  development: env.nodeEnv === "development",
  https: env.https,
  siteUrl: env.siteUrl,
  rpcUrl: clientChain(env).rpcUrl,
  walletConnect: env.walletConnectProjectId !== undefined,
};
const securityHeaders = pageSecurityHeaders(policy);

const refuse = (status: number, error: string, message: string) =>
  NextResponse.json({ error, message }, { status, headers: { "Cache-Control": "no-store" } });

/**
 * A path whose escapes don't decode to text (`%FF`), or decode to a NUL: no page has such a name.
 * Next answers the first with a bare 500 and hands the second to the database, which throws.
 */
function isMalformedPath(pathname: string): boolean {
  try {
    return decodeURIComponent(pathname).includes("\0");
  } catch {
    return true;
  }
}

/**
 * A POST that Next may take for a server action (a `Next-Action` header, or a form) sent by a page
 * of another origin. Next refuses to run it, but answers 500; the host is compared as Next does.
 */
function isCrossOriginAction(req: NextRequest): boolean {
  if (req.method !== "POST") return false;
  const form = (req.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  const origin = req.headers.get("origin");
  if (origin === null || !(req.headers.has("next-action") || form)) return false;
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host") || req.nextUrl.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" (sandboxed or privacy-redirected pages) or garbage
  }
}

/** A POST that Next runs as a server action called from script (forms without script post no such header). */
const isServerAction = (req: NextRequest) => req.method === "POST" && req.headers.has("next-action");

export async function proxy(req: NextRequest) {
  const csp = contentSecurityPolicy(policy, createNonce());
  // Next finds the nonce in the CSP *request* header and adds it to every script it renders.
  const headers = new Headers(req.headers);
  headers.set("Content-Security-Policy", csp);
  const actionProblem = isServerAction(req) ? await serverActionBodyProblem(req.headers.get("content-type"), req.clone()) : undefined;
  const response = isMalformedPath(req.nextUrl.pathname)
    ? refuse(400, "invalid_path", "The path is not valid percent-encoded text.")
    : isCrossOriginAction(req)
      ? refuse(403, "cross_origin_action", "Server actions are accepted from this site's own pages only.")
      : actionProblem
        ? refuse(400, "invalid_action_body", `Not a server action's arguments: ${actionProblem}.`)
        : await paidPages(new NextRequest(req, { headers }));

  // Whatever came back (the page, its teaser under 402, a JSON 402, markdown) gets the same headers.
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Any page may be for sale (the catalog decides); static assets and API routes never pass here.
  matcher: ["/((?!_next/static|_next/image|api/|favicon.ico|robots.txt|\\.well-known/).*)"],
};
