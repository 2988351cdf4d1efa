import { describe, expect, it } from "vitest";
import { formatAccessWindow, shortAddress } from "./format";

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

describe("shortAddress", () => {
  it("keeps the start and the end", () => {
    expect(shortAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")).toBe("0x7099…79C8");
  });
});
