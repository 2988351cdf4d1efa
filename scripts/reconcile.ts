/**
 * `npm run reconcile`: settles the ledger's open questions against the chain — every `pending`
 * payment that no request is settling any more becomes `settled` (with its transaction), `failed`
 * (it can never settle: expired, canceled, or it paid something else), or stays `pending` with
 * the reason. Run it from a cron (every few minutes) and after any facilitator or RPC outage.
 * Exits 1 when the chain could not be asked about some payment (they are left as they were).
 */
async function reconcileLedger() {
  const { env } = await import("../lib/env");
  const { closeDb } = await import("../lib/db/client");
  const { runReconcileJob } = await import("../lib/x402/reconcile-job");
  try {
    const results = await runReconcileJob({
      rpcUrl: env.rpcUrl,
      network: env.network,
      onPayment: ({ id, outcome }) =>
        console.log(`payment ${id}: ${outcome.status}${"txHash" in outcome ? ` in ${outcome.txHash}` : ` (${outcome.reason})`}`),
    });
    const count = (status: string) => results.filter((result) => result.outcome.status === status).length;
    console.log(
      results.length === 0
        ? "nothing to reconcile: no pending payment is waiting for an answer"
        : `reconciled ${results.length} pending payment(s): ${count("settled")} settled, ${count("failed")} failed, ` +
            `${count("pending")} still pending, ${count("error")} not checked (the chain could not be read)`,
    );
    if (count("error") > 0) process.exitCode = 1;
  } finally {
    await closeDb();
  }
}

reconcileLedger().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
