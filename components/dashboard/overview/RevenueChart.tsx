import type { DailyRevenue } from "@/lib/db/queries/overview";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { Skeleton } from "@/components/ui/Skeleton";

const WIDTH = 600;
const HEIGHT = 160;
const GAP = 2;

/**
 * Settled revenue per UTC day for the last 30 days: an SVG bar chart, with the numbers in a table
 * for screen readers. Renders when the page's query answers: the page starts it and streams this in `<Suspense>`.
 */
export async function RevenueChart({ data }: { data: Promise<DailyRevenue[]> }) {
  const days = await data;
  const max = days.reduce((top, day) => (day.revenue > top ? day.revenue : top), 0n);
  const total = days.reduce((sum, day) => sum + day.revenue, 0n);
  const barWidth = WIDTH / days.length - GAP;
  const first = days[0]?.day ?? "";
  const last = days.at(-1)?.day ?? "";

  return (
    <figure className="card min-w-0 p-4">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="font-medium">Revenue per day</span>
        <span className="text-sm text-stone-600 dark:text-stone-400">
          {formatUsdcWithSymbol(total)} in 30 days · peak {formatUsdcWithSymbol(max)}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="mt-3 h-40 w-full"
        role="img"
        aria-label={`Settled revenue per day from ${first} to ${last}`}
        preserveAspectRatio="none"
        data-testid="revenue-chart"
      >
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="stroke-stone-300 dark:stroke-stone-700" />
        {days.map((day, index) => {
          // Scale in bigint: amounts are integers and can exceed 2^53.
          const height = max > 0n ? Number((day.revenue * BigInt(HEIGHT - 4)) / max) : 0;
          return (
            <rect
              key={day.day}
              x={index * (barWidth + GAP)}
              y={HEIGHT - Math.max(height, day.revenue > 0n ? 2 : 0)}
              width={barWidth}
              height={Math.max(height, day.revenue > 0n ? 2 : 0)}
              rx="1.5"
              className="fill-accent-600 dark:fill-accent-300"
              data-day={day.day}
              data-revenue={day.revenue.toString()}
            >
              <title>{`${day.day}: ${formatUsdcWithSymbol(day.revenue)} (${day.settledCount} payments)`}</title>
            </rect>
          );
        })}
      </svg>
      <div className="mt-1 flex justify-between text-xs text-stone-600 dark:text-stone-400" aria-hidden="true">
        <span>{first}</span>
        <span>{last} (UTC)</span>
      </div>
      {/* sr-only on a wrapper: a table cannot shrink below its content, so it would widen the page. */}
      <div className="sr-only">
        <table>
          <caption>Settled revenue per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Revenue</th>
              <th scope="col">Payments</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <td>{day.day}</td>
                <td>{formatUsdcWithSymbol(day.revenue)}</td>
                <td>{day.settledCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export function RevenueChartSkeleton() {
  return <Skeleton className="h-[252px]" />;
}
