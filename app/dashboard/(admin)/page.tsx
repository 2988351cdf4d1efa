import type { Metadata } from "next";
import { Suspense } from "react";
import { RevenueChart, RevenueChartSkeleton } from "@/components/dashboard/overview/RevenueChart";
import { OverviewTiles, OverviewTilesSkeleton } from "@/components/dashboard/overview/Tiles";
import { TopResources, TopResourcesSkeleton } from "@/components/dashboard/overview/TopResources";
import { requireAdmin } from "@/lib/auth/admin";

export const metadata: Metadata = { title: "Dashboard" };

export default async function OverviewPage() {
  await requireAdmin();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
      <Suspense fallback={<OverviewTilesSkeleton />}>
        <OverviewTiles />
      </Suspense>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <Suspense fallback={<RevenueChartSkeleton />}>
          <RevenueChart />
        </Suspense>
        <Suspense fallback={<TopResourcesSkeleton />}>
          <TopResources />
        </Suspense>
      </div>
    </div>
  );
}
