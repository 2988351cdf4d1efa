import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

/**
 * The routes under /api/bench exist for `npm run bench` (scripts/bench.ts): they answer 404 unless
 * BENCH_ROUTES is on, which lib/env.ts allows on the local chain only.
 */
export function benchOnly<Context>(handler: (request: NextRequest, context: Context) => Promise<Response>) {
  return async (request: NextRequest, context: Context): Promise<Response> =>
    env.benchRoutes ? handler(request, context) : NextResponse.json({ error: "not_found" }, { status: 404 });
}
