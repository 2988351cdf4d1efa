/**
 * `npm run dev`: the whole local stack in one command.
 *   1. anvil on RPC_URL (reused if one already answers there), its chain kept in .data/anvil-state.json
 *   2. TestUSDC deployed, accounts #1–#9 funded, Multicall3 in place
 *   3. database migrated (as `npm run db:migrate` does) and the demo content seeded
 *   4. Next.js (`next dev`, or `next start` with --production after `npm run build`)
 * Ctrl-C stops everything (anvil writes its state first).
 *
 * Flags: --production  serve the production build instead of the dev server
 *        --port N      app port (default 3000, or PORT)
 *        --hostname H  address to listen on (default 127.0.0.1, or HOST; 0.0.0.0 for every interface)
 *        --fresh       throwaway chain and database in a temp folder (tests, benchmarks)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { isLoopback, parseDevOptions } from "./dev-options";

const flags = parseDevOptions(process.argv.slice(2), process.env);

const log = (message: string) => console.log(`\x1b[36m[dev]\x1b[0m ${message}`);

async function main() {
  // A fresh run gets its own folder; it must be in place before lib/env.ts reads the environment.
  const freshDir = flags.fresh ? await mkdtemp(path.join(tmpdir(), "x402-paywall-")) : undefined;
  if (freshDir) process.env.PGLITE_DIR = path.join(freshDir, "pglite");
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.SITE_URL ??= `http://localhost:${flags.port}`;

  const { env } = await import("../lib/env");
  const { LOCAL_DEV_AUTH_SECRET } = await import("../lib/local-defaults");
  const { startAnvil } = await import("../lib/chain/anvil");
  const { setupLocalChain } = await import("../lib/chain/local");
  const { closeDb, getDb, migrateDatabase } = await import("../lib/db/client");
  const { seedDemoContent } = await import("../lib/content/seed");

  let anvil: { stop(): Promise<void> } | undefined;
  if (env.network.local) {
    const rpc = new URL(env.rpcUrl);
    if (await answersRpc(env.rpcUrl)) {
      log(`using the chain already running at ${env.rpcUrl}`);
    } else {
      const statePath = freshDir ? undefined : path.resolve(".data/anvil-state.json");
      if (statePath) await mkdir(path.dirname(statePath), { recursive: true });
      anvil = await startAnvil({ host: rpc.hostname, port: Number(rpc.port || 8545), statePath, anvilBin: env.anvilBin });
      log(`anvil on ${env.rpcUrl}${statePath ? ` (state in ${path.relative(process.cwd(), statePath)})` : ""}`);
    }
    const { usdc } = await setupLocalChain(env.rpcUrl);
    log(`TestUSDC at ${usdc}; anvil accounts #1–#9 funded`);
  }

  await migrateDatabase();
  const db = await getDb();
  const extraResources = env.benchRoutes ? (await import("../bench/seed")).BENCH_RESOURCES : [];
  const { created } = await seedDemoContent(db, { network: env.network, payTo: env.payTo, extraResources });
  await closeDb(); // PGlite allows one process per data directory: hand it over to Next.
  log(created.length > 0 ? `seeded ${created.join(", ")}` : "database ready");

  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  if (!isLoopback(flags.hostname) && env.authSecret === LOCAL_DEV_AUTH_SECRET) {
    log(`\x1b[33mwarning:\x1b[0m listening on ${flags.hostname} with the public development AUTH_SECRET: anyone who reaches it can forge an admin session. Set AUTH_SECRET.`);
  }
  const next = spawn(process.execPath, [nextBin, flags.production ? "start" : "dev", "--port", flags.port, "--hostname", flags.hostname], {
    stdio: "inherit",
    env: process.env,
  });
  log(`${flags.production ? "production server" : "dev server"} starting on ${env.siteUrl} (listening on ${flags.hostname}:${flags.port})`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stopChild(next);
    await anvil?.stop();
    if (freshDir) await rm(freshDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 0));
}

async function answersRpc(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
