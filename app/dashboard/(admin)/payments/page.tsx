import { env } from "@/lib/env";
import type { Metadata } from "next";
import Link from "next/link";
import { PaymentFilters } from "@/components/dashboard/PaymentFilters";
import { Address } from "@/components/ui/Address";
import { EmptyState } from "@/components/ui/EmptyState";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { Table } from "@/components/ui/Table";
import { TxHash } from "@/components/ui/TxHash";
import { requireAdmin } from "@/lib/auth/admin";
import { encodeCursor } from "@/lib/db/cursor";
import { listPayments } from "@/lib/db/queries/payments";
import { listResources } from "@/lib/db/queries/resources";
import { formatDateTime } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { parsePaymentQuery, paymentFilterQuery } from "@/lib/dashboard/payment-filters";

export const metadata: Metadata = { title: "Payments" };

const PAGE_SIZE = 50;

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const raw = await searchParams;
  const query = parsePaymentQuery(raw);
  const [page, resources] = await Promise.all([
    listPayments(query.filters, { after: query.after, before: query.before, limit: PAGE_SIZE }),
    listResources(),
  ]);
  const filterQuery = paymentFilterQuery(query.filters);
  const link = (cursor: "after" | "before", value: Parameters<typeof encodeCursor>[0]) => {
    const params = new URLSearchParams(filterQuery);
    params.set(cursor, encodeCursor(value));
    return `/dashboard/payments?${params}`;
  };
  const filtered = filterQuery.size > 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Payments</h1>
        <a href={`/dashboard/payments/export?${filterQuery}`} className="button-secondary" download>
          Download CSV{filtered ? " (filtered)" : ""}
        </a>
      </div>
      <PaymentFilters raw={raw} errors={query.errors} resources={resources} />

      {page.rows.length === 0 ? (
        <EmptyState title={filtered ? "No payments match these filters" : "No payments yet"}>
          {filtered ? "Try a wider date range or another status." : "Open an article and pay with the dev wallet."}
        </EmptyState>
      ) : (
        <Table
          label="Payments, newest first"
          rows={page.rows}
          rowKey={(payment) => payment.id}
          rowTestId="payment-row"
          columns={[
            // UTC, like the filters above and the CSV: one clock for the whole ledger.
            { header: "Time", className: "whitespace-nowrap", cell: (payment) => formatDateTime(payment.createdAt) },
            {
              header: "Resource",
              phone: "title",
              cell: (payment) => <span className="font-mono text-xs break-words">{payment.resourcePath}</span>,
            },
            { header: "Amount", numeric: true, phone: "key", cell: (payment) => formatUsdcWithSymbol(payment.amount) },
            { header: "Status", phone: "key", cell: (payment) => <StatusBadge status={payment.status} /> },
            { header: "Payer", cell: (payment) => <Address address={payment.payer} /> },
            { header: "Transaction", cell: (payment) => <TxHash hash={payment.txHash} explorerUrl={env.network.explorerUrl} /> },
            {
              header: "Details",
              hideHeader: true,
              phone: "end",
              className: "text-right",
              cell: (payment) => (
                <Link href={`/dashboard/payments/${payment.id}`} className="link-button text-xs">
                  Details <span className="sr-only">of payment #{payment.id}</span>
                </Link>
              ),
            },
          ]}
        />
      )}

      <nav aria-label="Pages" className="flex justify-between text-sm">
        {page.newer ? (
          <Link href={link("before", page.newer)} className="link-button" rel="prev">
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        {page.older && (
          <Link href={link("after", page.older)} className="link-button" rel="next">
            Older →
          </Link>
        )}
      </nav>
    </div>
  );
}
