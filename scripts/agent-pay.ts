/**
 * Pays for any paid URL of the running app with the official x402 client, the way an agent would.
 *
 *   npm run agent:pay -- http://localhost:3000/api/insights
 *   npm run agent:pay -- http://localhost:3000/articles/how-settlement-works --accept text/markdown
 *
 *   PAYER_PRIVATE_KEY=0x… npm run agent:pay -- https://paywall.example/api/insights --network base-sepolia
 *
 * A client, not the site: it needs none of the site's configuration. --network names the network
 * whose USDC it will pay with (local, base-sepolia or base; default local); the key comes from
 * PAYER_PRIVATE_KEY, on the local chain by default anvil account #2 (funded with TestUSDC).
 * --max caps what it will sign for one request (USDC, default 1.00).
 */
import { parseArgs } from "node:util";
import { privateKeyToAccount } from "viem/accounts";
import { NETWORKS, type NetworkConfig, type NetworkName } from "../lib/networks";

/** How many times a pending payment is sent again before giving up (it stays pending on the server). */
const MAX_RESENDS = 10;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    max: { type: "string", default: "1.00" },
    accept: { type: "string", default: "application/json" },
    network: { type: "string", default: "local" },
  },
});

async function main() {
  const url = positionals[0];
  if (!url) throw new Error(`usage: npm run agent:pay -- <url> [--network ${Object.keys(NETWORKS).join("|")}] [--max 1.00] [--accept text/html]`);
  if (!Object.hasOwn(NETWORKS, values.network)) throw new Error(`--network must be one of ${Object.keys(NETWORKS).join(", ")}`);
  const network: NetworkConfig = NETWORKS[values.network as NetworkName];

  const { anvilKey } = await import("../lib/local-defaults");
  const { parseUsdc } = await import("../lib/format/money");
  const { createPayingFetch, readPaymentReceipt, resendPayment } = await import("../lib/x402/client/pay");

  const key = process.env.PAYER_PRIVATE_KEY ?? (network.local ? anvilKey(2) : undefined);
  if (!key) throw new Error(`Set PAYER_PRIVATE_KEY: a key holding USDC on ${network.label}.`);
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new Error("PAYER_PRIVATE_KEY must be a 0x-prefixed 32-byte hex key.");
  const account = privateKeyToAccount(key as `0x${string}`);

  const payingFetch = createPayingFetch({
    signer: account,
    network: network.caip2,
    asset: network.usdc.address,
    maxAmountPerPayment: parseUsdc(values.max),
    onSigned: (header) => {
      signed = header;
      console.log(`signed a payment as ${account.address}`);
    },
  });
  let signed: string | undefined;

  const started = performance.now();
  const init = { headers: { Accept: values.accept } };
  let response = await payingFetch(url, init);
  // Pending or settling: the same signed payment (with its payment-identifier) gets the answer
  // once it settles. Signing a new one could pay twice.
  for (let tries = 0; signed && (response.status === 409 || response.status === 502) && tries < MAX_RESENDS; tries++) {
    const seconds = Number(response.headers.get("Retry-After"));
    if (!(seconds > 0)) break;
    console.log(`HTTP ${response.status}: the payment is pending; sending the same payment again in ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 30) * 1000));
    response = await resendPayment(url, signed, init);
  }
  const elapsed = Math.round(performance.now() - started);
  const receipt = readPaymentReceipt(response);
  const body = await response.text();

  console.log(`HTTP ${response.status} in ${elapsed} ms`);
  console.log(
    receipt
      ? `receipt: ${receipt.success ? "settled" : "failed"} on ${receipt.network}, tx ${receipt.transaction || "none"}`
      : "no PAYMENT-RESPONSE header: nothing was paid",
  );
  console.log(body.length > 2_000 ? `${body.slice(0, 2_000)}… (${body.length} bytes)` : body);
  if (!response.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
