/**
 * startAnvil and setupLocalChain on private anvils (the run's shared chain has already been set up
 * and is being spent from by other tests).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, createWalletClient, http, nonceManager, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";
import { ANVIL_ACCOUNTS, anvilAddress, FACILITATOR_ACCOUNT } from "@/lib/local-defaults";
import { startAnvil, type StartAnvilOptions } from "@/lib/chain/anvil";
import {
  multicall3DeployedBytecode,
  MULTICALL3_ADDRESS,
  testUsdcAbi,
  testUsdcDeployedBytecode,
} from "@/lib/chain/contracts";
import { anvilKey } from "@/lib/local-defaults";
import { LOCAL_USDC_FUNDING, localChain, mintTestUsdc, setupLocalChain, usdcBalanceOf } from "@/lib/chain/local";
import { LOCAL_USDC_ADDRESS } from "@/lib/networks";

const facilitator = anvilAddress(FACILITATOR_ACCOUNT);
const funded = ANVIL_ACCOUNTS.filter(({ index }) => index !== FACILITATOR_ACCOUNT).map(({ address }) => address);

afterAll(() => {
  // viem's shared nonce manager remembers account #0's nonces on these chains, which share the run's
  // chain id; forget them so later files count from the run's chain again.
  nonceManager.reset({ address: facilitator, chainId: localChain.id });
});

const nonceOf = (rpcUrl: string, address: Address) =>
  createPublicClient({ transport: http(rpcUrl) }).getTransactionCount({ address });

/** Runs `run` against a private anvil and stops it afterwards, whatever happens. */
async function withAnvil<T>(options: StartAnvilOptions, run: (rpcUrl: string) => Promise<T>): Promise<T> {
  const anvil = await startAnvil(options);
  try {
    return await run(anvil.rpcUrl);
  } finally {
    await anvil.stop();
  }
}

describe("setupLocalChain", () => {
  it("prepares a fresh chain, tops up only what is missing, and survives an anvil restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "x402-anvil-"));
    const statePath = join(dir, "state.json");
    // #2 gets more than the funding (kept), #3 spends some (topped up again).
    const [rich, spender] = [anvilAddress(2), privateKeyToAccount(anvilKey(3))];
    try {
      await withAnvil({ statePath }, async (rpcUrl) => {
        const client = createPublicClient({ transport: http(rpcUrl) });
        expect(await setupLocalChain(rpcUrl)).toEqual({ usdc: LOCAL_USDC_ADDRESS });
        expect(await client.getCode({ address: LOCAL_USDC_ADDRESS })).toBe(testUsdcDeployedBytecode);
        expect(await client.getCode({ address: MULTICALL3_ADDRESS })).toBe(multicall3DeployedBytecode);
        for (const address of funded) expect(await usdcBalanceOf(rpcUrl, address)).toBe(LOCAL_USDC_FUNDING);
        expect(await usdcBalanceOf(rpcUrl, facilitator)).toBe(0n);

        await mintTestUsdc(rpcUrl, rich, 5n);
        const wallet = createWalletClient({ account: spender, chain: localChain, transport: http(rpcUrl) });
        const hash = await wallet.writeContract({
          address: LOCAL_USDC_ADDRESS,
          abi: testUsdcAbi,
          functionName: "transfer",
          args: [rich, 7n],
        });
        await client.waitForTransactionReceipt({ hash });
      });

      await withAnvil({ statePath }, async (rpcUrl) => {
        expect(await usdcBalanceOf(rpcUrl, rich)).toBe(LOCAL_USDC_FUNDING + 12n);
        const nonce = await nonceOf(rpcUrl, facilitator);
        await setupLocalChain(rpcUrl);
        expect(await nonceOf(rpcUrl, facilitator)).toBe(nonce + 1); // one top-up, for #3
        expect(await usdcBalanceOf(rpcUrl, spender.address)).toBe(LOCAL_USDC_FUNDING);
        expect(await usdcBalanceOf(rpcUrl, rich)).toBe(LOCAL_USDC_FUNDING + 12n);

        await setupLocalChain(rpcUrl);
        expect(await nonceOf(rpcUrl, facilitator)).toBe(nonce + 1);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("explains that a used chain without TestUSDC can't get it at the known address", async () => {
    await withAnvil({}, async (rpcUrl) => {
      const wallet = createWalletClient({
        account: privateKeyToAccount(anvilKey(FACILITATOR_ACCOUNT)),
        chain: localChain,
        transport: http(rpcUrl),
      });
      await wallet.sendTransaction({ to: anvilAddress(1), value: 1n, nonce: 0 });
      await expect(setupLocalChain(rpcUrl)).rejects.toThrow(/already sent 1 transaction.*fresh chain/s);
    });
  });

  it("refuses a chain whose id is not the local network's", async () => {
    await withAnvil({ chainId: 1337 }, async (rpcUrl) => {
      await expect(setupLocalChain(rpcUrl)).rejects.toThrow("has id 1337; local mode needs 31337");
    });
  });
});

describe("startAnvil", () => {
  it("picks a free port, and reports anvil's error when a port is taken", async () => {
    const anvil = await startAnvil();
    try {
      expect(anvil.rpcUrl).toBe(`http://127.0.0.1:${anvil.port}`);
      await expect(startAnvil({ port: anvil.port })).rejects.toThrow(/exited \(1\) before it was ready[\s\S]*Address already in use/);
    } finally {
      await anvil.stop();
    }
    await expect(fetch(anvil.rpcUrl, { method: "POST" })).rejects.toThrow(); // stopped for good
  });

  it("binds localhost as 127.0.0.1 (anvil only takes IP addresses)", async () => {
    await withAnvil({ host: "localhost" }, async (rpcUrl) => {
      expect(rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });
  });

  it("reports a binary that can't be started", async () => {
    await expect(startAnvil({ anvilBin: "/nonexistent/anvil" })).rejects.toThrow(
      "anvil (/nonexistent/anvil --host 127.0.0.1 --port 0 --chain-id 31337) failed to start: spawn /nonexistent/anvil ENOENT",
    );
  });
});
