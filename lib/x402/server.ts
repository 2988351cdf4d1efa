/**
 * The one x402 resource server of the process, shared by `proxy.ts` (paid pages) and
 * `withPayment` (paid API routes): the EVM `exact` scheme on the configured network, the
 * facilitator, the ledger hooks, and the extensions every 402 declares (Bazaar discovery,
 * payment-identifier, Sign-In-With-X).
 */
import "server-only";
import { x402ResourceServer } from "@x402/core/server";
import { ExactEvmScheme } from "@x402/evm/exact/server";
import { bazaarResourceServerExtension } from "@x402/extensions/bazaar";
import { paymentIdentifierResourceServerExtension } from "@x402/extensions/payment-identifier";
import { createSIWxResourceServerExtension } from "@x402/extensions/sign-in-with-x";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { createFacilitatorClient } from "./facilitator";
import { registerLedgerHooks } from "./ledger";
import { ledgerSiwxStorage } from "./siwx";

const shared = processSingleton("x402-resource-server", () => {
  const server = new x402ResourceServer(createFacilitatorClient(env.facilitator, env.network)).register(
    env.network.caip2,
    new ExactEvmScheme(),
  );
  server
    .registerExtension(bazaarResourceServerExtension)
    .registerExtension(paymentIdentifierResourceServerExtension)
    .registerExtension(createSIWxResourceServerExtension({ storage: ledgerSiwxStorage, origin: env.siteUrl }));
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
