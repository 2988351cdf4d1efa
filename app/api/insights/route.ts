import { withPayment } from "@/lib/x402/next";

const INSIGHTS = [
  "Price per request, not per month: the cheapest customer to acquire is the one who never signs up.",
  "A 402 is an offer, not an error. Make it say exactly what it costs and why a payment was refused.",
  "Settle after you serve: if the handler fails, the payment never moves.",
  "An authorization can pay once. Put that rule in the database, not only on chain.",
  "Agents read headers. Humans read buttons. Serve both from the same URL.",
];

/** A paid JSON API: its price lives in the `resources` row for /api/insights. */
export const GET = withPayment("/api/insights", async (_request, _context, payment) => {
  const insight = INSIGHTS[Math.floor(Math.random() * INSIGHTS.length)];
  return Response.json({ insight, paidBy: payment.payer, servedAt: new Date().toISOString() });
});
