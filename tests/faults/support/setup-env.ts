/**
 * Runs after tests/support/setup-env.ts, before the app's modules load: the app (its in-process
 * facilitator, reconciliation, health) reaches the run's anvil only through a relay the tests can
 * cut. The tests themselves read the chain directly.
 */
import { inject } from "vitest";
import { startRpcRelay, type RpcRelay } from "../../support/rpc-relay";

/** Short, so that waiting on a chain that does not answer costs a test little time. */
export const FACILITATOR_TIMEOUT_MS = 3_000;

const shared = globalThis as { rpcRelay?: RpcRelay };
shared.rpcRelay ??= await startRpcRelay(inject("rpcUrl"));
export const relay = shared.rpcRelay;

process.env.RPC_URL = relay.url;
process.env.FACILITATOR_TIMEOUT_MS = String(FACILITATOR_TIMEOUT_MS);
