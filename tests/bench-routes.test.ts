/**
 * The routes under /api/bench exist for `npm run bench` only (scripts/bench.ts turns them on with
 * BENCH_ROUTES): without it each answers 404, and none serves the paid content.
 */
import { describe, expect, it } from "vitest";
import { GET as stock } from "@/app/api/bench/stock/route";
import { GET as unpaid } from "@/app/api/bench/unpaid/route";
import { GET as window } from "@/app/api/bench/window/route";
import { env } from "@/lib/env";
import { fetchFor, ORIGIN } from "./support/x402";

describe("bench routes without BENCH_ROUTES", () => {
  it.each([
    ["unpaid", unpaid],
    ["window", window],
    ["stock", stock],
  ])("/api/bench/%s answers 404", async (name, handler) => {
    expect(env.benchRoutes).toBe(false);
    const response = await fetchFor(handler)(`${ORIGIN}/api/bench/${name}`, { headers: { Accept: "application/json" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found" });
  });
});
