import { env } from "@/lib/env";
import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/dashboard/ActionButton";
import { Address } from "@/components/dashboard/Address";
import { StatusBadge } from "@/components/dashboard/StatusBadge";
import { TxHash } from "@/components/dashboard/TxHash";
import { EmptyState } from "@/components/ui/EmptyState";
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
      <p className="max-w-3xl text-sm text-stone-600">
        A payment stays <strong>pending</strong> when the facilitator timed out or the chain did not confirm in time: the
        reader got no content, but the authorization may still have been submitted. <strong>Reconcile</strong> asks the
        chain what happened and records the truth.
      </p>
      {payments.length === 0 ? (
        <EmptyState title="All payments are settled">Nothing is pending or failed.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {payments.map((payment) => (
            <li key={payment.id} data-testid="unsettled-payment" className="space-y-2 rounded-xl border border-stone-200 bg-white p-4 text-sm">
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <StatusBadge status={payment.status} />
                <Link href={`/dashboard/payments/${payment.id}`} className="link-button">
                  Payment #{payment.id}
                </Link>
                <span className="font-mono text-xs">{payment.resourcePath}</span>
                <span className="tabular-nums">{formatUsdcWithSymbol(payment.amount)}</span>
                <Address address={payment.payer} />
                <span className="text-stone-500">{formatDateTime(payment.createdAt)}</span>
              </p>
              <p className="text-stone-700">
                <span className="text-stone-500">Reason:</span> {payment.errorReason ?? "none recorded"}
                {payment.txHash && (
                  <>
                    {" "}
                    · <span className="text-stone-500">tx</span> <TxHash hash={payment.txHash} explorerUrl={env.network.explorerUrl} />
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
