/**
 * The one x402 resource server of the process, shared by `proxy.ts` (paid pages) and
 * `withPayment` (paid API routes): the EVM `exact` scheme on the configured network, the
 * facilitator, and the extensions every 402 declares (Bazaar discovery, payment-identifier,
 * Sign-In-With-X). The ledger is written by the payment path itself (./payment.ts, ./ledger.ts).
 *
 * Next gives `proxy.ts` and the route handlers each their own copy of `@x402/core`. The HTTP
 * servers wrapped around the shared resource server are made by the same copy that made it, so
 * the SDK's own error checks (`instanceof`) see the classes its facilitator client throws.
 */
import "server-only";
import { x402HTTPResourceServer, x402ResourceServer, type RoutesConfig } from "@x402/core/server";
import { ExactEvmScheme } from "@x402/evm/exact/server";
import { bazaarResourceServerExtension } from "@x402/extensions/bazaar";
import { paymentIdentifierResourceServerExtension } from "@x402/extensions/payment-identifier";
import { createSIWxResourceServerExtension } from "@x402/extensions/sign-in-with-x";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/server/process-singleton";
import { createFacilitatorClient } from "./facilitator";
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
  const httpServerFor = (routes: RoutesConfig) => new x402HTTPResourceServer(server, routes);
  return { server, httpServerFor, ready: undefined as Promise<void> | undefined };
});

/**
 * The resource server, initialised (the facilitator's supported kinds fetched) on first use.
 * A failed initialisation is retried by the next request rather than cached.
 */
async function ready(): Promise<void> {
  shared.ready ??= shared.server.initialize().catch((error: unknown) => {
    shared.ready = undefined;
    throw error;
  });
  await shared.ready;
}

/** An HTTP resource server for `routes` over the initialised shared resource server. */
export async function createHttpResourceServer(routes: RoutesConfig): Promise<x402HTTPResourceServer> {
  await ready();
  return shared.httpServerFor(routes);
}
