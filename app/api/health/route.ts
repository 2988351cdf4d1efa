import { checkDatabase } from "@/lib/db/queries/health";
import { env } from "@/lib/env";
import { checkFacilitator } from "@/lib/x402/facilitator";

export const dynamic = "force-dynamic";

/** Liveness of what a payment needs: the database and the settlement path. 503 if either is down. */
export async function GET() {
  const [database, facilitator] = await Promise.all([checkDatabase(), checkFacilitator(env.facilitator, env.network)]);
  const ok = database.ok && facilitator.ok;
  return Response.json(
    { ok, network: env.network.caip2, database, facilitator },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
