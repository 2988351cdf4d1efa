import { withPayment } from "@/lib/x402/next";
import { insightResponse } from "./insight";

/** A paid JSON API: its price lives in the `resources` row for /api/insights. */
export const GET = withPayment("/api/insights", async (_request, _context, payment) => insightResponse(payment.payer));
