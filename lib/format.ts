/** Display helpers shared by pages (no money here: see ./money.ts). */

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

export function formatDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** `0x70997970C51812dc3A010C7d01b50e0d17dc79C8` → `0x7099…79C8`. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
