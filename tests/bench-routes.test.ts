/**
 * The routes under /api/bench exist for `npm run bench` only (bench/pay-path.ts turns them on with
 * BENCH_ROUTES): without it each answers 404, and none serves the paid content.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/bench/[name]/route";
import { env } from "@/lib/env";
import { ORIGIN } from "./support/x402";

describe("bench routes without BENCH_ROUTES", () => {
  it.each(["unpaid", "window", "stock", "toString", "nothing"])("/api/bench/%s answers 404", async (name) => {
    expect(env.benchRoutes).toBe(false);
    const request = new NextRequest(`${ORIGIN}/api/bench/${name}`, { headers: { Accept: "application/json" } });
    const response = await GET(request, { params: Promise.resolve({ name }) });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found" });
  });
});
