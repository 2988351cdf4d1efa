import { insightResponse } from "@/app/api/insights/insight";
import { withPayment } from "@/lib/x402/next";
import { benchOnly } from "../bench-only";

/**
 * /api/insights' content sold with an access window (its `resources` row is seeded with
 * BENCH_ROUTES), so that a paid reader holds a grant cookie: the bench times re-reads with it.
 */
export const GET = benchOnly(withPayment("/api/bench/window", async (_request, _context, payment) => insightResponse(payment.payer)));
