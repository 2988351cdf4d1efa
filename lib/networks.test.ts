import { getContractAddress } from "viem";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { anvilAddress, FACILITATOR_ACCOUNT } from "./local-defaults";
import { LOCAL_USDC_ADDRESS, NETWORKS, toViemChain, type NetworkConfig } from "./networks";
import { clientChain } from "./wallet/client-chain";

/** A network this template does not ship: what a forker adds to NETWORKS to sell on it. */
const OP_SEPOLIA: NetworkConfig = {
  name: "op-sepolia",
  label: "OP Sepolia",
  caip2: "eip155:11155420",
  chainId: 11155420,
  defaultRpcUrl: "https://sepolia.optimism.io",
  usdc: { address: "0x5fd84259d66Cd46123540766Be93DFE6D43130D7", eip712: { name: "USDC", version: "2" }, decimals: 6, symbol: "USDC" },
  local: false,
  testnet: true,
  explorerUrl: "https://sepolia-optimism.etherscan.io",
  defaultFacilitatorUrl: "https://facilitator.example/x402",
  faucet: { kind: "url", url: "https://faucet.example/" },
  receiptPollingMs: 1_000,
};

const OP_MAINNET: NetworkConfig = {
  ...OP_SEPOLIA,
  name: "op",
  label: "OP Mainnet",
  caip2: "eip155:10",
  chainId: 10,
  testnet: false,
  defaultFacilitatorUrl: undefined,
  faucet: undefined,
};

const WITH_OP = { ...NETWORKS, [OP_SEPOLIA.name]: OP_SEPOLIA, [OP_MAINNET.name]: OP_MAINNET };
const PAY_TO = "0x1111111111111111111111111111111111111111";
const PRODUCTION = { PAY_TO, AUTH_SECRET: "a-real-secret-that-is-at-least-32-characters", ADMIN_ADDRESSES: PAY_TO, SITE_URL: "https://paywall.example" };

describe("networks are data", () => {
  it("has each entry under its own name", () => {
    for (const [key, network] of Object.entries(NETWORKS)) expect(network.name).toBe(key);
  });

  it("puts TestUSDC where anvil account #0's first deployment lands", () => {
    expect(LOCAL_USDC_ADDRESS).toBe(getContractAddress({ from: anvilAddress(FACILITATOR_ACCOUNT), nonce: 0n }));
  });

  it("takes a new testnet from one entry: env, facilitator, faucet and wallet chain follow its fields", () => {
    const env = parseEnv({ NETWORK: "op-sepolia", ...PRODUCTION }, WITH_OP);
    expect(env.network).toBe(OP_SEPOLIA);
    expect(env.rpcUrl).toBe("https://sepolia.optimism.io");
    expect(env.facilitator).toMatchObject({ mode: "http", url: "https://facilitator.example/x402" });
    expect(clientChain(env)).toMatchObject({
      chainId: 11155420,
      caip2: "eip155:11155420",
      usdc: OP_SEPOLIA.usdc.address,
      testnet: true,
      devWallet: undefined,
      testUsdc: { kind: "faucet", url: "https://faucet.example/" },
    });
    expect(toViemChain(env.network, env.rpcUrl).blockExplorers?.default.url).toBe("https://sepolia-optimism.etherscan.io");
  });

  it("treats a new entry without `testnet` as real money: a facilitator is required, and local RPCs and plain HTTP are refused", () => {
    expect(() => parseEnv({ NETWORK: "op", ...PRODUCTION }, WITH_OP)).toThrow(/NETWORK=op needs .*FACILITATOR_PRIVATE_KEY/);
    const key = { FACILITATOR_PRIVATE_KEY: `0x${"ab".repeat(32)}` };
    expect(parseEnv({ NETWORK: "op", ...PRODUCTION, ...key }, WITH_OP).network).toBe(OP_MAINNET);
    expect(() => parseEnv({ NETWORK: "op", ...PRODUCTION, ...key, RPC_URL: "http://127.0.0.1:8545" }, WITH_OP)).toThrow(
      /NETWORK=op: RPC_URL .* is a chain on this machine/,
    );
    expect(() => parseEnv({ NETWORK: "op", ...PRODUCTION, ...key, SITE_URL: "http://paywall.example" }, WITH_OP)).toThrow(/must be https/);
    expect(clientChain(parseEnv({ NETWORK: "op", ...PRODUCTION, ...key }, WITH_OP)).testUsdc).toBeUndefined();
  });

  it("refuses a network the table does not have, naming the ones it does", () => {
    expect(() => parseEnv({ NETWORK: "op-sepolia", ...PRODUCTION })).toThrow(/NETWORK .*"local"\|"base-sepolia"\|"base"/);
  });
});
