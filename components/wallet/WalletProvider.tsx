"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider, type State } from "wagmi";
import type { ClientChain } from "@/lib/wallet/client-chain";
import { createWagmiConfig } from "./wagmi-config";

export function WalletProvider({
  chain,
  initialState,
  children,
}: {
  chain: ClientChain;
  initialState?: State;
  children: ReactNode;
}) {
  const [config] = useState(() => createWagmiConfig(chain));
  const [queryClient] = useState(() => new QueryClient());
  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </WagmiProvider>
  );
}
