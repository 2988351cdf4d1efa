/**
 * Runs anvil (Foundry's local Ethereum node) as a child process: the local chain of dev mode and
 * of the integration tests. Server-side only.
 */
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

export interface StartAnvilOptions {
  /** Port to listen on; 0 (the default) lets anvil pick a free one. */
  port?: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Default 31337. It must match the CAIP-2 network, which x402 signs against. */
  chainId?: number;
  /** anvil `--state` file: loaded at start if present, written on stop(), so the chain survives restarts. */
  statePath?: string;
  /** The anvil binary to run (the app passes ANVIL_BIN); see {@link resolveAnvilBinary}. */
  anvilBin?: string;
  /** Receives anvil's output line by line; without it anvil's output is dropped. */
  log?: (line: string) => void;
}

export interface AnvilProcess {
  rpcUrl: string;
  port: number;
  /** Stops anvil with SIGINT and waits for it to exit (and to write its `--state` file). */
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
/** Lines of stderr kept for error messages. */
const STDERR_LINES = 40;

/**
 * Finds anvil: the explicit `anvilBin`, else `anvil` on PATH (a Foundry install, e.g. on macOS),
 * else the binary of the optional npm package `@foundry-rs/anvil-linux-amd64`.
 */
export function resolveAnvilBinary(anvilBin?: string): string {
  if (anvilBin) return anvilBin;
  if (spawnSync("anvil", ["--version"], { stdio: "ignore" }).status === 0) return "anvil";
  try {
    return createRequire(import.meta.url).resolve("@foundry-rs/anvil-linux-amd64/bin/anvil");
  } catch {
    throw new Error(
      "anvil not found: it is not on PATH and @foundry-rs/anvil-linux-amd64 is not installed " +
        "(it only exists for Linux x64). Install Foundry (https://getfoundry.sh) or set ANVIL_BIN to an anvil binary.",
    );
  }
}

/** Starts anvil with its ten default accounts and automine, and resolves once it answers RPC. */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<AnvilProcess> {
  const { port = 0, host = "127.0.0.1", chainId = 31337, statePath, log } = options;
  const bin = resolveAnvilBinary(options.anvilBin);
  // anvil only takes IP addresses.
  const bindHost = host === "localhost" ? "127.0.0.1" : host;
  const args = ["--host", bindHost, "--port", String(port), "--chain-id", String(chainId)];
  if (statePath) args.push("--state", statePath);

  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  // "close" comes after "exit" and after the last output line, which error messages quote.
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  // A dev server or test run that exits without stop() must not leave anvil behind. SIGINT, not
  // SIGKILL, so anvil still writes its state file.
  const killOnExit = () => child.kill("SIGINT");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on("line", (line) => {
    stderr.push(line);
    if (stderr.length > STDERR_LINES) stderr.shift();
    log?.(line);
  });
  // anvil announces the port it bound (the only way to learn it for port 0) on stdout; --quiet
  // would suppress that line, so the output is read and dropped instead.
  const listening = new Promise<number>((resolve) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      log?.(line);
      const match = /^Listening on .*:(\d+)$/.exec(line.trim());
      if (match) resolve(Number(match[1]));
    });
  });

  const stop = async () => {
    const running = child.pid !== undefined && child.exitCode === null && child.signalCode === null;
    if (!running) return;
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  const ready = (async () => {
    const boundPort = await listening;
    const rpcUrl = `http://${urlHost(bindHost)}:${boundPort}`;
    const answered = await waitForChainId(rpcUrl, deadline);
    if (answered !== chainId) throw new Error(`answers with chain id ${answered}, expected ${chainId}`);
    return { rpcUrl, port: boundPort, stop };
  })();
  const died = new Promise<never>((_, reject) => {
    child.once("error", (error) => reject(new Error(`failed to start: ${error.message}`)));
    void exited.then(() => reject(new Error(`exited (${child.exitCode ?? child.signalCode}) before it was ready`)));
  });
  const timedOut = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error(`did not answer within ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS).unref();
  });

  try {
    return await Promise.race([ready, died, timedOut]);
  } catch (error) {
    await stop();
    const output = stderr.length > 0 ? `\nanvil stderr:\n${stderr.join("\n")}` : "";
    throw new Error(`anvil (${bin} ${args.join(" ")}) ${(error as Error).message}${output}`);
  }
}

/** A wildcard listen address is reached through loopback; IPv6 literals need brackets in URLs. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

async function waitForChainId(rpcUrl: string, deadline: number): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        signal: AbortSignal.timeout(1_000),
      });
      const body = (await response.json()) as { result?: string };
      if (body.result) return Number(body.result);
    } catch {
      // Not answering yet.
    }
    if (Date.now() > deadline) throw new Error(`did not answer eth_chainId at ${rpcUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
