import { NextResponse } from "next/server";

const INSIGHTS = [
  "Price per request, not per month: the cheapest customer to acquire is the one who never signs up.",
  "A 402 is an offer, not an error. Make it say exactly what it costs and why a payment was refused.",
  "Settle after you serve: if the handler fails, the payment never moves.",
  "An authorization can pay once. Put that rule in the database, not only on chain.",
  "Agents read headers. Humans read buttons. Serve both from the same URL.",
];

/**
 * What /api/insights sells. Its own module so that the bench routes (app/api/bench) serve the
 * very same handler without the paywall, or behind another one.
 */
export function insightResponse(paidBy: string | null): NextResponse {
  const insight = INSIGHTS[Math.floor(Math.random() * INSIGHTS.length)];
  return NextResponse.json({ insight, paidBy, servedAt: new Date().toISOString() });
}
