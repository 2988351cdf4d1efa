import { describe, expect, it } from "vitest";
import { encodeCursor } from "@/lib/db/cursor";
import { parsePaymentQuery, paymentFilterQuery } from "./payment-filters";

describe("parsePaymentQuery", () => {
  it("reads every filter", () => {
    const cursor = { createdAt: new Date("2026-11-20T01:02:03.004Z"), id: 9 };
    const parsed = parsePaymentQuery({
      status: "failed",
      resource: "3",
      payer: "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
      from: "2026-11-01",
      to: "2026-11-30",
      after: encodeCursor(cursor),
    });
    expect(parsed.errors).toEqual({});
    expect(parsed.filters).toEqual({
      status: "failed",
      resourceId: 3,
      payer: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-12-01T00:00:00Z"),
    });
    expect(parsed.after).toEqual(cursor);
  });

  it("ignores empty values", () => {
    expect(parsePaymentQuery({ status: "", payer: " ", from: "" })).toEqual({ filters: {}, errors: {} });
  });

  it("reports what it cannot use", () => {
    const parsed = parsePaymentQuery({ status: "paid", resource: "abc", payer: "0x123", from: "yesterday", to: "2026-02-30" });
    expect(parsed.filters).toEqual({});
    expect(Object.keys(parsed.errors).sort()).toEqual(["from", "payer", "resource", "status", "to"]);
  });

  it("rejects a range that ends before it starts", () => {
    expect(parsePaymentQuery({ from: "2026-11-10", to: "2026-11-01" }).errors.to).toMatch(/before/);
  });

  it("drops a tampered cursor instead of failing", () => {
    expect(parsePaymentQuery({ after: "tampered" }).after).toBeUndefined();
  });

  it("round-trips through paymentFilterQuery", () => {
    const params = { status: "settled", resource: "2", payer: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", from: "2026-11-01", to: "2026-11-30" };
    const query = paymentFilterQuery(parsePaymentQuery(params).filters);
    expect(Object.fromEntries(query)).toEqual(params);
  });
});
