/**
 * The system suite runs against the production build as users meet it: `npm run start:local --
 * --fresh --production` (a throwaway anvil with TestUSDC, a fresh PGlite, `next start`), on ports
 * of its own. Test files get the site's and the chain's URLs through `inject`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
    rpcUrl: string;
  }
}

const SITE_PORT = Number(process.env.SYSTEM_PORT ?? 3410);
const ANVIL_PORT = Number(process.env.SYSTEM_ANVIL_PORT ?? 8755);

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) before it was healthy`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not healthy within ${timeoutMs / 1000} s`);
}

export default async function setup(project: TestProject) {
  if (!existsSync(".next/BUILD_ID")) throw new Error("The system tests run the production build: `npm run build` first.");
  const siteUrl = `http://127.0.0.1:${SITE_PORT}`;
  const rpcUrl = `http://127.0.0.1:${ANVIL_PORT}`;
  // Its own process group, so that teardown stops anvil and next with it.
  const server = spawn("npx", ["tsx", "--conditions=react-server", "scripts/dev.ts", "--production", "--fresh", "--port", String(SITE_PORT)], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, RPC_URL: rpcUrl, SITE_URL: siteUrl, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const stop = async () => {
    if (server.exitCode !== null || server.pid === undefined) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid, "SIGINT");
    const timer = setTimeout(() => server.pid !== undefined && process.kill(-server.pid, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(`${siteUrl}/api/health`, server, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide("siteUrl", siteUrl);
  project.provide("rpcUrl", rpcUrl);
  return stop;
}
