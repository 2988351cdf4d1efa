import Link from "next/link";
import type { OverviewTotals } from "@/lib/db/queries/overview";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { Skeleton } from "@/components/ui/Skeleton";
import { TEXT_TONES } from "@/components/ui/tone";

function Tile({ label, value, href, tone }: { label: string; value: string; href?: string; tone?: "warning" | "danger" }) {
  return (
    <div className="card relative min-w-0 p-3 sm:p-4">
      <dt className="text-xs font-medium tracking-wide text-stone-600 uppercase dark:text-stone-400">
        {href ? (
          // The link's box covers the whole tile (a <dl> may not hold links around its terms); the ring goes there too.
          <Link
            href={href}
            className="after:absolute after:inset-0 after:rounded-xl hover:underline focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-accent-600 dark:focus-visible:after:outline-accent-300"
          >
            {label}
          </Link>
        ) : (
          label
        )}
      </dt>
      {/* Long amounts step down a size rather than wrap the unit onto its own line. */}
      <dd className={`mt-1 text-xl font-semibold tabular-nums break-words sm:text-2xl ${tone ? TEXT_TONES[tone] : ""}`}>{value}</dd>
    </div>
  );
}

/** Renders when the page's query answers: the page starts it and streams this in `<Suspense>`. */
export async function OverviewTiles({ data }: { data: Promise<OverviewTotals> }) {
  const totals = await data;
  const count = (n: number) => n.toLocaleString("en-US");
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="overview-tiles">
      <Tile label="Revenue today" value={formatUsdcWithSymbol(totals.revenueToday)} />
      <Tile label="Last 7 days" value={formatUsdcWithSymbol(totals.revenue7d)} />
      <Tile label="Last 30 days" value={formatUsdcWithSymbol(totals.revenue30d)} />
      <Tile label="All time" value={formatUsdcWithSymbol(totals.revenueAllTime)} />
      <Tile label="Settled payments" value={count(totals.settledCount)} href="/dashboard/payments?status=settled" />
      <Tile label="Unique payers" value={count(totals.uniquePayers)} />
      <Tile
        label="Pending"
        value={count(totals.pendingCount)}
        href="/dashboard/settlement"
        tone={totals.pendingCount > 0 ? "warning" : undefined}
      />
      <Tile
        label="Failed"
        value={count(totals.failedCount)}
        href="/dashboard/settlement"
        tone={totals.failedCount > 0 ? "danger" : undefined}
      />
    </dl>
  );
}

export function OverviewTilesSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {Array.from({ length: 8 }, (_, index) => (
        <Skeleton key={index} className="h-[86px]" />
      ))}
    </div>
  );
}
