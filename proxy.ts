/**
 * Paid pages: a 402 with the price from the database, a grant check, or settlement of a payment.
 * Paid API routes are protected in their route handlers with `withPayment` (settle after serving).
 */
import type { NextRequest } from "next/server";
import { paidPageProxy } from "@/lib/x402/next";

export function proxy(req: NextRequest) {
  return paidPageProxy(req);
}

export const config = {
  // Any page may be for sale (the catalog decides); static assets and API routes never pass here.
  matcher: ["/((?!_next/static|_next/image|api/|favicon.ico|robots.txt|\\.well-known/).*)"],
};
