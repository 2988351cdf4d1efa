import Link from "next/link";
import type { OverviewTotals } from "@/lib/db/queries/overview";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { Skeleton } from "@/components/ui/Skeleton";

function Tile({ label, value, href, tone }: { label: string; value: string; href?: string; tone?: "warn" | "bad" }) {
  const toneClass = tone === "bad" ? "text-red-700" : tone === "warn" ? "text-amber-700" : "text-stone-900";
  const body = (
    <>
      <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${toneClass}`}>{value}</dd>
    </>
  );
  return (
    <div className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      {href ? (
        <Link href={href} className="block focus-visible:outline-2 focus-visible:outline-accent-600">
          {body}
        </Link>
      ) : (
        body
      )}
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
        tone={totals.pendingCount > 0 ? "warn" : undefined}
      />
      <Tile
        label="Failed"
        value={count(totals.failedCount)}
        href="/dashboard/settlement"
        tone={totals.failedCount > 0 ? "bad" : undefined}
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
