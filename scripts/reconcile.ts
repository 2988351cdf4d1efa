/**
 * `npm run reconcile`: settles the ledger's open questions against the chain — every `pending`
 * payment that no request is settling any more becomes `settled` (with its transaction), `failed`
 * (it can never settle: expired, canceled, or it paid something else), or stays `pending` with
 * the reason. Run it from a cron (every few minutes) and after any facilitator or RPC outage.
 * Each RPC call waits at most FACILITATOR_TIMEOUT_MS, once. Payments still inside the in-flight
 * window (a request may be settling them, or crashed doing so) are counted and left for a later run.
 * Exits 1 when the chain could not be asked about some payment (they are left as they were).
 */
async function reconcileLedger() {
  const { env } = await import("../lib/env");
  const { closeDb } = await import("../lib/db/client");
  const { describeReconcileRun, runReconcileJob } = await import("../lib/x402/reconcile-job");
  try {
    const run = await runReconcileJob({
      rpcUrl: env.rpcUrl,
      network: env.network,
      timeoutMs: env.facilitator.timeoutMs,
      onPayment: ({ id, outcome }) =>
        console.log(`payment ${id}: ${outcome.status}${"txHash" in outcome ? ` in ${outcome.txHash}` : ` (${outcome.reason})`}`),
    });
    console.log(describeReconcileRun(run));
    if (run.payments.some((result) => result.outcome.status === "error")) process.exitCode = 1;
  } finally {
    await closeDb();
  }
}

reconcileLedger().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
