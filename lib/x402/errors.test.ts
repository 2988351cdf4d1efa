import { describe, expect, it } from "vitest";
import { isFacilitatorUnavailable, settleFailureOf, unconfirmedTransaction } from "./errors";

/** An error as another bundle's copy of @x402/core would throw it: same name, another class. */
function foreign(name: string, fields: Record<string, unknown> = {}): Error {
  class Elsewhere extends Error {}
  return Object.assign(new Elsewhere("from another bundle"), { name }, fields);
}

describe("x402 errors told apart by name", () => {
  it("finds a facilitator failure from another bundle, also as the cause of another error", () => {
    expect(isFacilitatorUnavailable(foreign("FacilitatorResponseError"))).toBe(true);
    expect(isFacilitatorUnavailable(foreign("FacilitatorTimeoutError"))).toBe(true);
    expect(isFacilitatorUnavailable(new Error("wrapped", { cause: foreign("FacilitatorResponseError") }))).toBe(true);
    expect(isFacilitatorUnavailable(foreign("VerifyError"))).toBe(false);
    expect(isFacilitatorUnavailable("FacilitatorResponseError")).toBe(false);
  });

  it("reads a SettleError's reason and transaction, whoever threw it", () => {
    const tx = `0x${"ab".repeat(32)}`;
    expect(settleFailureOf(foreign("SettleError", { errorReason: "settlement_pending", transaction: tx }))).toEqual({
      errorReason: "settlement_pending",
      transaction: tx,
    });
    expect(settleFailureOf(foreign("SettleError", { transaction: "" }))).toEqual({ errorReason: undefined, transaction: undefined });
    expect(settleFailureOf(new Error("settlement_pending"))).toBeUndefined();
  });

  it("takes a transaction hash from an error only when it is one", () => {
    expect(unconfirmedTransaction({ transaction: `0x${"cd".repeat(32)}` })).toBe(`0x${"cd".repeat(32)}`);
    expect(unconfirmedTransaction({ transaction: "0x1234" })).toBeUndefined();
    expect(unconfirmedTransaction(undefined)).toBeUndefined();
  });
});
