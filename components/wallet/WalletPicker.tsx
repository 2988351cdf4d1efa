"use client";

import { useId, useSyncExternalStore, type ReactNode } from "react";
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain, type Connector } from "wagmi";
import type { ClientChain } from "@/lib/wallet/client-chain";
import { shortAddress } from "@/lib/format/address";
import { describeWalletError } from "./errors";
import { safeWalletIcon } from "./wallet-icon";
import { TEXT_TONES } from "@/components/ui/tone";

function connectorLabel(connector: Connector, chain: ClientChain): ReactNode {
  if (connector.type === "mock") {
    // On a narrow screen the label wraps before the address, never inside it.
    return (
      <>
        Dev wallet (anvil #1, <span className="whitespace-nowrap">{shortAddress(chain.devWallet ?? "")})</span>
      </>
    );
  }
  if (connector.id === "injected") return "Browser wallet";
  if (connector.type === "walletConnect") return "WalletConnect (phone wallet)";
  return connector.name;
}

/**
 * A plain wallet outline for the entries that announce no icon: the dev wallet, Coinbase Wallet,
 * WalletConnect, a bare `window.ethereum`.
 */
function WalletGlyph() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5 shrink-0 text-stone-500 dark:text-stone-400"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinejoin="round"
    >
      <path d="M5 7V6a2 2 0 0 1 2-2h10v3" />
      <rect x="3" y="7" width="18" height="13" rx="2" />
      <circle cx="16.5" cy="13.5" r="1" fill="currentColor" stroke="none" />
    </svg>
  );
}

/** Every entry gets the same 20 px slot, so names line up and nothing moves when an icon decodes. */
function ConnectorIcon({ connector }: { connector: Connector }) {
  const icon = safeWalletIcon(connector.icon);
  if (!icon) return <WalletGlyph />;
  // The name beside it says which wallet this is: the icon is decoration (alt="").
  // eslint-disable-next-line @next/next/no-img-element -- a data: URI, nothing to fetch or optimise
  return <img src={icon} alt="" width={20} height={20} className="size-5 shrink-0 rounded object-contain" />;
}

/** Wallets living in this browser: the generic `window.ethereum` one and every EIP-6963 announcement. */
const isInBrowser = (connector: Connector) => connector.type === "injected";

/**
 * The wallets to offer: EIP-6963 announced wallets replace the generic "browser wallet" entry,
 * which is only offered when the page has a `window.ethereum` at all. Browser wallets come first.
 */
function offeredConnectors(connectors: readonly Connector[], hasInjectedProvider: boolean): Connector[] {
  const announced = connectors.some((c) => isInBrowser(c) && c.id !== "injected");
  const offered = connectors.filter((c) => c.id !== "injected" || (hasInjectedProvider && !announced));
  return [...offered.filter(isInBrowser), ...offered.filter((c) => !isInBrowser(c))];
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

const INSTALL_LINKS = [
  { name: "MetaMask", href: "https://metamask.io/download/" },
  { name: "Rabby", href: "https://rabby.io/" },
  { name: "Coinbase Wallet", href: "https://www.coinbase.com/wallet/downloads" },
];

/** Shown when the browser has no wallet of its own: what to install, and what works without one. */
function NoBrowserWallet({ chain, offersCoinbase }: { chain: ClientChain; offersCoinbase: boolean }) {
  return (
    <div className="space-y-1 text-sm text-stone-600 dark:text-stone-400">
      <p className="font-medium text-stone-800 dark:text-stone-200">No wallet found in this browser.</p>
      <p>
        Install a wallet extension such as{" "}
        {INSTALL_LINKS.map((link, i) => (
          <span key={link.name}>
            {i > 0 && (i === INSTALL_LINKS.length - 1 ? " or " : ", ")}
            <a className="link-button" href={link.href} target="_blank" rel="noopener noreferrer">
              {link.name}
            </a>
          </span>
        ))}
        , then reload this page.
        {offersCoinbase && " Coinbase Wallet below also works without an extension, in a pop-up window."}
      </p>
      {chain.devWallet && <p>On the local chain you can also pay with the built-in dev wallet below.</p>}
    </div>
  );
}

/** Connect / switch network / connected-as, for whichever step the wallet is at. */
export function WalletPicker({ chain }: { chain: ClientChain }) {
  const headingId = useId();
  const state = useWalletState(chain);
  const connectors = offeredConnectors(useConnectors(), useHasInjectedProvider());
  const connect = useConnect();
  const switchChain = useSwitchChain();
  const disconnect = useDisconnect();

  if (state.status === "ready") {
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600 dark:text-stone-400">
        <span>
          Connected as <span className="font-mono text-stone-900 dark:text-stone-100">{shortAddress(state.address)}</span>
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
        <p className="text-sm text-stone-700 dark:text-stone-300">
          Your wallet ({shortAddress(state.address)}) is on another network
          {state.chainId !== undefined && ` (chain ${state.chainId})`}. Payments here are on <strong>{chain.label}</strong>.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            className="button-secondary"
            disabled={switchChain.isPending}
            onClick={() => switchChain.mutate({ chainId: chain.chainId })}
          >
            {switchChain.isPending ? "Switching…" : `Switch to ${chain.label}`}
          </button>
          <button type="button" className="link-button text-sm" onClick={() => disconnect.mutate()}>
            Use another wallet
          </button>
        </div>
        {switchChain.isPending && (
          <p role="status" className="text-sm text-stone-600 dark:text-stone-400">
            Confirm the network switch in your wallet…
          </p>
        )}
        {switchChain.error && (
          <p role="alert" className={`text-sm ${TEXT_TONES.danger}`}>
            {describeWalletError(switchChain.error)}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="space-y-3">
      <p id={headingId} className="text-sm font-medium text-stone-800 dark:text-stone-200">
        Choose a wallet
      </p>
      {!connectors.some(isInBrowser) && (
        <NoBrowserWallet chain={chain} offersCoinbase={connectors.some((c) => c.type === "coinbaseWallet")} />
      )}
      {/* role="list": Safari stops announcing a list once its bullets are styled away. */}
      <ul role="list" aria-labelledby={headingId} className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {connectors.map((connector) => {
          const connecting = connect.isPending && connect.variables?.connector === connector;
          return (
            <li key={connector.uid}>
              <button
                type="button"
                className="button-secondary w-full justify-start gap-2 text-left sm:w-auto"
                disabled={connect.isPending}
                aria-busy={connecting}
                // No chainId: a declined network switch would fail the whole connection, so the
                // switch is its own step (the wrong-network state) once connected.
                onClick={() => connect.mutate({ connector })}
              >
                <ConnectorIcon connector={connector} />
                <span>{connecting ? "Connecting…" : connectorLabel(connector, chain)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {connect.error && (
        <p role="alert" className={`text-sm ${TEXT_TONES.danger}`}>
          {describeWalletError(connect.error)}
        </p>
      )}
    </div>
  );
}
