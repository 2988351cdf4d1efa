import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAccessWindow, formatDateTime, formatUnixTime } from "./time";

describe("formatAccessWindow", () => {
  it.each([
    [0, "a single view"],
    [60, "1 minute"],
    [3_600, "1 hour"],
    [7_200, "2 hours"],
    [86_400, "24 hours"],
    [172_800, "2 days"],
    [604_800, "1 week"],
    [90, "90 seconds"],
  ])("%s s → %s", (seconds, text) => {
    expect(formatAccessWindow(seconds)).toBe(text);
  });
});

describe("formatDateTime", () => {
  it("shows years past 9999 whole (toISOString writes them as six digits with a sign)", () => {
    expect(formatDateTime(new Date(Date.UTC(2026, 5, 15, 12, 30, 5)))).toBe("2026-06-15 12:30:05 UTC");
    expect(formatDateTime(new Date(1_000_000_000_000 * 1000))).toBe("+033658-09-27 01:46:40 UTC");
  });
});

describe("formatUnixTime", () => {
  it("shows seconds as formatDateTime does", () => {
    expect(formatUnixTime(1_781_526_605n)).toBe("2026-06-15 12:30:05 UTC");
    expect(formatUnixTime(0n)).toBe("1970-01-01 00:00:00 UTC");
  });

  it("shows what no date can hold as a bound and the raw number (a payer signs validBefore as any uint256)", () => {
    expect(formatUnixTime(8_640_000_000_000n)).toBe("+275760-09-13 00:00:00 UTC");
    expect(formatUnixTime(8_640_000_000_001n)).toBe("after +275760-09-13 00:00:00 UTC (unix time 8640000000001)");
    expect(formatUnixTime(2n ** 256n - 1n)).toBe(`after +275760-09-13 00:00:00 UTC (unix time ${2n ** 256n - 1n})`);
    expect(formatUnixTime(-(2n ** 63n))).toBe("before -271821-04-20 00:00:00 UTC (unix time -9223372036854775808)");
  });

  it("never throws, and always names the time", () => {
    const uint256 = fc.bigInt({ min: 0n, max: 2n ** 256n - 1n });
    fc.assert(
      fc.property(fc.oneof(uint256, fc.bigInt(), fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n })), (seconds) => {
        expect(formatUnixTime(seconds)).toMatch(/^(after |before )?[+-]?\d{4,6}-\d\d-\d\d \d\d:\d\d:\d\d UTC( \(unix time -?\d+\))?$/);
      }),
    );
  });
});

