/**
 * Multicall3 as placed by setupLocalChain: the canonical calls viem (aggregate3) and the x402
 * facilitator (tryAggregate) make.
 */
import { createPublicClient, decodeFunctionResult, encodeFunctionData, http } from "viem";
import { describe, expect, inject, it } from "vitest";
import { anvilAddress } from "@/lib/local-defaults";
import { multicall3Abi, MULTICALL3_ADDRESS, testUsdcAbi } from "@/lib/chain/contracts";
import { localChain } from "@/lib/chain/local";
import { LOCAL_USDC_ADDRESS } from "@/lib/networks";

const client = createPublicClient({ chain: localChain, transport: http(inject("rpcUrl")) });
const multicall = { address: MULTICALL3_ADDRESS, abi: multicall3Abi } as const;
const usdc = { address: LOCAL_USDC_ADDRESS, abi: testUsdcAbi } as const;
const nameCall = { target: LOCAL_USDC_ADDRESS, callData: encodeFunctionData({ ...usdc, functionName: "name" }) };
/** Reverts: TestUSDC refuses to mint to the zero address. */
const failingCall = {
  target: LOCAL_USDC_ADDRESS,
  callData: encodeFunctionData({ ...usdc, functionName: "mint", args: ["0x0000000000000000000000000000000000000000", 1n] }),
};

describe("Multicall3", () => {
  it("serves viem's multicall (aggregate3), failures included", async () => {
    const results = await client.multicall({
      contracts: [
        { ...usdc, functionName: "name" },
        { ...usdc, functionName: "balanceOf", args: [anvilAddress(1)] },
        { ...usdc, functionName: "mint", args: ["0x0000000000000000000000000000000000000000", 1n] },
      ],
    });
    expect(results.map((result) => result.status)).toEqual(["success", "success", "failure"]);
    expect(results[0]?.result).toBe("USDC");
  });

  it("tryAggregate reports failures, or reverts on them when success is required", async () => {
    const { result } = await client.simulateContract({
      ...multicall,
      functionName: "tryAggregate",
      args: [false, [nameCall, failingCall]],
    });
    expect(result.map(({ success }) => success)).toEqual([true, false]);
    await expect(
      client.simulateContract({ ...multicall, functionName: "tryAggregate", args: [true, [nameCall, failingCall]] }),
    ).rejects.toThrow("Multicall3: call failed");
  });

  it("aggregate returns the block number and every result", async () => {
    const { result } = await client.simulateContract({ ...multicall, functionName: "aggregate", args: [[nameCall]] });
    const [blockNumber, data] = result;
    expect(blockNumber).toBeGreaterThan(0n);
    expect(decodeFunctionResult({ ...usdc, functionName: "name", data: data[0] ?? "0x" })).toBe("USDC");
    await expect(
      client.simulateContract({ ...multicall, functionName: "aggregate", args: [[failingCall]] }),
    ).rejects.toThrow("Multicall3: call failed");
  });

  it("answers the chain getters", async () => {
    const block = await client.getBlock();
    expect(await client.readContract({ ...multicall, functionName: "getChainId" })).toBe(31337n);
    expect(await client.readContract({ ...multicall, functionName: "getBlockNumber" })).toBe(block.number);
    expect(await client.readContract({ ...multicall, functionName: "getCurrentBlockTimestamp" })).toBeGreaterThanOrEqual(block.timestamp);
    expect(await client.readContract({ ...multicall, functionName: "getEthBalance", args: [anvilAddress(5)] })).toBe(
      await client.getBalance({ address: anvilAddress(5) }),
    );
  });
});
