import { UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { describeWalletError, isUserRejection } from "./errors";

describe("isUserRejection", () => {
  it("recognises EIP-1193 code 4001 and viem's error, however deeply wrapped", () => {
    expect(isUserRejection(Object.assign(new Error("User rejected the request."), { code: 4001 }))).toBe(true);
    expect(isUserRejection(new UserRejectedRequestError(new Error("no")))).toBe(true);
    expect(isUserRejection(new Error("signing failed", { cause: { cause: { code: 4001 } } }))).toBe(true);
  });

  it("does not mistake other failures for a refusal", () => {
    expect(isUserRejection(Object.assign(new Error("Internal error"), { code: -32603 }))).toBe(false);
    expect(isUserRejection("4001")).toBe(false);
    expect(isUserRejection(undefined)).toBe(false);
  });
});

describe("describeWalletError", () => {
  it("prefers viem's short message and keeps only the first line otherwise", () => {
    expect(describeWalletError({ shortMessage: "Chain mismatch." })).toBe("Chain mismatch.");
    expect(describeWalletError(new Error("RPC down\n  at stack"))).toBe("RPC down");
    expect(describeWalletError(42)).toBe("Something went wrong.");
  });

  it("names a wallet SDK the operator did not install", () => {
    const error = new Error("Cannot find module '@walletconnect/ethereum-provider'");
    expect(describeWalletError(error)).toBe(
      "This wallet isn't set up on this site (@walletconnect/ethereum-provider is not installed). Choose another wallet.",
    );
  });
});
