/**
 * A JSON-RPC relay between the app and the run's anvil that can be cut: the app's chain
 * connection, made to fail the ways a real RPC provider does. Every call is forwarded unchanged
 * unless a fault is set.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * - `down`: every connection is closed unanswered (the provider is unreachable);
 * - `hang`: requests are taken and never answered (an overloaded provider, a dead link);
 * - `refuse-transactions`: reads work, but sending a transaction gets a JSON-RPC error (the
 *   provider rejects it: rate limit, mempool full, node out of sync);
 * - `drop-receipts`: transactions go through, but their receipts never come back (a lagging or
 *   overloaded node: the transfer lands while the sender waits in vain).
 */
export type RpcFault = "down" | "hang" | "refuse-transactions" | "drop-receipts";

/** Runs just before a transaction is forwarded (e.g. to change the chain under it). */
export type BeforeTransaction = () => Promise<void>;

export interface RpcRelay {
  url: string;
  fault: RpcFault | undefined;
  beforeTransaction: BeforeTransaction | undefined;
  /** JSON-RPC calls forwarded since the last `reset()`, in order. */
  calls: JsonRpcCall[];
  reset(): void;
  close(): Promise<void>;
}

interface JsonRpcCall {
  id?: unknown;
  method?: string;
  params?: unknown[];
}

const SENDS_TRANSACTION = new Set(["eth_sendRawTransaction", "eth_sendTransaction"]);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Where a relay in another process (the system and e2e stacks) takes its fault: POST `{ "fault": … }`. */
export const RELAY_CONTROL_PATH = "/__relay";

/** Sets the fault of the relay at `relayUrl` from another process (null clears it). */
export async function setRelayFault(relayUrl: string, fault: RpcFault | null): Promise<void> {
  const response = await fetch(`${relayUrl}${RELAY_CONTROL_PATH}`, { method: "POST", body: JSON.stringify({ fault }) });
  if (!response.ok) throw new Error(`the relay refused the fault ${fault}: HTTP ${response.status}`);
}

export async function startRpcRelay(upstream: string, options: { port?: number } = {}): Promise<RpcRelay> {
  /** Connections left waiting by `hang`, closed on reset() so that nothing waits on them for ever. */
  const hung = new Set<Socket>();
  const server = createServer(async (req, res) => {
    if (req.method === "POST" && req.url === RELAY_CONTROL_PATH) {
      const fault = (JSON.parse((await readBody(req)) || "{}") as { fault?: RpcFault | null }).fault;
      relay.reset();
      relay.fault = fault ?? undefined;
      res.writeHead(204).end();
      return;
    }
    if (relay.fault === "down") {
      req.socket.destroy();
      return;
    }
    if (relay.fault === "hang") {
      hung.add(req.socket);
      return;
    }
    const body = await readBody(req);
    let parsed: JsonRpcCall | JsonRpcCall[] | undefined;
    try {
      parsed = req.method === "POST" ? (JSON.parse(body) as JsonRpcCall | JsonRpcCall[]) : undefined;
    } catch {
      parsed = undefined;
    }
    // A browser's wallet code reads the chain too: CORS preflights and anything that is not a
    // JSON-RPC call go through untouched, like the calls below, with the chain's own headers.
    const calls = parsed === undefined ? [] : Array.isArray(parsed) ? parsed : [parsed];
    const answerWith = (results: unknown[]) =>
      res
        .writeHead(200, { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" })
        .end(JSON.stringify(Array.isArray(parsed) ? results : results[0]));
    const sendsTransaction = calls.some((call) => SENDS_TRANSACTION.has(call.method ?? ""));
    if (sendsTransaction && relay.fault === "refuse-transactions") {
      answerWith(calls.map((call) => ({ jsonrpc: "2.0", id: call.id, error: { code: -32005, message: "request refused by the relay" } })));
      return;
    }
    if (relay.fault === "drop-receipts" && calls.length > 0 && calls.every((call) => call.method === "eth_getTransactionReceipt")) {
      answerWith(calls.map((call) => ({ jsonrpc: "2.0", id: call.id, result: null })));
      return;
    }
    if (sendsTransaction && relay.beforeTransaction) await relay.beforeTransaction();
    relay.calls.push(...calls);
    try {
      const forwarded = new Headers();
      for (const name of ["content-type", "origin", "access-control-request-method", "access-control-request-headers"]) {
        const value = req.headers[name];
        if (typeof value === "string") forwarded.set(name, value);
      }
      const answer = await fetch(upstream, { method: req.method, headers: forwarded, body: req.method === "GET" || req.method === "HEAD" ? undefined : body });
      res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => name !== "content-length" && name !== "content-encoding")));
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch {
      res.writeHead(502).end(); // the chain itself went away
    }
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const relay: RpcRelay = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fault: undefined,
    beforeTransaction: undefined,
    calls: [],
    reset() {
      for (const socket of hung) socket.destroy();
      hung.clear();
      relay.fault = undefined;
      relay.beforeTransaction = undefined;
      relay.calls = [];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return relay;
}
