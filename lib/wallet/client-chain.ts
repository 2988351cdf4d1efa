/**
 * What the browser needs to know about the payment network, built on the server from the config
 * and passed to client components as a prop (so the browser never sees server-only settings such
 * as a private RPC URL).
 */
import type { Address } from "viem";
import { anvilAddress, DEV_WALLET_ACCOUNT } from "@/lib/local-defaults";
import type { Env } from "@/lib/env";

export interface ClientChain {
  chainId: number;
  /** CAIP-2 id, e.g. `eip155:8453`. */
  caip2: `eip155:${number}`;
  label: string;
  /** A public RPC for reads (balances); on the local chain, anvil itself. */
  rpcUrl: string;
  explorerUrl?: string;
  usdc: Address;
  testnet: boolean;
  /**
   * The local anvil chain, which only this machine reaches: wallets that sign through their
   * maker's servers (Coinbase's smart wallet) cannot pay on it.
   */
  local: boolean;
  /** Local mode only: anvil's unlocked account #1, offered as a built-in wallet. */
  devWallet?: Address;
  /** Where a reader short of USDC gets test USDC; absent on mainnet, where no such thing exists. */
  testUsdc?: { kind: "faucet"; url: string } | { kind: "mint" };
  /** Set only when the operator configured WalletConnect (WALLETCONNECT_PROJECT_ID). */
  walletConnectProjectId?: string;
}

export function clientChain(env: Pick<Env, "network" | "rpcUrl" | "walletConnectProjectId">): ClientChain {
  const { local, faucet } = env.network;
  return {
    chainId: env.network.chainId,
    caip2: env.network.caip2,
    label: env.network.label,
    rpcUrl: local ? env.rpcUrl : env.network.defaultRpcUrl,
    explorerUrl: env.network.explorerUrl,
    usdc: env.network.usdc.address,
    testnet: env.network.testnet,
    local,
    devWallet: local ? anvilAddress(DEV_WALLET_ACCOUNT) : undefined,
    // A mint button calls app/api/dev/faucet; a faucet is a link to its page.
    testUsdc: faucet?.kind === "url" ? { kind: "faucet", url: faucet.url } : faucet,
    walletConnectProjectId: env.walletConnectProjectId,
  };
}
