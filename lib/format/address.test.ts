import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shortAddress } from "./address";

describe("shortAddress", () => {
  it("keeps the start and the end", () => {
    expect(shortAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")).toBe("0x7099…79C8");
  });

  it("never throws on any string", () => {
    fc.assert(fc.property(fc.string(), (text) => void shortAddress(text)));
  });
});
