/**
 * What `npm run bench` adds to the demo content (scripts/dev.ts seeds it when BENCH_ROUTES is on):
 * /api/insights' content sold with an access window, so that the bench can time re-reads with a
 * grant cookie (bench/routes.ts, `window`).
 */
export const BENCH_RESOURCES = [
  {
    kind: "api",
    path: "/api/bench/window",
    title: "Insight with an access window (bench)",
    description: "A JSON insight about paid APIs; one payment reads it for an hour",
    price: 2_000n,
    accessSeconds: 3_600,
    mimeType: "application/json",
  },
] as const;
