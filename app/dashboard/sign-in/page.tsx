import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cookieToInitialState } from "wagmi";
import { SignInWithEthereum } from "@/components/wallet/SignInWithEthereum";
import { WalletProvider } from "@/components/wallet/WalletProvider";
import { createWagmiConfig } from "@/components/wallet/wagmi-config";
import { currentAdmin } from "@/lib/auth/admin";
import { SIWE_STATEMENT } from "@/lib/auth/siwe";
import { clientChain } from "@/lib/wallet/client-chain";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentAdmin()) redirect("/dashboard");
  const chain = clientChain(env);
  const initialState = cookieToInitialState(createWagmiConfig(chain), (await headers()).get("cookie"));
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <header>
        <h1 className="text-3xl font-semibold tracking-tight">Publisher dashboard</h1>
        <p className="mt-2 text-stone-600 dark:text-stone-400">
          Sign in with an administrator wallet to see payments and prices.
          {chain.devWallet && " In local mode the dev wallet (anvil #1) is an administrator."}
        </p>
      </header>
      <div className="card rounded-2xl p-6">
        <WalletProvider chain={chain} initialState={initialState}>
          <SignInWithEthereum chain={chain} statement={SIWE_STATEMENT} endpoint="/api/auth/session" next="/dashboard" />
        </WalletProvider>
      </div>
    </div>
  );
}
