import { env } from "@/lib/env";
import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/dashboard/ActionButton";
import { Address } from "@/components/ui/Address";
import { EmptyState } from "@/components/ui/EmptyState";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { TxHash } from "@/components/ui/TxHash";
import { requireAdmin } from "@/lib/auth/admin";
import { listUnsettledPayments } from "@/lib/db/queries/payments";
import { formatDateTime } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { reconcilePaymentAction } from "./actions";

export const metadata: Metadata = { title: "Settlement" };

export default async function SettlementPage() {
  await requireAdmin();
  const payments = await listUnsettledPayments();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Settlement health</h1>
      <p className="max-w-3xl text-sm text-stone-600 dark:text-stone-400">
        A payment stays <strong>pending</strong> when the facilitator timed out or the chain did not confirm in time: the
        reader got no content, but the authorization may still have been submitted. <strong>Reconcile</strong> asks the
        chain what happened and records the truth.
      </p>
      {payments.length === 0 ? (
        <EmptyState title="All payments are settled">Nothing is pending or failed.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {payments.map((payment) => (
            <li key={payment.id} data-testid="unsettled-payment" className="card space-y-2 p-4 text-sm">
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <StatusBadge status={payment.status} />
                <Link href={`/dashboard/payments/${payment.id}`} className="link-button">
                  Payment #{payment.id}
                </Link>
                <span className="font-mono text-xs break-words">{payment.resourcePath}</span>
                <span className="tabular-nums">{formatUsdcWithSymbol(payment.amount)}</span>
                <Address address={payment.payer} />
                <span className="text-stone-600 dark:text-stone-400">{formatDateTime(payment.createdAt)}</span>
              </p>
              <p className="text-stone-700 dark:text-stone-300">
                <span className="text-stone-600 dark:text-stone-400">Reason:</span> {payment.errorReason ?? "none recorded"}
                {payment.txHash && (
                  <>
                    {" "}
                    · <span className="text-stone-600 dark:text-stone-400">tx</span> <TxHash hash={payment.txHash} explorerUrl={env.network.explorerUrl} />
                  </>
                )}
              </p>
              <ActionButton action={reconcilePaymentAction.bind(null, payment.id)} label="Reconcile" pendingLabel="Checking the chain…" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
