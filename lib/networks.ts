/**
 * The networks this template can take payments on, as data: adding a network (another EVM chain's
 * USDC, say) is one entry in NETWORKS. The env enum, the facilitator default, the explorer links,
 * the reader's faucet link and the mainnet safety checks all read these fields.
 *
 * Pure data and helpers, safe to import from client components. Imports nothing from the app.
 */
import { defineChain, type Address, type Chain } from "viem";

export interface UsdcAsset {
  address: Address;
  /** EIP-712 domain name and version of the token: they go into `extra` of every requirement. */
  eip712: { name: string; version: string };
  decimals: 6;
  symbol: "USDC";
}

export interface NetworkConfig {
  /** The value of NETWORK that selects it, e.g. `base-sepolia`. */
  name: string;
  label: string;
  /** CAIP-2 id used on the x402 wire, e.g. `eip155:8453`. */
  caip2: `eip155:${number}`;
  chainId: number;
  defaultRpcUrl: string;
  usdc: UsdcAsset;
  /**
   * A chain on this machine that the app deploys and funds itself (anvil): the only network with
   * built-in accounts, keys and secrets (lib/local-defaults.ts), a dev wallet and a mint button.
   */
  local: boolean;
  /** Test money only. False means real funds: the server refuses local RPCs and plain HTTP. */
  testnet: boolean;
  /** Block explorer base URL; absent on the local chain. */
  explorerUrl?: string;
  /**
   * The facilitator used when none is configured. Absent: settle in-process on the local chain,
   * and refuse to start elsewhere until one is configured.
   */
  defaultFacilitatorUrl?: string;
  /** Where a reader short of USDC gets test USDC: a mint button (local chain) or a faucet's page. */
  faucet?: { kind: "mint" } | { kind: "url"; url: string };
  /**
   * How often the facilitator asks whether its transaction was mined. viem's default, 4 s, is two
   * Base blocks; on anvil (a block per transaction, mined on arrival) a settlement sent just ahead
   * of an earlier nonce is mined a moment later, and would otherwise wait the whole 4 s.
   */
  receiptPollingMs: number;
}

/**
 * TestUSDC is the first contract anvil account #0 deploys on a fresh local chain, so its address is
 * known before the chain starts (the same for every developer, test and CI run). A test derives it
 * from that account and nonce 0.
 */
export const LOCAL_USDC_ADDRESS: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** The public facilitator x402.org runs for testnets. */
export const X402_ORG_FACILITATOR_URL = "https://x402.org/facilitator";
/** Circle's public USDC faucet; it serves Base Sepolia among other testnets. */
const CIRCLE_FAUCET_URL = "https://faucet.circle.com/";

export const NETWORKS = {
  local: {
    name: "local",
    label: "Local chain (anvil)",
    caip2: "eip155:31337",
    chainId: 31337,
    defaultRpcUrl: "http://127.0.0.1:8545",
    usdc: { address: LOCAL_USDC_ADDRESS, eip712: { name: "USDC", version: "2" }, decimals: 6, symbol: "USDC" },
    local: true,
    testnet: true,
    faucet: { kind: "mint" },
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
    local: false,
    testnet: true,
    explorerUrl: "https://sepolia.basescan.org",
    defaultFacilitatorUrl: X402_ORG_FACILITATOR_URL,
    faucet: { kind: "url", url: CIRCLE_FAUCET_URL },
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
    local: false,
    testnet: false,
    explorerUrl: "https://basescan.org",
    receiptPollingMs: 500,
  },
} as const satisfies Record<string, NetworkConfig>;

export type NetworkName = keyof typeof NETWORKS;

/** The networks NETWORK may name (a table of entries keyed by their `name`). */
export type NetworkTable = Readonly<Record<string, NetworkConfig>>;

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
