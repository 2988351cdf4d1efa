/**
 * Times the dashboard's queries on a large ledger, against PostgreSQL:
 *
 *   npx tsx --conditions=react-server bench/dashboard.ts
 *     [--server postgres://postgres@127.0.0.1:5432/test] [--rows 1000000] [--runs 20] [--vacuum] [--keep]
 *
 * 1. creates a scratch database `x402_bench_<timestamp>` on the server `--server` points at;
 * 2. migrates it (the app's own `migrateDatabase()`), seeds `--rows` payments with scripts/seed-ledger.ts, then
 *    ANALYZE (`--vacuum`: VACUUM ANALYZE, i.e. as after autovacuum has been through);
 * 3. times each query the dashboard runs, through the app's query functions (wall time in this
 *    process, round trip and row decoding included): 2 warm-up runs, then `--runs` timed runs;
 *    "server" is PostgreSQL's own planning + execution time for the same statements (median of
 *    5 `EXPLAIN (ANALYZE, TIMING OFF)`);
 * 4. prints the table, and EXPLAIN (ANALYZE, BUFFERS) of the slowest query's statements;
 * 5. drops the database (`--keep` keeps it and prints its URL).
 * Target: every page-level query under 100 ms.
 *
 * `benchDashboard()` does steps 1–3 and 5 for `npm run bench` (bench/pay-path.ts), which reports the
 * overview and payments pages.
 */
import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import postgres, { type Sql } from "postgres";
import type { Db } from "../lib/db/client";
import { isEntryPoint } from "../scripts/entry-point";
import { printResult, redact, seedLedger } from "../scripts/seed-ledger";

export const DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/test";
export const TARGET_MS = 100;
/** The queries each dashboard page runs at once, timed together. */
export const OVERVIEW_PAGE = "overview page (all three)";
export const PAYMENTS_PAGE = "payments page (first 50 + resources)";

const WARMUP_RUNS = 2;
const EXPLAIN_RUNS = 5;
const DAY_MS = 86_400_000;

interface Statement {
  query: string;
  params: unknown[];
}

export interface Measurement {
  name: string;
  /** Page-level: held to the target. */
  page: boolean;
  /** Several of the other queries at once (not a candidate for "slowest query"). */
  composite: boolean;
  times: number[];
  statements: Statement[];
  serverMs?: number;
  note?: string;
}

const log = (message: string) => console.log(`\x1b[36m[bench]\x1b[0m ${message}`);
const n = (value: number) => value.toLocaleString("en-US");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

export interface DashboardBenchOptions {
  /** A PostgreSQL server URL; the scratch database is created next to the database it names. */
  server: string;
  rows: number;
  runs: number;
  /** VACUUM ANALYZE after the load instead of ANALYZE. */
  vacuum?: boolean;
  /** Keep the scratch database (and print its URL) instead of dropping it. */
  keep?: boolean;
  /** Print EXPLAIN (ANALYZE, BUFFERS) of the slowest page-level query. */
  explain?: boolean;
}

export interface DashboardBench {
  payments: number;
  measurements: Measurement[];
  /** EXPLAIN (ANALYZE, BUFFERS) of the slowest page-level query, when asked for. */
  slowestPlan?: string;
}

/** Steps 1–3 and 5 above, and 4's EXPLAIN if asked: the measurements, for the caller to report. */
export async function benchDashboard(options: DashboardBenchOptions): Promise<DashboardBench> {
  const serverUrl = new URL(options.server);
  const name = `x402_bench_${Date.now()}`;
  const benchUrl = new URL(serverUrl);
  benchUrl.pathname = `/${name}`;

  const admin = postgres(serverUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  log(`created database ${name} on ${redact(serverUrl.toString())}`);

  // lib/env.ts reads the environment when first imported: point it at the scratch database first.
  process.env.DATABASE_URL = benchUrl.toString();
  const { env } = await import("../lib/env");
  if (env.database.kind !== "postgres" || env.database.url !== benchUrl.toString()) {
    await admin.unsafe(`drop database "${name}"`);
    await admin.end();
    throw new Error("lib/env.ts was loaded before benchDashboard() could point it at its scratch database");
  }
  const { closeDb, getDb, migrateDatabase } = await import("../lib/db/client");

  let dropped = false;
  const cleanUp = async () => {
    await closeDb().catch(() => {});
    if (!options.keep && !dropped) {
      dropped = true;
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      log(`dropped database ${name}`);
    } else if (options.keep) {
      log(`kept database: DATABASE_URL=${redact(benchUrl.toString())}`);
    }
    await admin.end({ timeout: 5 });
  };
  const interrupted = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);

  try {
    await migrateDatabase();
    return await run(await getDb(), options);
  } finally {
    process.off("SIGINT", interrupted);
    await cleanUp();
  }
}

async function main() {
  const { values: flags } = parseArgs({
    options: {
      server: { type: "string", default: DEFAULT_SERVER },
      rows: { type: "string", default: "1000000" },
      runs: { type: "string", default: "20" },
      vacuum: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
    },
  });
  const runs = Number(flags.runs);
  const bench = await benchDashboard({ ...flags, rows: Number(flags.rows), runs, explain: true });
  printReport(bench, runs);
}

async function run(db: Db, options: DashboardBenchOptions): Promise<DashboardBench> {
  const { sql } = await import("drizzle-orm");
  const overview = await import("../lib/db/queries/overview");
  const { findPayment, iteratePayments, listPayments, listUnsettledPayments } = await import("../lib/db/queries/payments");
  const { listResources } = await import("../lib/db/queries/resources");
  const { csvRow } = await import("../lib/dashboard/csv");
  const { toDecimalString } = await import("../lib/format/money");
  const schema = await import("../lib/db/schema");

  // Every statement the app's query functions send goes through postgres-js `unsafe`: record them,
  // so the same SQL with the same parameters can be EXPLAINed afterwards.
  const client = (db as unknown as { $client: Sql }).$client;
  let recording: Statement[] | undefined;
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((query: string, params?: unknown[], queryOptions?: object) => {
    recording?.push({ query, params: params ?? [] });
    return unsafe(query, params as never, queryOptions);
  }) as typeof client.unsafe;

  // ---- machine and server
  const [settings] = await client`
    select version() as version, current_setting('shared_buffers') as shared_buffers,
      current_setting('work_mem') as work_mem, current_setting('max_parallel_workers_per_gather') as parallel,
      current_setting('random_page_cost') as random_page_cost`;
  log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`);
  log(`server: ${String(settings?.version).split(" on ")[0]}; shared_buffers ${settings?.shared_buffers}, work_mem ${settings?.work_mem}, parallel workers/gather ${settings?.parallel}, random_page_cost ${settings?.random_page_cost}`);

  // ---- load
  log(`seeding ${n(options.rows)} payments…`);
  const seeded = await seedLedger(db, {
    rows: options.rows,
    onProgress: (done, total) => process.stdout.write(`\r  ${n(done)} / ${n(total)}`),
  });
  process.stdout.write("\n");
  printResult(seeded);
  const analyzeStarted = performance.now();
  await client.unsafe(options.vacuum ? "vacuum analyze" : "analyze");
  log(`${options.vacuum ? "VACUUM ANALYZE" : "ANALYZE"} in ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s`);
  const sizes = await client`
    select relname as name, pg_size_pretty(pg_table_size(oid)) as table_size, pg_size_pretty(pg_indexes_size(oid)) as index_size
    from pg_class where relname in ('payments', 'payment_daily_totals', 'payers') order by relname`;
  for (const row of sizes) log(`  ${row.name}: table ${row.table_size}, indexes ${row.index_size}`);

  // ---- parameters that look like what an admin would pick
  const now = new Date();
  const seededTotal = seeded.payments.total;
  const resourceSales = await db
    .select({ id: schema.payments.resourceId, count: sql`(count(*))::int`.mapWith(Number) })
    .from(schema.payments)
    .groupBy(schema.payments.resourceId)
    .orderBy(sql`count(*)`);
  const quietest = resourceSales[0]!;
  const busiest = resourceSales.at(-1)!;
  const [medianPayer] = await client`
    select payer, settled_count from payers order by settled_count, payer
    offset (select count(*) / 2 from payers) limit 1`;
  const payer = String(medianPayer?.payer);
  const weekFrom = new Date(now.getTime() - 37 * DAY_MS);
  const weekTo = new Date(now.getTime() - 30 * DAY_MS);

  // ---- timing
  const results: Measurement[] = [];
  async function measure(name: string, fn: () => Promise<unknown>, extra: { page?: boolean; composite?: boolean; runs?: number; note?: string } = {}) {
    for (let i = 0; i < WARMUP_RUNS; i++) await fn();
    recording = [];
    await fn();
    const statements = recording;
    recording = undefined;
    const times: number[] = [];
    for (let i = 0; i < (extra.runs ?? options.runs); i++) {
      const started = performance.now();
      await fn();
      times.push(performance.now() - started);
    }
    const result: Measurement = { name, page: extra.page ?? true, composite: extra.composite ?? false, times, statements, note: extra.note };
    results.push(result);
    return result;
  }

  log(`timing: ${WARMUP_RUNS} warm-up runs, then ${options.runs} runs each`);
  await measure("getOverviewTotals()", () => overview.getOverviewTotals(now));
  await measure("getRevenueByDay(30)", () => overview.getRevenueByDay(30, now));
  await measure("getTopResources(5)", () => overview.getTopResources(5));
  await measure(OVERVIEW_PAGE, () =>
    Promise.all([overview.getOverviewTotals(now), overview.getRevenueByDay(30, now), overview.getTopResources(5)]),
    { composite: true },
  );
  await measure("listPayments first page (50)", () => listPayments({}, { limit: 50 }));
  await measure(PAYMENTS_PAGE, () => Promise.all([listPayments({}, { limit: 50 }), listResources()]), { composite: true });

  // Page 200: walk there the way a user clicking "older" would, then time that page.
  const walkStarted = performance.now();
  let cursor = (await listPayments({}, { limit: 50 })).older;
  for (let page = 2; page < 200 && cursor; page++) cursor = (await listPayments({}, { after: cursor, limit: 50 })).older;
  const walkMs = performance.now() - walkStarted;
  const deep = cursor;
  await measure("listPayments page 200 (after cursor)", () => listPayments({}, { after: deep, limit: 50 }), {
    note: `walk of 199 pages: ${n(Math.round(walkMs))} ms, ${(walkMs / 199).toFixed(1)} ms/page`,
  });

  await measure("listPayments status=failed", () => listPayments({ status: "failed" }, { limit: 50 }));
  await measure(`listPayments resourceId=${quietest.id}`, () => listPayments({ resourceId: quietest.id }, { limit: 50 }), {
    note: `least sold resource, ${n(quietest.count)} payments`,
  });
  await measure("listPayments payer=<median payer>", () => listPayments({ payer }, { limit: 50 }), {
    note: `${payer}, ${n(Number(medianPayer?.settled_count))} settled`,
  });
  await measure("listPayments 7-day range", () => listPayments({ from: weekFrom, to: weekTo }, { limit: 50 }), {
    note: "37 to 30 days ago",
  });

  await measure("listUnsettledPayments(200) (settlement page)", () => listUnsettledPayments(200));
  const someId = Math.ceil(seededTotal / 3);
  await measure(`findPayment(${someId}) (payment detail)`, () => findPayment(someId));

  // Two filters at once, as the payments page allows: each needs one index to narrow and the
  // other to be checked row by row.
  const [heaviest] = await client`select payer, settled_count from payers order by settled_count desc, payer limit 1`;
  const heavyPayer = String(heaviest?.payer);
  await measure("listPayments payer=<heaviest> + status=failed", () => listPayments({ payer: heavyPayer, status: "failed" }, { limit: 50 }), {
    note: `extra: ${heavyPayer}, ${n(Number(heaviest?.settled_count))} settled`,
  });
  await measure(`listPayments resourceId=${quietest.id} + status=failed`, () => listPayments({ resourceId: quietest.id, status: "failed" }, { limit: 50 }), {
    note: "extra",
  });
  await measure(`listPayments resourceId=${quietest.id} + 7-day range`, () => listPayments({ resourceId: quietest.id, from: weekFrom, to: weekTo }, { limit: 50 }), {
    note: "extra",
  });

  // CSV export: the busiest resource, last 30 days, the columns of app/dashboard/(admin)/payments/export.
  const exportFilters = { resourceId: busiest.id, from: new Date(now.getTime() - 30 * DAY_MS) };
  let exported = { rows: 0, bytes: 0, slowestBatchMs: 0 };
  const stream = await measure(
    `CSV export resourceId=${busiest.id}, 30 days`,
    async () => {
      let rowCount = 0;
      let bytes = 0;
      let slowestBatchMs = 0;
      let batchStarted = performance.now();
      for await (const batch of iteratePayments(exportFilters)) {
        slowestBatchMs = Math.max(slowestBatchMs, performance.now() - batchStarted);
        for (const row of batch) {
          bytes += csvRow([
            row.id, row.createdAt, row.settledAt, row.status, row.resourcePath, row.payer, toDecimalString(row.amount),
            row.amount, row.asset, row.network, row.payTo, row.txHash, row.errorReason,
          ]).length;
        }
        rowCount += batch.length;
        batchStarted = performance.now();
      }
      exported = { rows: rowCount, bytes, slowestBatchMs: Math.max(exported.slowestBatchMs, slowestBatchMs) };
    },
    { page: false, runs: 5 },
  );
  const streamMedian = [...stream.times].sort((a, b) => a - b)[Math.floor(stream.times.length / 2)]!;
  stream.note =
    `${n(exported.rows)} rows, ${(exported.bytes / 2 ** 20).toFixed(1)} MiB, ${n(Math.round(exported.rows / (streamMedian / 1000)))} rows/s, ` +
    `${Math.ceil(exported.rows / 1000)} batches of 1,000, slowest batch ${exported.slowestBatchMs.toFixed(1)} ms`;

  // ---- server-side time of the same statements
  const explainJson = async (statement: Statement) => {
    const [row] = await client.unsafe(`explain (analyze, timing off, format json) ${statement.query}`, statement.params as never);
    const plan = (Object.values(row ?? {})[0] as Array<{ "Planning Time": number; "Execution Time": number }>)[0]!;
    return plan["Planning Time"] + plan["Execution Time"];
  };
  for (const result of results) {
    let total = 0;
    let slowestStatement = 0;
    for (const statement of result.statements) {
      const samples: number[] = [];
      for (let i = 0; i < (result.page ? EXPLAIN_RUNS : 1); i++) samples.push(await explainJson(statement));
      samples.sort((a, b) => a - b);
      const ms = samples[Math.floor(samples.length / 2)]!;
      total += ms;
      slowestStatement = Math.max(slowestStatement, ms);
    }
    result.serverMs = total;
    if (!result.page) result.note = `${result.note ?? ""}; server time per batch: ${(total / result.statements.length).toFixed(1)} ms average, ${slowestStatement.toFixed(1)} ms max`;
  }

  let slowestPlan: string | undefined;
  const slowest = results.filter((result) => result.page && !result.composite).sort((a, b) => medianMs(b) - medianMs(a))[0];
  if (options.explain && slowest) {
    const lines = [`slowest page-level query (median wall time): ${slowest.name}`];
    for (const statement of slowest.statements) {
      const plan = await client.unsafe(`explain (analyze, buffers) ${statement.query}`, statement.params as never);
      lines.push("", statement.query, `  params: ${JSON.stringify(statement.params)}`);
      for (const row of plan) lines.push(`  ${String(Object.values(row)[0])}`);
    }
    slowestPlan = lines.join("\n");
  }
  return { payments: seeded.payments.total, measurements: results, slowestPlan };
}

export const medianMs = (result: Measurement) => percentile([...result.times].sort((a, b) => a - b), 0.5);

function printReport(bench: DashboardBench, runs: number) {
  const header = ["query", "median ms", "p95 ms", "max ms", "server ms", "stmts", `< ${TARGET_MS} ms`];
  const table = bench.measurements.map((result) => {
    const sorted = [...result.times].sort((a, b) => a - b);
    const p95 = percentile(sorted, 0.95);
    return [
      result.name,
      percentile(sorted, 0.5).toFixed(2),
      p95.toFixed(2),
      sorted.at(-1)!.toFixed(2),
      result.serverMs === undefined ? "" : result.serverMs.toFixed(2),
      String(result.statements.length),
      result.page ? (p95 < TARGET_MS ? "yes" : "NO") : "",
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  console.log();
  console.log(`${n(bench.payments)} payments, ${runs} runs per query (p95 = nearest rank); "server" = planning + execution in PostgreSQL`);
  console.log(line(header));
  console.log(`|${widths.map((width, column) => (column === 0 ? "-".repeat(width + 2) : `${"-".repeat(width + 1)}:`)).join("|")}|`);
  for (const cells of table) console.log(line(cells));
  for (const result of bench.measurements) if (result.note) console.log(`  ${result.name}: ${result.note}`);
  if (bench.slowestPlan) console.log(`\n${bench.slowestPlan}`);
  const misses = table.filter((cells) => cells[6] === "NO");
  console.log(misses.length === 0 ? `\nevery page-level query is under ${TARGET_MS} ms (p95)` : `\n${misses.length} page-level queries miss the target`);
}

if (isEntryPoint(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
