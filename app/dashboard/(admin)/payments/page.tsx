import { env } from "@/lib/env";
import type { Metadata } from "next";
import Link from "next/link";
import { Address } from "@/components/dashboard/Address";
import { PaymentFilters } from "@/components/dashboard/PaymentFilters";
import { StatusBadge } from "@/components/dashboard/StatusBadge";
import { TxHash } from "@/components/dashboard/TxHash";
import { EmptyState } from "@/components/ui/EmptyState";
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
        <div className="relative overflow-x-auto rounded-xl border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-xs uppercase text-stone-500">
              <tr>
                <th scope="col" className="px-3 py-2">Time (UTC)</th>
                <th scope="col" className="px-3 py-2">Resource</th>
                <th scope="col" className="px-3 py-2">Payer</th>
                <th scope="col" className="px-3 py-2 text-right">Amount</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Transaction</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Details</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {page.rows.map((payment) => (
                <tr key={payment.id} data-testid="payment-row">
                  <td className="whitespace-nowrap px-3 py-2 text-stone-600">{formatDateTime(payment.createdAt)}</td>
                  <td className="px-3 py-2">
                    <span className="font-mono text-xs">{payment.resourcePath}</span>
                  </td>
                  <td className="px-3 py-2">
                    <Address address={payment.payer} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatUsdcWithSymbol(payment.amount)}</td>
                  <td className="px-3 py-2">
                    <StatusBadge status={payment.status} />
                  </td>
                  <td className="px-3 py-2">
                    <TxHash hash={payment.txHash} explorerUrl={env.network.explorerUrl} />
                  </td>
                  <td className="px-3 py-2 text-right">
                    <Link href={`/dashboard/payments/${payment.id}`} className="link-button text-xs">
                      Details
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
