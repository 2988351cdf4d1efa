"use client";

import { useSyncExternalStore } from "react";
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain, type Connector } from "wagmi";
import type { ClientChain } from "@/lib/client-chain";
import { shortAddress } from "@/lib/format";
import { describeWalletError } from "./errors";

function connectorLabel(connector: Connector, chain: ClientChain): string {
  if (connector.type === "mock") return `Dev wallet (anvil #1, ${shortAddress(chain.devWallet ?? "")})`;
  if (connector.id === "injected") return "Browser wallet";
  return connector.name;
}

/**
 * The wallets to offer: EIP-6963 announced wallets replace the generic "browser wallet" entry,
 * which is only offered when the page has a `window.ethereum` at all.
 */
function offeredConnectors(connectors: readonly Connector[], hasInjectedProvider: boolean): Connector[] {
  const announced = connectors.some((c) => c.type === "injected" && c.id !== "injected");
  return connectors.filter((c) => c.id !== "injected" || (hasInjectedProvider && !announced));
}

const noSubscription = () => () => {};

/** Whether the browser has an injected EIP-1193 provider (false while rendering on the server). */
function useHasInjectedProvider(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => typeof (window as { ethereum?: unknown }).ethereum !== "undefined",
    () => false,
  );
}

export type WalletState =
  | { status: "disconnected" }
  | { status: "wrong-chain"; address: string; chainId?: number }
  | { status: "ready"; address: `0x${string}` };

export function useWalletState(chain: ClientChain): WalletState {
  const connection = useConnection();
  if (connection.status !== "connected" || !connection.address) return { status: "disconnected" };
  if (connection.chainId !== chain.chainId) {
    return { status: "wrong-chain", address: connection.address, chainId: connection.chainId };
  }
  return { status: "ready", address: connection.address };
}

/** Connect / switch network / connected-as, for whichever step the wallet is at. */
export function WalletPicker({ chain }: { chain: ClientChain }) {
  const state = useWalletState(chain);
  const connectors = offeredConnectors(useConnectors(), useHasInjectedProvider());
  const browserWallets = connectors.filter((connector) => connector.type !== "mock");
  const connect = useConnect();
  const switchChain = useSwitchChain();
  const disconnect = useDisconnect();

  if (state.status === "ready") {
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
        <span>
          Connected as <span className="font-mono text-stone-900">{shortAddress(state.address)}</span>
        </span>
        <button type="button" className="link-button" onClick={() => disconnect.mutate()}>
          Disconnect
        </button>
      </p>
    );
  }

  if (state.status === "wrong-chain") {
    return (
      <div className="space-y-2">
        <p className="text-sm text-stone-700">
          Your wallet is on another network. Payments here are on <strong>{chain.label}</strong>.
        </p>
        <button
          type="button"
          className="button-secondary"
          disabled={switchChain.isPending}
          onClick={() => switchChain.mutate({ chainId: chain.chainId })}
        >
          {switchChain.isPending ? "Switching…" : `Switch to ${chain.label}`}
        </button>
        {switchChain.error && (
          <p role="alert" className="text-sm text-red-700">
            {describeWalletError(switchChain.error)}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-stone-800">Choose a wallet</p>
      {browserWallets.length === 0 && (
        <p className="text-sm text-stone-600">
          No wallet found in this browser. Install a wallet extension such as MetaMask, Rabby or Coinbase Wallet, then
          reload this page.{chain.devWallet && " On the local chain you can also pay with the built-in dev wallet."}
        </p>
      )}
      <ul className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {connectors.map((connector) => (
          <li key={connector.uid}>
            <button
              type="button"
              className="button-secondary w-full sm:w-auto"
              disabled={connect.isPending}
              onClick={() => connect.mutate({ connector, chainId: chain.chainId })}
            >
              {connect.isPending && connect.variables?.connector === connector ? "Connecting…" : connectorLabel(connector, chain)}
            </button>
          </li>
        ))}
      </ul>
      {connect.error && (
        <p role="alert" className="text-sm text-red-700">
          {describeWalletError(connect.error)}
        </p>
      )}
    </div>
  );
}
