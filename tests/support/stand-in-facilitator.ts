/**
 * A facilitator over HTTP for tests: the official in-process x402 facilitator (settling on the
 * run's anvil with a key of its own) behind `GET /supported`, `POST /verify` and `POST /settle`,
 * as x402.org or Coinbase's CDP serve them. It records every request, can check CDP-style bearer
 * JWTs, and can be told to fail the way real facilitators do (HTTP 500, no answer in time, or an
 * answer lost after the transfer went through).
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PaymentPayload, PaymentRequirements } from "@x402/core/types";
import { createTestClient, http, parseEther, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import type { NetworkConfig } from "@/lib/networks";
import { createFacilitatorClient } from "@/lib/x402/facilitator";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** How an operation misbehaves: answer 500, never answer, or settle and then never answer. */
export type Fault = "http-500" | "no-answer" | "settle-then-no-answer";

export interface StandInFacilitator {
  url: string;
  requests: RecordedRequest[];
  /** Set to make the next calls of an operation fail; `undefined` to heal. */
  faults: { verify?: Fault; settle?: Fault; supported?: Fault };
  /** Transactions it settled (also those whose answer it withheld). */
  settled: Hex[];
  close(): Promise<void>;
}

export interface StandInOptions {
  rpcUrl: string;
  network: NetworkConfig;
  /** Checks a request's headers; a returned string refuses it with 401 and that reason. */
  authorize?: (request: RecordedRequest) => Promise<string | undefined>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

export async function startStandInFacilitator(options: StandInOptions): Promise<StandInFacilitator> {
  // Its own key, with ETH for gas, so it never competes for nonces with the app's in-process facilitator.
  const privateKey = generatePrivateKey();
  await createTestClient({ mode: "anvil", transport: http(options.rpcUrl) }).setBalance({
    address: privateKeyToAccount(privateKey).address,
    value: parseEther("10"),
  });
  const facilitator = createFacilitatorClient({ mode: "local", privateKey, rpcUrl: options.rpcUrl, timeoutMs: 30_000 }, options.network);

  const requests: RecordedRequest[] = [];
  const faults: StandInFacilitator["faults"] = {};
  const settled: Hex[] = [];
  const withheld = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      headers: Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)])),
      body: req.method === "POST" ? await readJson(req) : undefined,
    };
    requests.push(request);

    const refusal = await options.authorize?.(request);
    if (refusal) return send(res, 401, { error: "unauthorized", message: refusal });

    const operation = path.replace(/^\//, "") as keyof StandInFacilitator["faults"];
    const fault = faults[operation];
    if (fault === "http-500") return send(res, 500, { error: "internal_error", message: "the stand-in was told to fail" });
    if (fault === "no-answer") return void withheld.add(res);

    if (request.method === "GET" && operation === "supported") return send(res, 200, await facilitator.getSupported());
    const body = request.body as { paymentPayload: PaymentPayload; paymentRequirements: PaymentRequirements };
    if (request.method === "POST" && operation === "verify") {
      return send(res, 200, await facilitator.verify(body.paymentPayload, body.paymentRequirements));
    }
    if (request.method === "POST" && operation === "settle") {
      const result = await facilitator.settle(body.paymentPayload, body.paymentRequirements);
      if (result.success) settled.push(result.transaction as Hex);
      if (fault === "settle-then-no-answer") return void withheld.add(res);
      return send(res, 200, result);
    }
    send(res, 404, { error: "not_found" });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: "stand_in_error", message: String(error) }));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    settled,
    async close() {
      for (const res of withheld) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
