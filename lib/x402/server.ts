/**
 * The one x402 resource server of the process, shared by `proxy.ts` (paid pages) and
 * `withPayment` (paid API routes): the EVM `exact` scheme on the configured network, the
 * facilitator, and the ledger hooks.
 */
import "server-only";
import { x402ResourceServer } from "@x402/core/server";
import { ExactEvmScheme } from "@x402/evm/exact/server";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { createFacilitatorClient } from "./facilitator";
import { registerLedgerHooks } from "./ledger";

const shared = processSingleton("x402-resource-server", () => {
  const server = new x402ResourceServer(createFacilitatorClient(env.facilitator, env.network)).register(
    env.network.caip2,
    new ExactEvmScheme(),
  );
  registerLedgerHooks(server);
  return { server, ready: undefined as Promise<void> | undefined };
});

/**
 * The resource server, initialised (the facilitator's supported kinds fetched) on first use.
 * A failed initialisation is retried by the next request rather than cached.
 */
export async function getResourceServer(): Promise<x402ResourceServer> {
  shared.ready ??= shared.server.initialize().catch((error: unknown) => {
    shared.ready = undefined;
    throw error;
  });
  await shared.ready;
  return shared.server;
}
