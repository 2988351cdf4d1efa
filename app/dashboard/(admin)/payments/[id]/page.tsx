import { env } from "@/lib/env";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/dashboard/ActionButton";
import { BackLink } from "@/components/dashboard/BackLink";
import { Address } from "@/components/ui/Address";
import { Detail, DetailList } from "@/components/ui/DetailList";
import { Notice } from "@/components/ui/Notice";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { TxHash } from "@/components/ui/TxHash";
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

  return (
    <div className="space-y-4">
      <BackLink href="/dashboard/payments">Payments</BackLink>
      <h1 className="text-2xl font-semibold tracking-tight">Payment #{payment.id}</h1>
      {payment.errorReason && (
        <Notice tone="warning">
          <span className="font-medium">Reason:</span> {payment.errorReason}
        </Notice>
      )}
      <DetailList>
        <Detail label="Status">
          <StatusBadge status={payment.status} />
        </Detail>
        <Detail label="Resource">
          <Link className="link-button font-mono break-all" href={`/dashboard/payments?resource=${payment.resourceId}`}>
            {payment.resourcePath}
          </Link>
        </Detail>
        <Detail label="Amount">
          {formatUsdcWithSymbol(payment.amount)} ({payment.amount.toString()} atomic units)
        </Detail>
        <Detail label="Payer">
          <Address address={payment.payer} />
        </Detail>
        <Detail label="Paid to">
          <Address address={payment.payTo} />
        </Detail>
        <Detail label="Transaction">
          <TxHash hash={payment.txHash} explorerUrl={env.network.explorerUrl} full />
        </Detail>
        <Detail label="Network">{payment.network}</Detail>
        <Detail label="Asset">
          <span className="font-mono break-all">{payment.asset}</span>
        </Detail>
        <Detail label="Authorization nonce">
          <span className="font-mono break-all">{payment.nonce}</span>
        </Detail>
        <Detail label="Valid before">{formatUnixTime(payment.validBefore)}</Detail>
        <Detail label="Created">{formatDateTime(payment.createdAt)}</Detail>
        <Detail label="Settled">{payment.settledAt ? formatDateTime(payment.settledAt) : "—"}</Detail>
      </DetailList>
      {payment.status !== "settled" && (
        <ActionButton action={reconcilePaymentAction.bind(null, payment.id)} label="Reconcile with the chain" pendingLabel="Checking the chain…" />
      )}
    </div>
  );
}
