/**
 * The reconcile job (`npm run reconcile`, from a cron or after an outage): asks the chain about
 * every `pending` payment no request is settling any more, and records what it says — the same
 * judgement as the dashboard's Reconcile button, for the whole ledger at once, audited as
 * RECONCILE_JOB_ACTOR. It also rechecks recently `failed` payments: their signed authorization is
 * a bearer instrument anyone may still submit, so the chain can show them settled after all (only
 * that changes them). A payment the chain can't be asked about stays as it was and is reported.
 */
import "server-only";
import { listPaymentsToReconcile, resolvePayment } from "@/lib/db/queries/payments";
import type { NetworkConfig } from "@/lib/networks";
import { reconcilePayment, type ReconcileOutcome } from "./reconcile";

export const RECONCILE_JOB_ACTOR = "reconcile-job";
const BATCH_SIZE = 100;

export interface ReconciledPayment {
  id: number;
  outcome: ReconcileOutcome | { status: "error"; reason: string };
}

export interface ReconcileJobOptions {
  rpcUrl: string;
  network: NetworkConfig;
  /** Called after each payment, e.g. to print progress. */
  onPayment?: (result: ReconciledPayment) => void;
}

export async function runReconcileJob({ rpcUrl, network, onPayment }: ReconcileJobOptions): Promise<ReconciledPayment[]> {
  const results: ReconciledPayment[] = [];
  // Walks by id, so a row that stays pending is visited once per run.
  for (let afterId = 0; ; ) {
    const batch = await listPaymentsToReconcile(afterId, BATCH_SIZE);
    for (const payment of batch) {
      let result: ReconciledPayment;
      try {
        const outcome = await reconcilePayment(payment, { rpcUrl, network });
        if (payment.status === "failed" && outcome.status !== "settled") {
          result = { id: payment.id, outcome: { status: "failed", reason: payment.errorReason ?? outcome.reason } };
        } else {
          await resolvePayment(payment.id, outcome, RECONCILE_JOB_ACTOR);
          result = { id: payment.id, outcome };
        }
      } catch (error) {
        result = { id: payment.id, outcome: { status: "error", reason: error instanceof Error ? error.message.split("\n")[0]! : String(error) } };
      }
      results.push(result);
      onPayment?.(result);
    }
    if (batch.length < BATCH_SIZE) return results;
    afterId = batch.at(-1)!.id;
  }
}
