import { defineConfig, devices } from "@playwright/test";

/** The e2e stack: a fresh anvil and database, the production build served by `next start`. */
export const APP_PORT = Number(process.env.E2E_PORT ?? 3210);
export const ANVIL_PORT = Number(process.env.E2E_ANVIL_PORT ?? 8555);
export const BASE_URL = `http://127.0.0.1:${APP_PORT}`;
export const RPC_URL = `http://127.0.0.1:${ANVIL_PORT}`;
/** The app reaches the chain only through this relay, which specs cut with `setRelayFault` (tests/support/rpc-relay.ts). */
export const RELAY_URL = `http://127.0.0.1:${ANVIL_PORT + 1}`;
/** Short, so that a spec waiting on a settlement the relay keeps unconfirmed waits little. */
const FACILITATOR_TIMEOUT_MS = 5_000;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: ".ci/results/e2e.json" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // Debian's Chromium: Playwright cannot download its own browser here.
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // anvil and the relay first; the app (given the relay as RPC_URL) sets the chain up and uses it.
    command: `npx tsx tests/support/chain-behind-relay.ts --anvil-port ${ANVIL_PORT} --relay-port ${ANVIL_PORT + 1} -- npm run start:local -- --fresh --port ${APP_PORT}`,
    url: `${BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      SITE_URL: BASE_URL,
      FACILITATOR_TIMEOUT_MS: String(FACILITATOR_TIMEOUT_MS),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
