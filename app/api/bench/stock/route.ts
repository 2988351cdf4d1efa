import { ExactEvmScheme } from "@x402/evm/exact/server";
import { withX402, x402ResourceServer } from "@x402/next";
import { insightResponse } from "@/app/api/insights/insight";
import { env } from "@/lib/env";
import { createFacilitatorClient } from "@/lib/x402/facilitator";
import { benchOnly } from "../bench-only";

/** The price seeded for /api/insights (lib/db/seed.ts), fixed here as stock x402 fixes prices. */
const PRICE = "2000";

const server = new x402ResourceServer(createFacilitatorClient(env.facilitator, env.network)).register(
  env.network.caip2,
  new ExactEvmScheme(),
);
// The bench measures this route's 402s. A payment would settle without a ledger row: none does.
server.onBeforeSettle(async () => ({ abort: true, reason: "bench_route_does_not_settle" }));

/**
 * /api/insights behind the stock `withX402` of @x402/next with a static price and the same
 * network, asset and payTo: what the app's database-priced paywall is measured against.
 */
export const GET = benchOnly(
  withX402(
    async () => insightResponse(null),
    {
      accepts: {
        scheme: "exact",
        network: env.network.caip2,
        payTo: env.payTo,
        price: { amount: PRICE, asset: env.network.usdc.address, extra: { ...env.network.usdc.eip712 } },
        maxTimeoutSeconds: 300,
      },
      description: "A JSON insight about paid APIs, one per call",
      mimeType: "application/json",
    },
    server,
  ),
);
