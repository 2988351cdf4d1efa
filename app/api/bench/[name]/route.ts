import { NextResponse, type NextRequest } from "next/server";
import { benchRoute } from "@/bench/routes";

/** `npm run bench`'s routes (bench/routes.ts); 404 unless BENCH_ROUTES is on. */
export async function GET(request: NextRequest, context: { params: Promise<{ name: string }> }): Promise<Response> {
  const handler = benchRoute((await context.params).name);
  return handler ? handler(request) : NextResponse.json({ error: "not_found" }, { status: 404 });
}
