/**
 * `npm run bench`: what the paywall costs, each figure against what it is built on. One production
 * server (`next start` with BENCH_ROUTES, see scripts/local-site.ts), one throwaway anvil, and
 * autocannon as a separate process generating the load:
 *
 *   P1  402 throughput of /api/insights ÷ its unpaid twin /api/bench/unpaid            ≥ 0.90
 *   P2  re-reads with a grant cookie (/api/bench/window) ÷ the unpaid twin              ≥ 0.95
 *       (the twin is also sent the same cookie, to show what carrying it costs)
 *   P3  402 throughput of /api/insights (price from the database) ÷ the same route
 *       behind stock `withX402` with a static price (/api/bench/stock)                  ≥ 1.0
 *   P4  median paid round trip (official @x402/fetch client, a new payment each) ÷
 *       median verify + settle of the app's facilitator code called directly            ≤ 1.5
 *   P5  settlements/s with 50 payments in flight ÷ anvil's ceiling for the same
 *       transfers sent as raw transactions                                              ≥ 0.33
 *   P6  dashboard overview and payments page queries at 1M payments on PostgreSQL
 *       (bench/dashboard.ts; skipped without a PostgreSQL server)               < 100 ms
 *   P7  first-load JS of an article page with its pay button, gzip                      ≤ 250 kB
 *
 * Prints the table and writes docs/benchmarks.md (keeping its hand-written part). Needs a build:
 * `npm run bench` runs `next build` first.
 *
 * Flags: --port 3610 --anvil-port 8955   where the site and anvil listen
 *        --rounds 16 --duration 2 --connections 10   load runs per route (alternating), seconds, sockets
 *        --warm-up 6                       seconds of load per route before measuring
 *        --payments 30                     paid round trips for P4 (and as many bare verify + settle)
 *        --in-flight 50 --settlements 250  P5: concurrency and number of payments
 *        --postgres URL --ledger-rows N    P6 (default postgres://postgres@127.0.0.1:5432/test, 1,000,000)
 *        --output docs/benchmarks.md
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentPayload, PaymentRequired } from "@x402/core/types";
import postgres from "postgres";
import {
  createPublicClient,
  createTestClient,
  encodeFunctionData,
  http,
  type Hex,
  type PublicClient,
} from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { testUsdcAbi } from "../lib/chain/contracts";
import { transferWithAuthorizationArgs } from "../lib/chain/authorizations";
import { localChain, newFundedPayers } from "../lib/chain/local";
import { LOCAL_USDC_ADDRESS, NETWORKS, toViemChain } from "../lib/networks";
import { createPayingFetch, createPaymentClient, readPaymentReceipt } from "../lib/x402/client/pay";
import { createFacilitatorClient } from "../lib/x402/facilitator";
import { benchDashboard, DEFAULT_SERVER, medianMs, OVERVIEW_PAGE, PAYMENTS_PAGE, TARGET_MS } from "./dashboard";
import { startLocalSite, type LocalSite } from "../scripts/local-site";
import { redact } from "../scripts/seed-ledger";

const { values: flags } = parseArgs({
  options: {
    port: { type: "string", default: "3610" },
    "anvil-port": { type: "string", default: "8955" },
    rounds: { type: "string", default: "16" },
    duration: { type: "string", default: "2" },
    "warm-up": { type: "string", default: "6" },
    connections: { type: "string", default: "10" },
    payments: { type: "string", default: "30" },
    "in-flight": { type: "string", default: "50" },
    settlements: { type: "string", default: "250" },
    postgres: { type: "string", default: DEFAULT_SERVER },
    "ledger-rows": { type: "string", default: "1000000" },
    output: { type: "string", default: "docs/benchmarks.md" },
  },
});

const LOCAL = NETWORKS.local;
/** P5's rounds: each settles `--settlements` payments through the site and as many raw transfers. */
const SETTLEMENT_ROUNDS = 3;
/** What a payer gets: 1 USDC, hundreds of payments at the demo's 0.002. */
const PAYER_FUNDS = 1_000_000n;
/** Where docs/benchmarks.md's generated part ends; what follows is written by hand and kept. */
const HAND_WRITTEN_MARKER = "<!-- Written by hand below this line: `npm run bench` keeps it. -->";

const log = (message: string) => console.log(`\x1b[36m[bench]\x1b[0m ${message}`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
/** Each round's `measured` ÷ `baseline`: both sides of a round ran within seconds of each other. */
const perRound = (measured: number[], baseline: number[]) => measured.map((value, round) => value / baseline[round]!);
const fixed = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rates = (runs: number[], digits = 0) => runs.map((run) => fixed(run, digits)).join(", ");

interface Target {
  comparison: ">=" | "<=" | "<";
  value: number;
}

/** One line of the report: a measured value, and (for ratios) the baseline it is divided by. */
interface Result {
  id: string;
  name: string;
  value?: string;
  baseline?: string;
  /** What is held to the target: the ratio, or the value itself. */
  score?: number;
  target: Target;
  unit?: string;
  /** How it was measured, raw numbers included (or why it was not). */
  detail: string;
}

const meets = (score: number, { comparison, value }: Target) =>
  comparison === ">=" ? score >= value : comparison === "<=" ? score <= value : score < value;
const targetText = ({ comparison, value }: Target, unit = "") => `${comparison === ">=" ? "≥" : comparison === "<=" ? "≤" : "<"} ${value}${unit}`;
const verdict = (result: Result) => (result.score === undefined ? "skipped" : meets(result.score, result.target) ? "pass" : "MISS");

// ---- load generation (P1–P3) -------------------------------------------------------------------

interface LoadRun {
  requestsPerSecond: number;
  p50Ms: number;
  statuses: Record<string, number>;
}

const autocannonBin = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

/** autocannon in its own process, so that generating the load does not share the bench's event loop. */
function autocannon(url: string, headers: Record<string, string>, seconds: number): Promise<LoadRun> {
  const args = [autocannonBin, "--json", "-c", flags.connections, "-d", String(seconds)];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const result = JSON.parse(output) as {
        requests: { average: number };
        latency: { p50: number };
        statusCodeStats: Record<string, { count: number }>;
        errors: number;
      };
      const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
      if (result.errors > 0) statuses.error = result.errors;
      resolve({ requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, statuses });
    });
  });
}

interface Route {
  label: string;
  url: string;
  headers: Record<string, string>;
  /** Every response must have it, or the run measured something else. */
  status: number;
}

/**
 * Throughput of each route, in `rounds` rounds that take the routes in turn (each round starting
 * with the next route), so that whatever else the machine does falls on all of them alike. Short
 * runs, many rounds: on a shared VM a route's rate moves by 20–30 % from one run to the next, and
 * the server keeps getting faster for its first minute of load (the JIT), hence the warm-up.
 */
async function throughput(routes: Route[]): Promise<Map<Route, number[]>> {
  const seconds = Number(flags.duration);
  const runs = new Map(routes.map((route) => [route, [] as number[]]));
  log(`warming up ${routes.length} routes, ${flags["warm-up"]} s each`);
  for (const route of routes) await autocannon(route.url, route.headers, Number(flags["warm-up"]));
  for (let round = 0; round < Number(flags.rounds); round++) {
    for (let i = 0; i < routes.length; i++) {
      const route = routes[(round + i) % routes.length]!;
      const run = await autocannon(route.url, route.headers, seconds);
      const unexpected = Object.keys(run.statuses).filter((status) => status !== String(route.status));
      if (unexpected.length > 0) {
        throw new Error(`${route.label}: expected only HTTP ${route.status}, got ${JSON.stringify(run.statuses)}`);
      }
      runs.get(route)!.push(run.requestsPerSecond);
      log(`round ${round + 1}: ${route.label} ${fixed(run.requestsPerSecond)} req/s (p50 ${run.p50Ms} ms)`);
    }
  }
  return runs;
}

/**
 * `measured` ÷ `baseline` as the median of the rounds' ratios: each round ran both within seconds
 * of each other, so a slow spell of the machine falls on both sides of a ratio.
 */
function ratioResult(
  id: string,
  name: string,
  measured: { route: Route; runs: number[] },
  baseline: { route: Route; runs: number[] },
  target: Target,
): Result {
  const ratios = perRound(measured.runs, baseline.runs);
  return {
    id,
    name,
    value: `${fixed(median(measured.runs))} req/s`,
    baseline: `${fixed(median(baseline.runs))} req/s`,
    score: median(ratios),
    target,
    detail:
      `${measured.route.label}: ${rates(measured.runs)} req/s; ${baseline.route.label}: ${rates(baseline.runs)} req/s; ` +
      `ratio per round ${rates(ratios, 2)}, median ${median(ratios).toFixed(2)} ` +
      `(${measured.runs.length} rounds of ${flags.duration} s runs, ${flags.connections} connections)`,
  };
}

// ---- payments (P2's grant, P4, P5) ---------------------------------------------------------------

const paysLocally = (payer: PrivateKeyAccount) => ({
  signer: payer,
  network: LOCAL.caip2,
  asset: LOCAL_USDC_ADDRESS,
  maxAmountPerPayment: PAYER_FUNDS,
});

/** The terms a route's 402 states. */
async function paymentRequired(url: string): Promise<PaymentRequired> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const header = response.headers.get("PAYMENT-REQUIRED");
  if (response.status !== 402 || !header) throw new Error(`${url} answered ${response.status} without PAYMENT-REQUIRED`);
  return decodePaymentRequiredHeader(header);
}

/** Pays `url` once with the official client and returns the grant cookie the answer sets. */
async function grantCookie(url: string, payer: PrivateKeyAccount): Promise<string> {
  const response = await createPayingFetch(paysLocally(payer))(url, { headers: { Accept: "application/json" } });
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith("x402_grant_"));
  if (response.status !== 200 || !cookie) throw new Error(`paying ${url} gave HTTP ${response.status} and no grant cookie`);
  return cookie.split(";")[0]!;
}

/**
 * P4. The site: the official @x402/fetch client (402, sign, pay again), a new payment each time.
 * The baseline: the facilitator code the site runs (lib/x402/facilitator.ts) called in this
 * process with a key of its own, verify then settle, on payments signed beforehand (signing is the
 * client's part). The two alternate, one request each, so that load elsewhere hits both alike.
 */
async function paidRoundTrip(site: LocalSite, chain: Chain, payer: PrivateKeyAccount, otherPayer: PrivateKeyAccount): Promise<Result> {
  const url = `${site.siteUrl}/api/insights`;
  const count = Number(flags.payments);
  const pay = createPayingFetch(paysLocally(payer));
  const facilitator = createFacilitatorClient(
    { mode: "local", privateKey: await chain.newFundedKey(), rpcUrl: site.rpcUrl, timeoutMs: 15_000 },
    LOCAL,
  );
  const terms = await paymentRequired(url);
  const signer = createPaymentClient(paysLocally(otherPayer));

  const paidRequest = async () => {
    const started = performance.now();
    const response = await pay(url, { headers: { Accept: "application/json" } });
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (response.status !== 200 || !readPaymentReceipt(response)?.success) throw new Error(`a paid request got HTTP ${response.status}`);
    return elapsed;
  };
  const verifyAndSettle = async () => {
    const payload = await signer.createPaymentPayload(terms);
    const started = performance.now();
    const verified = await facilitator.verify(payload, payload.accepted);
    if (!verified.isValid) throw new Error(`bare verify refused the payment: ${verified.invalidReason}`);
    const settled = await facilitator.settle(payload, payload.accepted);
    if (!settled.success) throw new Error(`bare settle failed: ${settled.errorReason}`);
    return performance.now() - started;
  };

  for (let i = 0; i < 10; i++) await Promise.all([paidRequest(), verifyAndSettle()]); // warm-up
  const paid: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < count; i++) {
    paid.push(await paidRequest());
    bare.push(await verifyAndSettle());
  }
  const value = median(paid);
  const base = median(bare);
  log(`P4: paid round trip ${value.toFixed(1)} ms, bare verify + settle ${base.toFixed(1)} ms (medians of ${count})`);
  const spread = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return `min ${sorted[0]!.toFixed(1)}, p90 ${sorted[Math.ceil(0.9 * sorted.length) - 1]!.toFixed(1)} ms`;
  };
  return {
    id: "P4",
    name: "paid round trip ÷ bare verify + settle (median latency)",
    value: `${value.toFixed(1)} ms`,
    baseline: `${base.toFixed(1)} ms`,
    score: value / base,
    target: { comparison: "<=", value: 1.5 },
    detail:
      `${count} sequential paid GETs of /api/insights with createPayingFetch (402, sign, paid request; ${spread(paid)}); ` +
      `baseline: createFacilitatorClient() in the bench process with its own key, verify + settle of payments signed beforehand (${spread(bare)})`,
  };
}

/**
 * P5. `--settlements` payments signed beforehand and sent `--in-flight` at a time; the ceiling: as
 * many transferWithAuthorization transactions for payments signed the same way, sent raw by as
 * many senders (one per slot, so none waits for another's nonce) and each awaited for its receipt
 * with viem's waitForTransactionReceipt, as the facilitator waits.
 *
 * anvil slows down as its chain grows (here from about 340 to 160 raw transfers/s over 1,300
 * blocks), so each of the three rounds through the site is held against the mean of the ceilings
 * measured just before and just after it. A first round warms the server's payment path (its JIT)
 * and measures the first ceiling; it is not counted.
 */
async function settlementRate(site: LocalSite, chain: Chain, payers: PrivateKeyAccount[]): Promise<Result> {
  const url = `${site.siteUrl}/api/insights`;
  const count = Number(flags.settlements);
  const inFlight = Number(flags["in-flight"]);
  const terms = await paymentRequired(url);
  const signers = payers.map((payer) => createPaymentClient(paysLocally(payer)));
  const sign = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => signers[i % signers.length]!.createPaymentPayload(terms)));

  const throughSite: number[] = [];
  /** The ceiling after each round, the uncounted first one included. */
  const ceiling: number[] = [];
  for (let round = 0; round <= SETTLEMENT_ROUNDS; round++) {
    const payments = (await sign(count)).map(encodePaymentSignatureHeader);
    const siteSeconds = await inParallel(payments, inFlight, async (header) => {
      const response = await fetch(url, { headers: { Accept: "application/json", "PAYMENT-SIGNATURE": header } });
      await response.arrayBuffer();
      if (response.status !== 200 || !readPaymentReceipt(response)?.success) throw new Error(`a payment in flight got HTTP ${response.status}`);
    });
    const lanes = await chain.rawTransferLanes(await sign(count), inFlight);
    const ceilingSeconds = await inParallel(lanes, inFlight, async (lane) => {
      for (const transaction of lane) await chain.sendAndConfirm(transaction);
    });
    log(`P5 ${round === 0 ? "warm-up" : `round ${round}`}: ${fixed(count / siteSeconds, 1)} settlements/s through the site, ceiling ${fixed(count / ceilingSeconds, 1)} transfers/s`);
    if (round > 0) throughSite.push(count / siteSeconds);
    ceiling.push(count / ceilingSeconds);
  }
  const bracketing = throughSite.map((_, i) => (ceiling[i]! + ceiling[i + 1]!) / 2);
  const ratios = perRound(throughSite, bracketing);
  return {
    id: "P5",
    name: `settlements/s, ${inFlight} in flight ÷ anvil's raw ceiling`,
    value: `${fixed(median(throughSite), 1)} /s`,
    baseline: `${fixed(median(bracketing), 1)} /s`,
    score: median(ratios),
    target: { comparison: ">=", value: 0.33 },
    detail:
      `${count} payments of /api/insights signed beforehand by ${payers.length} payers, ${inFlight} in flight: ${rates(throughSite, 1)} /s; ` +
      `ceiling: ${count} raw transferWithAuthorization transactions from ${inFlight} senders, each awaited for its receipt, ` +
      `before the first round and after each: ${rates(ceiling, 1)} /s; each round ÷ the mean of the ceilings around it: ` +
      `${rates(ratios, 2)}, median ${median(ratios).toFixed(2)}`,
  };
}

/** Runs `work` on every item, `concurrency` at a time; resolves with the elapsed seconds. */
async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<number> {
  const queue = [...items];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
  return (performance.now() - started) / 1000;
}

// ---- the chain, directly -----------------------------------------------------------------------

type Chain = Awaited<ReturnType<typeof connectChain>>;

async function connectChain(rpcUrl: string) {
  const testClient = createTestClient({ mode: "anvil", chain: localChain, transport: http(rpcUrl) });
  // As the facilitator's client is made (lib/x402/facilitator.ts), so receipts are awaited alike.
  const publicClient: PublicClient = createPublicClient({
    chain: toViemChain(LOCAL, rpcUrl),
    transport: http(rpcUrl),
    pollingInterval: LOCAL.receiptPollingMs,
  });

  /** A new key with ETH for gas: it sends nothing the site sends, so no nonce is shared. */
  async function newFundedKey(): Promise<Hex> {
    const key = generatePrivateKey();
    await testClient.setBalance({ address: privateKeyToAccount(key).address, value: 10n ** 21n });
    return key;
  }

  /** The payments as signed raw transactions, split into `lanes` senders' nonce sequences. */
  async function rawTransferLanes(payments: PaymentPayload[], lanes: number): Promise<Hex[][]> {
    const senders = await Promise.all(Array.from({ length: lanes }, async () => privateKeyToAccount(await newFundedKey())));
    const calls = payments.map((payment) => {
      return encodeFunctionData({
        abi: testUsdcAbi,
        functionName: "transferWithAuthorization",
        args: transferWithAuthorizationArgs(payment.payload),
      });
    });
    const gas = (await publicClient.estimateGas({ account: senders[0]!, to: LOCAL_USDC_ADDRESS, data: calls[0]! })) * 2n;
    const fees = await publicClient.estimateFeesPerGas();
    return Promise.all(
      senders.map((sender, lane) =>
        Promise.all(
          calls
            .filter((_, i) => i % lanes === lane)
            .map((data, nonce) =>
              sender.signTransaction({ chainId: LOCAL.chainId, type: "eip1559", to: LOCAL_USDC_ADDRESS, data, gas, nonce, ...fees }),
            ),
        ),
      ),
    );
  }

  async function sendAndConfirm(transaction: Hex): Promise<void> {
    const hash = await publicClient.sendRawTransaction({ serializedTransaction: transaction });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transfer ${hash} reverted`);
  }

  return { newFundedKey, rawTransferLanes, sendAndConfirm };
}

// ---- P7: first-load JS ---------------------------------------------------------------------------

/** The bytes `url` sends when asked for gzip: what a browser downloads. */
function servedGzipBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "Accept-Encoding": "gzip" } }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => (response.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: HTTP ${response.statusCode}`))));
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

/**
 * The scripts an article page loads (its `<script src>`, but not the `noModule` polyfill, which
 * browsers with modules skip), as served gzip; the pay panel's chunks, loaded when the reader
 * clicks Pay, are reported beside it.
 */
async function firstLoadJs(site: LocalSite): Promise<Result> {
  const page = `${site.siteUrl}/articles/how-settlement-works`;
  const html = await (await fetch(page, { headers: { Accept: "text/html" } })).text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)]
    .map(([, attributes]) => attributes!)
    .filter((attributes) => !/\bnomodule\b/i.test(attributes))
    .map((attributes) => /\bsrc="([^"]+)"/.exec(attributes)?.[1])
    .filter((src): src is string => src !== undefined);
  if (scripts.length === 0) throw new Error(`${page} loads no scripts`);
  const firstLoad = await sum(scripts.map((src) => servedGzipBytes(new URL(src, site.siteUrl).toString())));

  const loadable = JSON.parse(
    await readFile(".next/server/app/articles/[slug]/page/react-loadable-manifest.json", "utf8"),
  ) as Record<string, { files: string[] }>;
  const onClick = Object.values(loadable)
    .flatMap(({ files }) => files)
    .filter((file) => file.endsWith(".js") && !scripts.some((src) => src.endsWith(file)));
  const payPanel = await sum([...new Set(onClick)].map((file) => servedGzipBytes(`${site.siteUrl}/_next/${file}`)));

  const kB = (bytes: number) => bytes / 1000;
  log(`P7: ${scripts.length} scripts, ${kB(firstLoad).toFixed(1)} kB gzip; the pay panel adds ${kB(payPanel).toFixed(1)} kB on click`);
  return {
    id: "P7",
    name: "article page first-load JS, gzip",
    value: `${kB(firstLoad).toFixed(1)} kB`,
    score: kB(firstLoad),
    target: { comparison: "<=", value: 250 },
    unit: " kB",
    detail:
      `${scripts.length} scripts of /articles/how-settlement-works (teaser and pay button), ${fixed(firstLoad)} bytes as next start serves them gzip; ` +
      `clicking Pay loads ${new Set(onClick).size} more (wallet + @x402/fetch): ${fixed(payPanel)} bytes, ${kB(firstLoad + payPanel).toFixed(1)} kB in all`,
  };
}

const sum = async (values: Promise<number>[]) => (await Promise.all(values)).reduce((total, value) => total + value, 0);

// ---- P6: the dashboard at scale ------------------------------------------------------------------

async function dashboardAtScale(): Promise<Result[]> {
  const server = flags.postgres;
  const rows = Number(flags["ledger-rows"]);
  const target: Target = { comparison: "<", value: TARGET_MS };
  const scale = rows === 1_000_000 ? "1M" : fixed(rows);
  const names = [`dashboard overview queries, ${scale} payments`, `dashboard payments page queries, ${scale} payments`];
  const probe = postgres(server, { max: 1, connect_timeout: 3, onnotice: () => {} });
  const reachable = await probe`select 1`.then(
    () => true,
    () => false,
  );
  await probe.end({ timeout: 1 });
  if (!reachable) {
    const skipped = `no PostgreSQL server answers at ${redact(server)} (set --postgres)`;
    log(`P6 skipped: ${skipped}`);
    return names.map((name) => ({ id: "P6", name, target, unit: " ms", detail: skipped }));
  }

  const bench = await benchDashboard({ server, rows, runs: 20 });
  return [OVERVIEW_PAGE, PAYMENTS_PAGE].map((page, i) => {
    const measurement = bench.measurements.find((candidate) => candidate.name === page)!;
    const ms = medianMs(measurement);
    return {
      id: "P6",
      name: names[i]!,
      value: `${ms.toFixed(1)} ms`,
      score: ms,
      target,
      unit: " ms",
      detail:
        `${page}: median of ${measurement.times.length} runs in the app's process (round trips included), ` +
        `${measurement.serverMs!.toFixed(1)} ms of it inside PostgreSQL; ${fixed(bench.payments)} payments (bench/dashboard.ts)`,
    };
  });
}

// ---- report ------------------------------------------------------------------------------------

function table(results: Result[]): string[] {
  const header = ["", "measure", "value", "baseline", "ratio", "target", "result"];
  const rows = results.map((result) => [
    result.id,
    result.name,
    result.value ?? "—",
    result.baseline ?? "",
    result.baseline && result.score !== undefined ? result.score.toFixed(2) : "",
    targetText(result.target, result.unit),
    verdict(result),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  const rule = `|${widths.map((width, column) => (column < 2 ? "-".repeat(width + 2) : `${"-".repeat(width + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)];
}

async function writeReport(results: Result[], startedAt: Date, minutes: number, load: number) {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const generated = [
    "# Benchmarks",
    "",
    "What the paywall costs, each figure against what it is built on. Written by `npm run bench`",
    "(bench/pay-path.ts): one `next start` of the production build with `BENCH_ROUTES=1`, one local",
    "anvil, and autocannon as a separate process for the load.",
    "",
    `- **Run:** ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, ${minutes.toFixed(1)} minutes`,
    `- **Machine:** ${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}; ` +
      `1-minute load average ${load.toFixed(1)} as measuring began (the build just before counts, and so does any other work on the machine)`,
    `- **Load (P1–P3):** ${flags["warm-up"]} s of warm-up per route, then ${flags.rounds} rounds of ${flags.duration} s runs per route, ` +
      `${flags.connections} connections (autocannon)`,
    "- **Ratios:** P1–P3 and P5 are the median of the rounds' own ratios (each round measures both sides within seconds), " +
      "so they can differ from the value and baseline columns, which are medians of each side alone",
    "",
    ...table(results),
    "",
    "## How each figure was measured",
    "",
    ...results.map((result) => `- **${result.id}** ${result.name}: ${result.detail}.`),
    "",
    HAND_WRITTEN_MARKER,
  ].join("\n");
  const previous = existsSync(flags.output) ? await readFile(flags.output, "utf8") : "";
  const handWritten = previous.includes(HAND_WRITTEN_MARKER) ? previous.slice(previous.indexOf(HAND_WRITTEN_MARKER) + HAND_WRITTEN_MARKER.length) : "\n";
  await writeFile(flags.output, generated + handWritten);
}

async function main() {
  const startedAt = new Date();
  const load = loadavg()[0]!;
  const results: Result[] = [];
  const site = await startLocalSite({ port: Number(flags.port), anvilPort: Number(flags["anvil-port"]), env: { BENCH_ROUTES: "1" } });
  log(`site on ${site.siteUrl}, anvil on ${site.rpcUrl}`);
  try {
    const chain = await connectChain(site.rpcUrl);
    const payers = await newFundedPayers(site.rpcUrl, Math.max(2, Number(flags["in-flight"])), PAYER_FUNDS);
    log(`${payers.length} payers funded`);

    const route = (label: string, pathname: string, status: number, headers: Record<string, string> = {}): Route => ({
      label,
      url: `${site.siteUrl}${pathname}`,
      headers: { Accept: "application/json", ...headers },
      status,
    });
    const unpaid = route("/api/bench/unpaid (no paywall)", "/api/bench/unpaid", 200);
    const challenge = route("/api/insights 402", "/api/insights", 402);
    const stock = route("/api/bench/stock 402 (stock withX402)", "/api/bench/stock", 402);
    const cookie = await grantCookie(`${site.siteUrl}/api/bench/window`, payers[0]!);
    const granted = route("/api/bench/window with a grant cookie", "/api/bench/window", 200, { Cookie: cookie });
    // The twin never gets a grant cookie; sent one anyway, it shows what carrying the cookie costs.
    const cookieOnly = route("/api/bench/unpaid with the same cookie", "/api/bench/unpaid", 200, { Cookie: cookie });
    const runs = await throughput([unpaid, challenge, granted, stock, cookieOnly]);
    const of = (r: Route) => ({ route: r, runs: runs.get(r)! });
    const reRead = ratioResult("P2", "re-read with a grant ÷ unpaid twin (throughput)", of(granted), of(unpaid), { comparison: ">=", value: 0.95 });
    const sameRequest = median(perRound(runs.get(granted)!, runs.get(cookieOnly)!));
    reRead.detail += `; ${cookieOnly.label}: ${rates(runs.get(cookieOnly)!)} req/s (the re-read is ${sameRequest.toFixed(2)} of it, median per round)`;
    results.push(
      ratioResult("P1", "402 challenge ÷ unpaid twin (throughput)", of(challenge), of(unpaid), { comparison: ">=", value: 0.9 }),
      reRead,
      ratioResult("P3", "402, price from the DB ÷ stock withX402 (throughput)", of(challenge), of(stock), { comparison: ">=", value: 1.0 }),
    );

    results.push(await paidRoundTrip(site, chain, payers[0]!, payers[1]!));
    results.push(await settlementRate(site, chain, payers));
    results.push(await firstLoadJs(site));
  } finally {
    await site.stop();
  }
  // After the site is gone: seeding a million rows would weigh on everything above.
  results.push(...(await dashboardAtScale()));
  results.sort((a, b) => a.id.localeCompare(b.id));

  const minutes = (Date.now() - startedAt.getTime()) / 60_000;
  console.log();
  for (const line of table(results)) console.log(line);
  for (const result of results) console.log(`  ${result.id}: ${result.detail}`);
  await writeReport(results, startedAt, minutes, load);
  log(`wrote ${flags.output}`);
  const misses = results.filter((result) => verdict(result) === "MISS").map((result) => result.id);
  console.log(misses.length === 0 ? "\nevery measured target is met" : `\nmissed: ${misses.join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
