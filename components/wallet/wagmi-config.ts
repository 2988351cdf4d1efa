import { cookieStorage, createConfig, createStorage, http, injected, mock, type Config, type Transport } from "wagmi";
import type { ClientChain } from "@/lib/client-chain";
import { toViemChain } from "@/lib/networks";

/**
 * The app's one wagmi config: the configured network only, injected wallets (EIP-1193 and every
 * EIP-6963 wallet the browser announces), and in local mode a built-in dev wallet — anvil's
 * unlocked account #1, which anvil itself signs for, so no key ever reaches the browser.
 * Cookie storage keeps the connection across pages and lets the server render it (SSR-safe).
 */
export function createWagmiConfig(chain: ClientChain): Config {
  const viemChain = toViemChain(chain, chain.rpcUrl);
  return createConfig({
    chains: [viemChain],
    connectors: [
      injected(),
      ...(chain.devWallet ? [mock({ accounts: [chain.devWallet], features: { reconnect: true } })] : []),
    ],
    multiInjectedProviderDiscovery: true,
    ssr: true,
    storage: createStorage({ storage: cookieStorage }),
    transports: { [viemChain.id]: http(chain.rpcUrl) } as Record<number, Transport>,
  });
}
