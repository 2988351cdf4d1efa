/**
 * Every page: security headers, with a Content-Security-Policy whose nonce is new for each request.
 * Paid pages and passes: a 402 with the price from the database, a grant check, a Sign-In-With-X,
 * or settlement of a payment; paid articles go to programs as markdown or JSON by `Accept`.
 * Paid API routes are protected in their route handlers with `withPayment` (settle after serving);
 * their static headers come from next.config.ts.
 */
import { NextRequest } from "next/server";
import { clientChain } from "@/lib/client-chain";
import { articleRepresentation } from "@/lib/content/representations";
import { env } from "@/lib/env";
import { contentSecurityPolicy, createNonce, pageSecurityHeaders, type PagePolicy } from "@/lib/security-headers";
import { paidPageProxy } from "@/lib/x402/next";

const paidPages = paidPageProxy({ represent: articleRepresentation });

const policy: PagePolicy = {
  development: env.nodeEnv === "development",
  https: env.https,
  siteUrl: env.siteUrl,
  rpcUrl: clientChain(env).rpcUrl,
  walletConnect: env.walletConnectProjectId !== undefined,
};
const securityHeaders = pageSecurityHeaders(policy);

export async function proxy(req: NextRequest) {
  const csp = contentSecurityPolicy(policy, createNonce());
  // Next finds the nonce in the CSP *request* header and adds it to every script it renders.
  const headers = new Headers(req.headers);
  headers.set("Content-Security-Policy", csp);
  const response = await paidPages(new NextRequest(req, { headers }));

  // Whatever came back (the page, its teaser under 402, a JSON 402, markdown) gets the same headers.
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Any page may be for sale (the catalog decides); static assets and API routes never pass here.
  matcher: ["/((?!_next/static|_next/image|api/|favicon.ico|robots.txt|\\.well-known/).*)"],
};
