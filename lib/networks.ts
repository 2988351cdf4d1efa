/**
 * The networks this template can take payments on: CAIP-2 id, chain, USDC asset with its EIP-712
 * domain (what x402's `exact` scheme signs against), and explorer links.
 *
 * Pure data and helpers, safe to import from client components.
 */
import { defineChain, getContractAddress, type Address, type Chain } from "viem";
import { anvilAddress, FACILITATOR_ACCOUNT } from "./chain/accounts";

export type NetworkName = "local" | "base-sepolia" | "base";

export interface UsdcAsset {
  address: Address;
  /** EIP-712 domain name and version of the token: they go into `extra` of every requirement. */
  eip712: { name: string; version: string };
  decimals: 6;
  symbol: "USDC";
}

export interface NetworkConfig {
  name: NetworkName;
  label: string;
  /** CAIP-2 id used on the x402 wire, e.g. `eip155:8453`. */
  caip2: `eip155:${number}`;
  chainId: number;
  defaultRpcUrl: string;
  usdc: UsdcAsset;
  /** Block explorer base URL; absent on the local chain. */
  explorerUrl?: string;
  testnet: boolean;
  /**
   * How often the facilitator asks whether its transaction was mined. viem's default, 4 s, is two
   * Base blocks; on anvil (a block per transaction, mined on arrival) a settlement sent just ahead
   * of an earlier nonce is mined a moment later, and would otherwise wait the whole 4 s.
   */
  receiptPollingMs: number;
}

/**
 * TestUSDC is the first contract anvil account 0 deploys on a fresh local chain, so its address is
 * known before the chain starts (the same for every developer, test and CI run).
 */
export const LOCAL_USDC_ADDRESS: Address = getContractAddress({
  from: anvilAddress(FACILITATOR_ACCOUNT),
  nonce: 0n,
});

export const NETWORKS: Record<NetworkName, NetworkConfig> = {
  local: {
    name: "local",
    label: "Local chain (anvil)",
    caip2: "eip155:31337",
    chainId: 31337,
    defaultRpcUrl: "http://127.0.0.1:8545",
    usdc: { address: LOCAL_USDC_ADDRESS, eip712: { name: "USDC", version: "2" }, decimals: 6, symbol: "USDC" },
    testnet: true,
    receiptPollingMs: 25,
  },
  "base-sepolia": {
    name: "base-sepolia",
    label: "Base Sepolia",
    caip2: "eip155:84532",
    chainId: 84532,
    defaultRpcUrl: "https://sepolia.base.org",
    usdc: {
      address: "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
      eip712: { name: "USDC", version: "2" },
      decimals: 6,
      symbol: "USDC",
    },
    explorerUrl: "https://sepolia.basescan.org",
    testnet: true,
    receiptPollingMs: 500,
  },
  base: {
    name: "base",
    label: "Base",
    caip2: "eip155:8453",
    chainId: 8453,
    defaultRpcUrl: "https://mainnet.base.org",
    usdc: {
      address: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
      eip712: { name: "USD Coin", version: "2" },
      decimals: 6,
      symbol: "USDC",
    },
    explorerUrl: "https://basescan.org",
    testnet: false,
    receiptPollingMs: 500,
  },
};

/** Link to a transaction on the network's explorer; none on the local chain. */
export function explorerTxUrl(network: { explorerUrl?: string }, txHash: string): string | undefined {
  return network.explorerUrl ? `${network.explorerUrl}/tx/${txHash}` : undefined;
}

/** A viem chain for this network, talking to `rpcUrl`. */
export function toViemChain(
  network: { chainId: number; label: string; explorerUrl?: string; testnet: boolean },
  rpcUrl: string,
): Chain {
  return defineChain({
    id: network.chainId,
    name: network.label,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    blockExplorers: network.explorerUrl ? { default: { name: "Explorer", url: network.explorerUrl } } : undefined,
    testnet: network.testnet,
  });
}
