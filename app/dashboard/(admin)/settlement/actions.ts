"use server";

import { revalidatePath } from "next/cache";
import { currentAdmin } from "@/lib/auth/admin";
import { findPayment } from "@/lib/db/queries/payments";
import { env } from "@/lib/env";
import { reconcileAndRecord } from "@/lib/x402/reconcile-job";

/** Asks the chain what became of a pending or failed payment and records the answer. */
export async function reconcilePaymentAction(paymentId: number): Promise<{ ok: boolean; message: string }> {
  const admin = await currentAdmin();
  if (!admin) return { ok: false, message: "Your session has ended. Sign in again." };
  const payment = await findPayment(paymentId);
  if (!payment) return { ok: false, message: "No such payment." };
  if (payment.status === "settled") return { ok: true, message: "Already settled." };

  const result = await reconcileAndRecord(payment, admin.address, {
    rpcUrl: env.rpcUrl,
    network: env.network,
    timeoutMs: env.facilitator.timeoutMs,
  });
  switch (result.status) {
    case "in-flight":
      return { ok: false, message: "This payment is being settled right now; try again in a minute." };
    case "error":
      return { ok: false, message: `The chain could not be read; nothing changed. (${result.reason})` };
    case "settled":
      revalidatePath("/dashboard", "layout");
      return { ok: true, message: `Settled on chain in ${result.txHash}.` };
    default:
      revalidatePath("/dashboard", "layout");
      return { ok: true, message: `${result.status === "failed" ? "Failed" : "Still pending"}: ${result.reason}` };
  }
}
