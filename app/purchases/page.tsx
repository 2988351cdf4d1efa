import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import Link from "next/link";
import { cookieToInitialState } from "wagmi";
import { StatusBadge } from "@/components/dashboard/StatusBadge";
import { TxHash } from "@/components/dashboard/TxHash";
import { EmptyState } from "@/components/ui/EmptyState";
import { SignInWithEthereum } from "@/components/wallet/SignInWithEthereum";
import { SignOutButton } from "@/components/wallet/SignOutButton";
import { WalletProvider } from "@/components/wallet/WalletProvider";
import { createWagmiConfig } from "@/components/wallet/wagmi-config";
import { readReaderSession } from "@/lib/auth/session";
import { READER_SIWE_STATEMENT } from "@/lib/auth/siwe";
import { clientChain } from "@/lib/wallet/client-chain";
import { listPurchases, type Purchase } from "@/lib/db/queries/payments";
import { env } from "@/lib/env";
import { shortAddress } from "@/lib/format/address";
import { formatDateTime } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";

export const metadata: Metadata = { title: "My purchases" };
export const dynamic = "force-dynamic";

function access(purchase: Purchase): string {
  if (purchase.status !== "settled") return "once it settles";
  if (purchase.accessSeconds === 0) return purchase.resourceKind === "api" ? "that request" : "that view";
  return purchase.accessActive && purchase.accessUntil ? `until ${formatDateTime(purchase.accessUntil)}` : "expired";
}

/** A reader's receipts: what the signed-in wallet paid for, from the ledger. */
export default async function PurchasesPage() {
  const session = await readReaderSession(await cookies());
  if (!session) {
    const chain = clientChain(env);
    const initialState = cookieToInitialState(createWagmiConfig(chain), (await headers()).get("cookie"));
    return (
      <div className="mx-auto max-w-lg space-y-6">
        <header>
          <h1 className="text-3xl font-semibold tracking-tight">My purchases</h1>
          <p className="mt-2 text-stone-600">
            Sign in with the wallet you paid with to see its receipts. Signing proves the wallet is yours; it costs nothing.
          </p>
        </header>
        <div className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
          <WalletProvider chain={chain} initialState={initialState}>
            <SignInWithEthereum chain={chain} statement={READER_SIWE_STATEMENT} endpoint="/api/reader/session" next="/purchases" />
          </WalletProvider>
        </div>
      </div>
    );
  }

  const purchases = await listPurchases(session.address);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">My purchases</h1>
          <p className="mt-1 text-sm text-stone-600">
            Paid by <span className="font-mono">{shortAddress(session.address)}</span> · {env.network.label}
          </p>
        </div>
        <SignOutButton endpoint="/api/reader/session" next="/purchases" />
      </header>
      {purchases.length === 0 ? (
        <EmptyState title="This wallet has not paid for anything here yet">
          <Link href="/" className="link-button">
            Browse the articles
          </Link>
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-xl border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-xs uppercase text-stone-500">
              <tr>
                <th scope="col" className="px-3 py-2">What</th>
                <th scope="col" className="px-3 py-2 text-right">Amount</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Paid (UTC)</th>
                <th scope="col" className="px-3 py-2">Access</th>
                <th scope="col" className="px-3 py-2">Transaction</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {purchases.map((purchase) => (
                <tr key={purchase.id} data-testid="purchase-row">
                  <td className="px-3 py-2">
                    {purchase.resourceKind === "api" ? (
                      purchase.resourceTitle
                    ) : (
                      <Link href={purchase.resourcePath} className="link-button">
                        {purchase.resourceTitle}
                      </Link>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatUsdcWithSymbol(purchase.amount)}</td>
                  <td className="px-3 py-2">
                    <StatusBadge status={purchase.status} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-stone-600">{formatDateTime(purchase.createdAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2">{access(purchase)}</td>
                  <td className="px-3 py-2">
                    <TxHash hash={purchase.txHash} explorerUrl={env.network.explorerUrl} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-sm text-stone-600">
        On another device, open an article you paid for and choose <em>Already paid? Sign in with your wallet</em>: access
        comes back for what remains of its window, without paying again.
      </p>
    </div>
  );
}
