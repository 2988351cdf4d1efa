/**
 * The routes `npm run bench` measures against (bench/pay-path.ts), served at /api/bench/<name> by
 * app/api/bench/[name]/route.ts. They answer 404 unless BENCH_ROUTES is on, which lib/env.ts allows
 * on the local chain only: one of them serves a paid API's content for free.
 */
import { ExactEvmScheme } from "@x402/evm/exact/server";
import { withX402, x402ResourceServer } from "@x402/next";
import type { NextRequest } from "next/server";
import { insightResponse } from "@/app/api/insights/insight";
import { env } from "@/lib/env";
import { createFacilitatorClient } from "@/lib/x402/facilitator";
import { withPayment } from "@/lib/x402/next";

type Handler = (request: NextRequest) => Promise<Response>;

/** The price seeded for /api/insights (lib/content/seed.ts), fixed here as stock x402 fixes prices. */
const STOCK_PRICE = "2000";

/**
 * /api/insights behind the stock `withX402` of @x402/next with a static price and the same
 * network, asset and payTo: what the app's database-priced paywall is measured against. Built on
 * first use, so a server without BENCH_ROUTES never makes its facilitator client.
 */
function stockX402(): Handler {
  const server = new x402ResourceServer(createFacilitatorClient(env.facilitator, env.network)).register(
    env.network.caip2,
    new ExactEvmScheme(),
  );
  // The bench measures this route's 402s. A payment would settle without a ledger row: none does.
  server.onBeforeSettle(async () => ({ abort: true, reason: "bench_route_does_not_settle" }));
  return withX402(
    async () => insightResponse(null),
    {
      accepts: {
        scheme: "exact",
        network: env.network.caip2,
        payTo: env.payTo,
        price: { amount: STOCK_PRICE, asset: env.network.usdc.address, extra: { ...env.network.usdc.eip712 } },
        maxTimeoutSeconds: 300,
      },
      description: "A JSON insight about paid APIs, one per call",
      mimeType: "application/json",
    },
    server,
  );
}

const routes: Record<string, () => Handler> = {
  /** /api/insights without the paywall: the baseline its 402s and grants are measured against. */
  unpaid: () => async () => insightResponse(null),
  /**
   * /api/insights' content sold with an access window (its `resources` row is seeded by
   * bench/seed.ts), so that a paid reader holds a grant cookie: the bench times re-reads with it.
   */
  window: () => {
    const paid = withPayment<undefined>("/api/bench/window", async (_request, _context, payment) => insightResponse(payment.payer));
    return (request) => paid(request, undefined);
  },
  stock: stockX402,
};

const built = new Map<string, Handler>();

/** The bench route called `name`, or undefined when there is none or BENCH_ROUTES is off. */
export function benchRoute(name: string): Handler | undefined {
  if (!env.benchRoutes || !Object.hasOwn(routes, name)) return undefined;
  let handler = built.get(name);
  if (!handler) built.set(name, (handler = routes[name]!()));
  return handler;
}
