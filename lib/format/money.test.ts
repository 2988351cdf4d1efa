import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AmountError, formatUsdc, formatUsdcWithSymbol, parseUsdc, toDecimalString } from "./money";

describe("formatUsdc", () => {
  it.each([
    [0n, "0.00"],
    [1n, "0.000001"],
    [2_000n, "0.002"],
    [10_000n, "0.01"],
    [250_000n, "0.25"],
    [1_000_000n, "1.00"],
    [1_234_567_890n, "1,234.56789"],
    [-10_000n, "-0.01"],
  ])("%s atomic units → %s", (atomic, text) => {
    expect(formatUsdc(atomic)).toBe(text);
  });

  it("adds the symbol", () => {
    expect(formatUsdcWithSymbol(50_000n)).toBe("0.05 USDC");
  });
});

describe("toDecimalString", () => {
  it.each([
    [0n, "0"],
    [2_000n, "0.002"],
    [1_000_000n, "1"],
    [1_234_500_000n, "1234.5"],
  ])("%s → %s", (atomic, text) => {
    expect(toDecimalString(atomic)).toBe(text);
  });
});

describe("parseUsdc", () => {
  it.each([
    ["0.01", 10_000n],
    ["1", 1_000_000n],
    [" 2.5 ", 2_500_000n],
    ["0.000001", 1n],
    ["123456.123456", 123_456_123_456n],
  ])("%s → %s", (text, atomic) => {
    expect(parseUsdc(text)).toBe(atomic);
  });

  it("round-trips with the formatter", () => {
    for (const atomic of [1n, 10_000n, 999_999n, 5_000_000n]) expect(parseUsdc(toDecimalString(atomic))).toBe(atomic);
  });

  it.each(["", "abc", "-1", "1e3", "0,05", "1.", ".5", "1.2.3", "0x10"])("rejects %j", (text) => {
    expect(() => parseUsdc(text)).toThrow(AmountError);
  });

  it("refuses more than 6 decimals instead of rounding", () => {
    expect(() => parseUsdc("0.0000001")).toThrow(/at most 6 decimal places/);
  });
});

describe("formatting any amount", () => {
  it("never throws, whatever the ledger holds (amounts up to uint256, negative totals)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), fc.bigInt()), (atomic) => {
        expect(formatUsdcWithSymbol(atomic)).toMatch(/^-?[\d,]+\.\d{2,6} USDC$/);
        expect(toDecimalString(atomic)).toMatch(/^-?\d+(\.\d{1,6})?$/);
      }),
    );
  });
});
