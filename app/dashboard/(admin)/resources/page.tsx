import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/EmptyState";
import { requireAdmin } from "@/lib/auth/admin";
import { listResources } from "@/lib/db/queries/resources";
import { shortAddress } from "@/lib/format/address";
import { formatAccessWindow } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";

export const metadata: Metadata = { title: "Resources" };

export default async function ResourcesPage() {
  await requireAdmin();
  const resources = await listResources();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Resources and prices</h1>
        <Link href="/dashboard/resources/new" className="button-primary">
          New resource
        </Link>
      </div>
      {resources.length === 0 ? (
        <EmptyState title="Nothing is for sale yet">Create a resource: an API route or an article page with its price.</EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-xl border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-xs uppercase text-stone-500">
              <tr>
                <th scope="col" className="px-3 py-2">Path</th>
                <th scope="col" className="px-3 py-2">Title</th>
                <th scope="col" className="px-3 py-2 text-right">Price</th>
                <th scope="col" className="px-3 py-2">Access</th>
                <th scope="col" className="px-3 py-2">Pay to</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Edit</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {resources.map((resource) => (
                <tr key={resource.id} data-testid="resource-row" className={resource.active ? "" : "text-stone-400"}>
                  <td className="px-3 py-2">
                    <span className="font-mono text-xs">{resource.path}</span>
                    <span className="ml-2 badge bg-stone-100 text-stone-600">{resource.kind}</span>
                  </td>
                  <td className="px-3 py-2">{resource.title}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatUsdcWithSymbol(resource.price)}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {resource.accessSeconds > 0 ? formatAccessWindow(resource.accessSeconds) : "pay per request"}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs" title={resource.payTo}>
                    {shortAddress(resource.payTo)}
                  </td>
                  <td className="px-3 py-2">
                    {resource.active ? (
                      <span className="badge bg-emerald-100 text-emerald-800">for sale</span>
                    ) : (
                      <span className="badge bg-stone-100 text-stone-600">inactive</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right">
                    <Link href={`/dashboard/resources/${resource.id}`} className="link-button text-xs">
                      Edit <span className="sr-only">{resource.path}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
