/**
 * Paid pages and passes: a 402 with the price from the database, a grant check, a Sign-In-With-X,
 * or settlement of a payment; paid articles go to programs as markdown or JSON by `Accept`.
 * Paid API routes are protected in their route handlers with `withPayment` (settle after serving).
 */
import type { NextRequest } from "next/server";
import { articleRepresentation } from "@/lib/content/representations";
import { paidPageProxy } from "@/lib/x402/next";

const paidPages = paidPageProxy({ represent: articleRepresentation });

export function proxy(req: NextRequest) {
  return paidPages(req);
}

export const config = {
  // Any page may be for sale (the catalog decides); static assets and API routes never pass here.
  matcher: ["/((?!_next/static|_next/image|api/|favicon.ico|robots.txt|\\.well-known/).*)"],
};
