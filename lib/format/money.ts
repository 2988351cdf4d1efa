/**
 * USDC amounts. Money is an integer of atomic units (1 USDC = 1_000_000) everywhere; these helpers
 * are the only place decimals appear, for display and for what people type.
 */
export const USDC_DECIMALS = 6;
const UNIT = 10n ** BigInt(USDC_DECIMALS);

/** Made once: `toLocaleString` builds a formatter on every call, which shows in every 402's message. */
const groupedInteger = new Intl.NumberFormat("en-US");

/** `10000n` → `"0.01"`: the shortest exact decimal, at least two places (like a price tag). */
export function formatUsdc(atomic: bigint): string {
  const negative = atomic < 0n;
  const abs = negative ? -atomic : atomic;
  const whole = abs / UNIT;
  const fraction = (abs % UNIT).toString().padStart(USDC_DECIMALS, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${negative ? "-" : ""}${groupedInteger.format(whole)}.${fraction}`;
}

/** `10000n` → `"0.01 USDC"`. */
export function formatUsdcWithSymbol(atomic: bigint): string {
  return `${formatUsdc(atomic)} USDC`;
}

/** Plain decimal string for machines (no grouping): `1234500000n` → `"1234.5"`. */
export function toDecimalString(atomic: bigint): string {
  const negative = atomic < 0n;
  const abs = negative ? -atomic : atomic;
  const fraction = (abs % UNIT).toString().padStart(USDC_DECIMALS, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${abs / UNIT}${fraction ? `.${fraction}` : ""}`;
}

export class AmountError extends Error {
  override name = "AmountError";
}

/**
 * Parses what a person typed (`"0.05"`, `"1"`, `"2.5"`) into atomic units. Rejects more than six
 * decimals instead of rounding: a price is never silently changed.
 */
export function parseUsdc(input: string): bigint {
  const text = input.trim();
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) {
    if (/^\d+\.\d{7,}$/.test(text)) throw new AmountError("USDC has at most 6 decimal places");
    throw new AmountError(`"${input}" is not an amount (use digits and a dot, e.g. 0.05)`);
  }
  const [, whole = "0", fraction = ""] = match;
  return BigInt(whole) * UNIT + BigInt(fraction.padEnd(USDC_DECIMALS, "0"));
}
