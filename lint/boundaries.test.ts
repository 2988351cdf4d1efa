import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layer rules fire: each case lints one import as if it were written in a file of the project
 * (the file need not exist) with the project's own eslint.config.mjs.
 */
let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: process.cwd() });
  // The first lint loads the config and its plugins: seconds on a small machine.
  await eslint.lintText("export {};\n", { filePath: "lib/warm-up.ts" });
}, 60_000);

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\n`, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((message) => message.message);
}

describe("layer boundaries (DESIGN.md §2)", () => {
  it.each([
    ["lib/x402/payment.ts", 'export { Paywall } from "@/components/paywall/Paywall";', /below app\/, components\/ and bench/],
    ["lib/content/import.ts", 'export { default } from "../../app/page";', /below app\/, components\/ and bench/],
    ["lib/x402/ledger.ts", 'export { startAnvil } from "@/lib/chain/anvil";', /dev and test tooling/],
    ["lib/x402/payment.ts", 'export { NextResponse } from "next/server";', /lib\/x402\/next\.ts only/],
    ["lib/x402/client/pay.ts", 'export { env } from "@/lib/env";', /runs in the browser/],
    ["lib/x402/client/sign-in.ts", 'export { findPaidResource } from "../catalog";', /runs in the browser/],
    ["lib/db/queries/payments.ts", 'export { findPaidResource } from "@/lib/x402/catalog";', /lib\/db sits below/],
    ["lib/db/queries/articles.ts", 'export { importArticles } from "@/lib/content/import";', /lib\/db sits below/],
    ["lib/access/grants.ts", 'export { getDb } from "@/lib/db/client";', /grant policy/],
    ["lib/env.ts", 'export { site } from "./site";', /config leaf/],
    ["lib/env.ts", 'export { startAnvil } from "@/lib/chain/anvil";', /config leaf/],
    ["lib/networks.ts", 'export { ANVIL_ACCOUNTS } from "./local-defaults";', /imports nothing from the project/],
    ["components/dashboard/Widget.tsx", 'export { getDb } from "@/lib/db/client";', /Components render/],
    ["components/dashboard/Widget.tsx", 'export { env } from "@/lib/env";', /Components render/],
    ["components/paywall/Thing.tsx", 'import "server-only";', /Components render/],
    ["components/ui/Thing.tsx", 'export { anvilKey } from "@/lib/local-defaults";', /Components render/],
    ["app/dashboard/(admin)/things/actions.ts", 'import type { State } from "@/components/dashboard/ThingForm";\nexport type { State };', /take their types from lib/],
    ["app/api/things/route.ts", 'export { config } from "@/proxy";', /proxy\.ts is Next's entry point/],
    ["app/api/things/route.ts", 'export { mintTestUsdc } from "@/lib/chain/local";', /dev and test tooling/],
    ["app/api/things/route.ts", 'export { benchRoute } from "@/bench/routes";', /only app\/api\/bench serves it/],
    ["lib/content/seed.ts", 'export { BENCH_RESOURCES } from "../../bench/seed";', /below app\/, components\/ and bench/],
  ])("%s: %s is refused", async (file, source, message) => {
    const errors = await importErrors(file, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ["lib/env.ts", 'export { NETWORKS } from "./networks";'],
    ["lib/db/queries/articles.ts", 'export { articlePath } from "@/lib/content/slug";'],
    ["lib/x402/next.ts", 'export { NextResponse } from "next/server";'],
    ["components/dashboard/Widget.tsx", 'import type { OverviewTotals } from "@/lib/db/queries/overview";\nexport type { OverviewTotals };'],
    ["components/dashboard/Widget.tsx", 'export { formatUsdc } from "@/lib/format/money";'],
    ["components/paywall/Thing.tsx", 'export { createPayingFetch } from "@/lib/x402/client/pay";'],
    ["app/api/dev/faucet/route.ts", 'export { mintTestUsdc } from "@/lib/chain/local";'],
    ["app/api/bench/[name]/route.ts", 'export { benchRoute } from "@/bench/routes";'],
  ])("%s: %s is allowed", async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
