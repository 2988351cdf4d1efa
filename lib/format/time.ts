/** Times and durations as pages show them (money is ./money.ts). */

/** 86_400 → "24 hours", 0 → "a single view". */
export function formatAccessWindow(seconds: number): string {
  if (seconds <= 0) return "a single view";
  const units: [number, string][] = [
    [86_400 * 7, "week"],
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  if (seconds === 86_400) return "24 hours";
  for (const [size, name] of units) {
    if (seconds % size === 0) {
      const count = seconds / size;
      return `${count} ${name}${count === 1 ? "" : "s"}`;
    }
  }
  return `${seconds} seconds`;
}

export function formatDate(date: Date): string {
  return date.toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}

/** `2026-06-15 12:30:05 UTC`; years past 9999 as toISOString writes them (`+033658-…`). */
export function formatDateTime(date: Date): string {
  return `${date.toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "")} UTC`;
}

/** The furthest a Date reaches either side of 1970 (±100,000,000 days), in seconds. */
const DATE_LIMIT_SECONDS = 8_640_000_000_000n;

/**
 * Unix seconds as formatDateTime shows them, for any bigint: a payer signs `validBefore` as an
 * arbitrary uint256, and beyond what a Date can hold (year 275760) the limit and the raw number stand in.
 */
export function formatUnixTime(seconds: bigint): string {
  if (seconds > DATE_LIMIT_SECONDS) return `after ${formatUnixTime(DATE_LIMIT_SECONDS)} (unix time ${seconds})`;
  if (seconds < -DATE_LIMIT_SECONDS) return `before ${formatUnixTime(-DATE_LIMIT_SECONDS)} (unix time ${seconds})`;
  return formatDateTime(new Date(Number(seconds) * 1000));
}
