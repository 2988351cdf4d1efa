import type { Metadata } from "next";
import { SignOutButton } from "@/components/dashboard/SignOutButton";
import { StatusBadge } from "@/components/dashboard/StatusBadge";
import { requireAdmin } from "@/lib/auth/admin";
import { listRecentPayments } from "@/lib/db/queries/payments";
import { listResources } from "@/lib/db/queries/resources";
import { env } from "@/lib/env";
import { formatAccessWindow, formatDateTime, shortAddress } from "@/lib/format";
import { formatUsdcWithSymbol } from "@/lib/money";
import { explorerTxUrl } from "@/lib/networks";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

function TxHash({ hash }: { hash: string | null }) {
  if (!hash) return <span className="text-stone-400">—</span>;
  const url = explorerTxUrl(env.network, hash);
  return url ? (
    <a className="font-mono underline" href={url} title={hash}>
      {shortAddress(hash)}
    </a>
  ) : (
    <span className="font-mono" title={hash}>
      {shortAddress(hash)}
    </span>
  );
}

export default async function DashboardPage() {
  const admin = await requireAdmin();
  const [payments, resources] = await Promise.all([listRecentPayments({ limit: 50 }), listResources()]);
  const settled = payments.filter((payment) => payment.status === "settled");
  const revenue = settled.reduce((sum, payment) => sum + payment.amount, 0n);

  return (
    <div className="space-y-10">
      <header className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Dashboard</h1>
          <p className="mt-1 text-sm text-stone-600">
            Signed in as <span className="font-mono">{shortAddress(admin.address)}</span> · {env.network.label}
          </p>
        </div>
        <SignOutButton />
      </header>

      <section aria-labelledby="payments-title" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="payments-title" className="text-xl font-semibold">
            Recent payments
          </h2>
          <p className="text-sm text-stone-600">
            {settled.length} settled · {formatUsdcWithSymbol(revenue)}
          </p>
        </div>
        {payments.length === 0 ? (
          <p className="rounded-xl border border-dashed border-stone-300 p-6 text-center text-sm text-stone-600">
            No payments yet — open an article and pay with the dev wallet.
          </p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-stone-50 text-xs uppercase text-stone-500">
                <tr>
                  <th scope="col" className="px-3 py-2">Time</th>
                  <th scope="col" className="px-3 py-2">Resource</th>
                  <th scope="col" className="px-3 py-2">Payer</th>
                  <th scope="col" className="px-3 py-2 text-right">Amount</th>
                  <th scope="col" className="px-3 py-2">Status</th>
                  <th scope="col" className="px-3 py-2">Transaction</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {payments.map((payment) => (
                  <tr key={payment.id} data-testid="payment-row">
                    <td className="whitespace-nowrap px-3 py-2 text-stone-600">{formatDateTime(payment.createdAt)}</td>
                    <td className="px-3 py-2">{payment.resourcePath}</td>
                    <td className="px-3 py-2 font-mono" title={payment.payer}>
                      {shortAddress(payment.payer)}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right">{formatUsdcWithSymbol(payment.amount)}</td>
                    <td className="px-3 py-2">
                      <StatusBadge status={payment.status} />
                    </td>
                    <td className="px-3 py-2">
                      <TxHash hash={payment.txHash} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="resources-title" className="space-y-3">
        <h2 id="resources-title" className="text-xl font-semibold">
          Resources and prices
        </h2>
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-xs uppercase text-stone-500">
              <tr>
                <th scope="col" className="px-3 py-2">Path</th>
                <th scope="col" className="px-3 py-2">Kind</th>
                <th scope="col" className="px-3 py-2">Title</th>
                <th scope="col" className="px-3 py-2 text-right">Price</th>
                <th scope="col" className="px-3 py-2">Access</th>
                <th scope="col" className="px-3 py-2">Active</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {resources.map((resource) => (
                <tr key={resource.id}>
                  <td className="px-3 py-2 font-mono">{resource.path}</td>
                  <td className="px-3 py-2">{resource.kind}</td>
                  <td className="px-3 py-2">{resource.title}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">{formatUsdcWithSymbol(resource.price)}</td>
                  <td className="px-3 py-2">
                    {resource.accessSeconds > 0 ? formatAccessWindow(resource.accessSeconds) : "pay per request"}
                  </td>
                  <td className="px-3 py-2">{resource.active ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
