import { env } from "@/lib/env";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Address } from "@/components/dashboard/Address";
import { ActionButton } from "@/components/dashboard/ActionButton";
import { StatusBadge } from "@/components/dashboard/StatusBadge";
import { TxHash } from "@/components/dashboard/TxHash";
import { requireAdmin } from "@/lib/auth/admin";
import { findPayment } from "@/lib/db/queries/payments";
import { formatDateTime, formatUnixTime } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { reconcilePaymentAction } from "../../settlement/actions";

export const metadata: Metadata = { title: "Payment" };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  const payment = /^\d{1,15}$/.test(id) ? await findPayment(Number(id)) : undefined;
  if (!payment) notFound();

  const rows: [string, React.ReactNode][] = [
    ["Status", <StatusBadge key="status" status={payment.status} />],
    ["Resource", <Link key="resource" className="link-button font-mono" href={`/dashboard/payments?resource=${payment.resourceId}`}>{payment.resourcePath}</Link>],
    ["Amount", `${formatUsdcWithSymbol(payment.amount)} (${payment.amount} atomic units)`],
    ["Payer", <Address key="payer" address={payment.payer} />],
    ["Paid to", <Address key="payTo" address={payment.payTo} />],
    ["Transaction", <TxHash key="tx" hash={payment.txHash} explorerUrl={env.network.explorerUrl} full />],
    ["Network", payment.network],
    ["Asset", <span key="asset" className="font-mono break-all">{payment.asset}</span>],
    ["Authorization nonce", <span key="nonce" className="font-mono break-all">{payment.nonce}</span>],
    ["Valid before", formatUnixTime(payment.validBefore)],
    ["Created", formatDateTime(payment.createdAt)],
    ["Settled", payment.settledAt ? formatDateTime(payment.settledAt) : "—"],
  ];

  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href="/dashboard/payments" className="link-button">
          ← Payments
        </Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">Payment #{payment.id}</h1>
      {payment.errorReason && (
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <span className="font-medium">Reason:</span> {payment.errorReason}
        </p>
      )}
      <dl className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 px-4 py-2 sm:grid-cols-[12rem_1fr]">
            <dt className="text-stone-500">{label}</dt>
            <dd className="min-w-0">{value}</dd>
          </div>
        ))}
      </dl>
      {payment.status !== "settled" && (
        <ActionButton action={reconcilePaymentAction.bind(null, payment.id)} label="Reconcile with the chain" pendingLabel="Checking the chain…" />
      )}
    </div>
  );
}
