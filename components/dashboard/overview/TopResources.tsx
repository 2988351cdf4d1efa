import Link from "next/link";
import type { ResourceRevenue } from "@/lib/db/queries/overview";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { EmptyState } from "@/components/ui/EmptyState";
import { Skeleton } from "@/components/ui/Skeleton";

/** Renders when the page's query answers: the page starts it and streams this in `<Suspense>`. */
export async function TopResources({ data }: { data: Promise<ResourceRevenue[]> }) {
  const top = await data;
  return (
    <section aria-labelledby="top-resources" className="card min-w-0 p-4">
      <h2 id="top-resources" className="font-medium">
        Top resources
      </h2>
      {top.length === 0 ? (
        <div className="mt-3">
          <EmptyState title="No sales yet">Open an article and pay with the dev wallet.</EmptyState>
        </div>
      ) : (
        <ol className="mt-3 divide-y divide-stone-100 text-sm dark:divide-stone-800">
          {top.map((resource) => (
            <li key={resource.resourceId} className="flex items-baseline justify-between gap-3 py-2">
              <Link href={`/dashboard/payments?resource=${resource.resourceId}`} className="min-w-0 truncate hover:underline">
                {resource.title}
                <span className="block truncate font-mono text-xs text-stone-600 dark:text-stone-400">{resource.path}</span>
              </Link>
              <span className="shrink-0 text-right tabular-nums">
                {formatUsdcWithSymbol(resource.revenue)}
                <span className="block text-xs text-stone-600 dark:text-stone-400">{resource.settledCount.toLocaleString("en-US")} sales</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function TopResourcesSkeleton() {
  return <Skeleton className="h-[252px]" />;
}
