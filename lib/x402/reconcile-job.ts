/**
 * The reconcile job (`npm run reconcile`, from a cron or after an outage): asks the chain about
 * every `pending` payment no request is settling any more, and records what it says — the same
 * judgement as the dashboard's Reconcile button (reconcileAndRecord), for the whole ledger at once,
 * audited as RECONCILE_JOB_ACTOR. It also rechecks recently `failed` payments: their signed
 * authorization is a bearer instrument anyone may still submit, so the chain can show them settled
 * after all (only that changes them). A payment the chain can't be asked about stays as it was and
 * is reported.
 */
import "server-only";
import { countPaymentsInFlight, IN_FLIGHT_MS, isSettlementInFlight, listPaymentsToReconcile, resolvePayment } from "@/lib/db/queries/payments";
import { SYSTEM_ACTORS, type Payment } from "@/lib/db/schema";
import { reconcilePayment, type ReconcileOptions, type ReconcileOutcome } from "./reconcile";

export const RECONCILE_JOB_ACTOR = SYSTEM_ACTORS.reconcileJob;
const BATCH_SIZE = 100;

export type ReconcileResult =
  | ReconcileOutcome
  /** Left alone: a request is settling it. */
  | { status: "in-flight"; reason: string }
  /** Left as it was: the chain could not be read. */
  | { status: "error"; reason: string };

const IN_FLIGHT: ReconcileResult = { status: "in-flight", reason: "a request is settling it right now; try again in a minute" };

/**
 * Asks the chain about one payment that is not settled and records the answer, as far as money
 * state may move (see resolvePayment): a failed payment stays failed, with its reason, unless the
 * chain shows it settled.
 */
export async function reconcileAndRecord(payment: Payment, actor: string, options: ReconcileOptions): Promise<ReconcileResult> {
  if (isSettlementInFlight(payment)) return IN_FLIGHT;
  let outcome: ReconcileOutcome;
  try {
    outcome = await reconcilePayment(payment, options);
  } catch (error) {
    return { status: "error", reason: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  }
  if (await resolvePayment(payment.id, outcome, actor)) return outcome;
  // Not recorded: a failed payment the chain does not show settled, or a request took it up since it was read.
  if (payment.status !== "failed") return IN_FLIGHT;
  return { status: "failed", reason: payment.errorReason ?? "the chain does not show it settled" };
}

export interface ReconciledPayment {
  id: number;
  outcome: ReconcileResult;
}

export interface ReconcileRun {
  payments: ReconciledPayment[];
  /** Pending payments left to the requests settling them (checked once they are older than IN_FLIGHT_MS). */
  inFlight: number;
}

export interface ReconcileJobOptions {
  rpcUrl: string;
  network: ReconcileOptions["network"];
  /** How long each RPC call may wait (the app passes FACILITATOR_TIMEOUT_MS). */
  timeoutMs: number;
  /** Called after each payment, e.g. to print progress. */
  onPayment?: (result: ReconciledPayment) => void;
}

export async function runReconcileJob({ onPayment, ...options }: ReconcileJobOptions): Promise<ReconcileRun> {
  const results: ReconciledPayment[] = [];
  // Walks by id, so a row that stays pending is visited once per run.
  for (let afterId = 0; ; ) {
    const batch = await listPaymentsToReconcile(afterId, BATCH_SIZE);
    for (const payment of batch) {
      const result = { id: payment.id, outcome: await reconcileAndRecord(payment, RECONCILE_JOB_ACTOR, options) };
      results.push(result);
      onPayment?.(result);
    }
    if (batch.length < BATCH_SIZE) return { payments: results, inFlight: await countPaymentsInFlight() };
    afterId = batch.at(-1)!.id;
  }
}

/** One line on a run, for people: `npm run reconcile` ends with it. */
export function describeReconcileRun({ payments, inFlight }: ReconcileRun): string {
  const count = (status: ReconcileResult["status"]) => payments.filter((result) => result.outcome.status === status).length;
  const waiting = inFlight + count("in-flight");
  const window = `${IN_FLIGHT_MS / 1000} s in-flight window`;
  const later =
    waiting === 1
      ? `1 pending payment is still inside the ${window} (it is checked once it is older)`
      : `${waiting} pending payments are still inside the ${window} (they are checked once they are older)`;
  if (payments.length === 0) {
    return waiting === 0 ? "nothing to reconcile: no pending payment is waiting for an answer" : `nothing to reconcile yet: ${later}`;
  }
  const summary =
    `reconciled ${payments.length} payment(s): ${count("settled")} settled, ${count("failed")} failed, ` +
    `${count("pending")} still pending, ${count("error")} not checked (the chain could not be read)`;
  return waiting === 0 ? summary : `${summary}; ${later}`;
}
