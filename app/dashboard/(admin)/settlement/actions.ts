"use server";

import { revalidatePath } from "next/cache";
import { currentAdmin } from "@/lib/auth/admin";
import { findPayment, resolvePayment } from "@/lib/db/queries/payments";
import { env } from "@/lib/env";
import { reconcilePayment } from "@/lib/x402/reconcile";

/** Asks the chain what became of a pending or failed payment and records the answer. */
export async function reconcilePaymentAction(paymentId: number): Promise<{ ok: boolean; message: string }> {
  const admin = await currentAdmin();
  if (!admin) return { ok: false, message: "Your session has ended. Sign in again." };
  const payment = await findPayment(paymentId);
  if (!payment) return { ok: false, message: "No such payment." };
  if (payment.status === "settled") return { ok: true, message: "Already settled." };

  let outcome: Awaited<ReturnType<typeof reconcilePayment>>;
  try {
    outcome = await reconcilePayment(payment, { rpcUrl: env.rpcUrl, network: env.network });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { ok: false, message: `The chain could not be read; nothing changed. (${reason})` };
  }
  await resolvePayment(paymentId, outcome, admin.address);
  revalidatePath("/dashboard", "layout");
  return outcome.status === "settled"
    ? { ok: true, message: `Settled on chain in ${outcome.txHash}.` }
    : { ok: true, message: `${outcome.status === "failed" ? "Failed" : "Still pending"}: ${outcome.reason}` };
}
