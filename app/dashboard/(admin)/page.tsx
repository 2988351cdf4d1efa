import type { Metadata } from "next";
import { Suspense } from "react";
import { RevenueChart, RevenueChartSkeleton } from "@/components/dashboard/overview/RevenueChart";
import { OverviewTiles, OverviewTilesSkeleton } from "@/components/dashboard/overview/Tiles";
import { TopResources, TopResourcesSkeleton } from "@/components/dashboard/overview/TopResources";
import { requireAdmin } from "@/lib/auth/admin";
import { getOverviewTotals, getRevenueByDay, getTopResources } from "@/lib/db/queries/overview";

export const metadata: Metadata = { title: "Dashboard" };

export default async function OverviewPage() {
  await requireAdmin();
  // Started together, each widget streams in as its own query answers.
  const [totals, revenue, top] = [getOverviewTotals(), getRevenueByDay(30), getTopResources(5)];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
      <Suspense fallback={<OverviewTilesSkeleton />}>
        <OverviewTiles data={totals} />
      </Suspense>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[2fr_1fr]">
        <Suspense fallback={<RevenueChartSkeleton />}>
          <RevenueChart data={revenue} />
        </Suspense>
        <Suspense fallback={<TopResourcesSkeleton />}>
          <TopResources data={top} />
        </Suspense>
      </div>
    </div>
  );
}
