/**
 * The production build as users meet it, started in the background: `npm run start:local --
 * --fresh` (a throwaway anvil with TestUSDC, a fresh PGlite, `next start`) on ports of the
 * caller's choosing. For the system tests and `npm run bench`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

export interface LocalSite {
  siteUrl: string;
  rpcUrl: string;
  /** Stops next and anvil (its whole process group). */
  stop(): Promise<void>;
}

export interface LocalSiteOptions {
  port: number;
  anvilPort: number;
  /** A chain already running for the site to use (it is set up there); otherwise anvil starts on `anvilPort`. */
  rpcUrl?: string;
  /** More environment for the site, e.g. `{ BENCH_ROUTES: "1" }`. */
  env?: Record<string, string>;
  /** How long to wait for /api/health (default 120 s: a cold PGlite and anvil on a busy machine). */
  timeoutMs?: number;
}

export async function startLocalSite(options: LocalSiteOptions): Promise<LocalSite> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("This runs the production build: `npm run build` first.");
  const siteUrl = `http://127.0.0.1:${options.port}`;
  const rpcUrl = options.rpcUrl ?? `http://127.0.0.1:${options.anvilPort}`;
  // Its own process group, so that stop() ends anvil and next with it.
  const server = spawn("npx", ["tsx", "--conditions=react-server", "scripts/dev.ts", "--production", "--fresh", "--port", String(options.port)], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...options.env, RPC_URL: rpcUrl, SITE_URL: siteUrl, NEXT_TELEMETRY_DISABLED: "1" },
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
    await waitForHealth(`${siteUrl}/api/health`, server, options.timeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { siteUrl, rpcUrl, stop };
}

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
