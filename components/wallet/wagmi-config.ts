import {
  cookieStorage,
  createConfig,
  createStorage,
  http,
  injected,
  mock,
  type Config,
  type CreateConnectorFn,
  type Transport,
} from "wagmi";
import { coinbaseWallet } from "wagmi/connectors/coinbaseWallet";
import { walletConnect } from "wagmi/connectors/walletConnect";
import type { ClientChain } from "@/lib/wallet/client-chain";
import { toViemChain } from "@/lib/networks";
import { site } from "@/lib/site";

/**
 * A connector whose SDK (Coinbase Wallet ~30 KiB gzip, WalletConnect far more) is downloaded only
 * once the reader picks it, now or on an earlier visit. wagmi's reconnect asks every connector for
 * its provider as soon as the pay panel opens, which would load each SDK for everyone (and the
 * Coinbase one requests the page again, for its COOP check).
 */
function loadedWhenPicked(connectorFn: CreateConnectorFn): CreateConnectorFn {
  return (config) => {
    const connector = connectorFn(config);
    const { connect, getProvider } = connector;
    let picked = false;
    connector.connect = function (this: typeof connector, parameters) {
      picked = true;
      return connect.call(this, parameters);
    } as typeof connect;
    connector.getProvider = async function (this: typeof connector, parameters) {
      if (!picked && (await config.storage?.getItem("recentConnectorId")) !== connector.id) {
        throw new Error(`${connector.name} loads once it is chosen.`);
      }
      return getProvider.call(this, parameters);
    };
    return connector;
  };
}

/**
 * The app's one wagmi config: the configured network only, injected wallets (EIP-1193 and every
 * EIP-6963 wallet the browser announces), Coinbase Wallet (its extension, or its smart wallet in a
 * popup when no extension is installed) except on the local chain, WalletConnect when the operator
 * configured a project id, and in local mode a built-in dev wallet — anvil's unlocked account #1,
 * which anvil itself signs for, so no key ever reaches the browser.
 * Cookie storage keeps the connection across pages and lets the server render it (SSR-safe).
 */
export function createWagmiConfig(chain: ClientChain): Config {
  const viemChain = toViemChain(chain, chain.rpcUrl);
  const connectors: CreateConnectorFn[] = [injected()];
  // Coinbase's smart wallet lives on keys.coinbase.com and knows public chains only: on anvil it
  // could connect but never pay. Its extension, if installed, is still offered through EIP-6963.
  if (!chain.local) connectors.push(loadedWhenPicked(coinbaseWallet({ appName: site.name })));
  if (chain.walletConnectProjectId) {
    // `@walletconnect/ethereum-provider` is an optional peer the operator installs (see lib/env.ts);
    // without it, choosing WalletConnect fails with an error instead of breaking the build.
    connectors.push(loadedWhenPicked(walletConnect({ projectId: chain.walletConnectProjectId })));
  }
  if (chain.devWallet) connectors.push(mock({ accounts: [chain.devWallet], features: { reconnect: true } }));
  return createConfig({
    chains: [viemChain],
    connectors,
    multiInjectedProviderDiscovery: true,
    ssr: true,
    storage: createStorage({ storage: cookieStorage }),
    transports: { [viemChain.id]: http(chain.rpcUrl) } as Record<number, Transport>,
  });
}
