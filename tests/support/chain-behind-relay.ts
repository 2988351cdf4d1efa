/**
 * A local chain the app reaches only through an RPC relay that tests can cut from another process
 * (see rpc-relay.ts, `setRelayFault`): for the stacks that run the production build — the system
 * suite, and Playwright's web server:
 *
 *   tsx tests/support/chain-behind-relay.ts --anvil-port 8555 --relay-port 8556 -- npm run start:local -- --fresh
 *
 * starts anvil and the relay, then the command with RPC_URL set to the relay (`npm run dev`
 * reuses a chain that answers there), and stops everything when the command ends or on a signal.
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { startAnvil } from "../../lib/chain/anvil";
import { startRpcRelay } from "./rpc-relay";

export interface ChainBehindRelay {
  /** The relay: what the app is given as RPC_URL. */
  rpcUrl: string;
  /** The chain itself, for the tests' own reads. */
  anvilUrl: string;
  stop(): Promise<void>;
}

export async function startChainBehindRelay(options: { anvilPort: number; relayPort: number }): Promise<ChainBehindRelay> {
  const anvil = await startAnvil({ port: options.anvilPort });
  const relay = await startRpcRelay(anvil.rpcUrl, { port: options.relayPort });
  return {
    rpcUrl: relay.url,
    anvilUrl: anvil.rpcUrl,
    async stop() {
      await relay.close();
      await anvil.stop();
    },
  };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "anvil-port": { type: "string" }, "relay-port": { type: "string" } },
  });
  const [command, ...args] = positionals;
  if (!command || !values["anvil-port"] || !values["relay-port"]) {
    throw new Error("usage: chain-behind-relay.ts --anvil-port N --relay-port M -- <command> [args…]");
  }
  const chain = await startChainBehindRelay({ anvilPort: Number(values["anvil-port"]), relayPort: Number(values["relay-port"]) });
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, RPC_URL: chain.rpcUrl } });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const code = await new Promise<number>((resolve) => child.once("exit", (exitCode) => resolve(exitCode ?? 1)));
  await chain.stop();
  process.exit(code);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
