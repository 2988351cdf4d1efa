import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const emptyModule = fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url));

/** How every integration project runs. */
const integration = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // One process for every integration file: PGlite costs seconds and most of a GiB per
  // instance, so the whole run shares one (each suite gets fresh tables).
  pool: "forks",
  maxWorkers: 1,
  isolate: false,
} as const;

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // `server-only` throws outside Next's server bundles; tests are server code.
    alias: { "server-only": emptyModule },
  },
  test: {
    environment: "node",
    // In CI each run also writes a JSON report; .ci/summary.mjs adds them up.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: `.ci/results/vitest-${process.pid}.json` },
    // @x402/next imports "next/server" without an extension, which only bundlers resolve (next has
    // no exports map): let Vite transform it instead of handing it to Node.
    server: { deps: { inline: ["@x402/next"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "lint/**/*.test.ts", "docs/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "tests/base-sepolia/**", "tests/remote-facilitator/**", "tests/faults/**", "tests/system/**"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup-env.ts"],
          ...integration,
        },
      },
      {
        extends: true,
        test: {
          // The app on a remote facilitator (Coinbase CDP's API, stood in for by a local server).
          name: "integration-remote-facilitator",
          include: ["tests/remote-facilitator/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup-env.ts", "tests/remote-facilitator/support/setup-env.ts"],
          ...integration,
        },
      },
      {
        extends: true,
        test: {
          // The app reaching its chain through a relay the tests cut and restore.
          name: "integration-faults",
          include: ["tests/faults/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup-env.ts", "tests/faults/support/setup-env.ts"],
          ...integration,
        },
      },
      {
        extends: true,
        test: {
          // The app configured for Base Sepolia, on an anvil standing in for it (offline).
          name: "integration-base-sepolia",
          include: ["tests/base-sepolia/**/*.test.ts"],
          globalSetup: ["tests/base-sepolia/support/global-setup.ts"],
          setupFiles: ["tests/base-sepolia/support/setup-env.ts"],
          ...integration,
        },
      },
      {
        extends: true,
        test: {
          // The production build from the outside, over HTTP (`npm run test:system`, after the build).
          name: "system",
          include: ["tests/system/**/*.test.ts"],
          globalSetup: ["tests/system/support/global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 180_000,
          // One server for the whole suite: its files take turns.
          fileParallelism: false,
        },
      },
    ],
  },
});
