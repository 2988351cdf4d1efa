import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import Link from "next/link";
import { cookieToInitialState } from "wagmi";
import { EmptyState } from "@/components/ui/EmptyState";
import { LocalTime } from "@/components/ui/LocalTime";
import { PurchaseAccess } from "@/components/ui/Receipt";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { Table } from "@/components/ui/Table";
import { TxHash } from "@/components/ui/TxHash";
import { SignInWithEthereum } from "@/components/wallet/SignInWithEthereum";
import { SignOutButton } from "@/components/wallet/SignOutButton";
import { WalletProvider } from "@/components/wallet/WalletProvider";
import { createWagmiConfig } from "@/components/wallet/wagmi-config";
import { readReaderSession } from "@/lib/auth/session";
import { READER_SIWE_STATEMENT } from "@/lib/auth/siwe";
import { clientChain } from "@/lib/wallet/client-chain";
import { listPurchases } from "@/lib/db/queries/payments";
import { env } from "@/lib/env";
import { shortAddress } from "@/lib/format/address";
import { formatUsdcWithSymbol } from "@/lib/format/money";

export const metadata: Metadata = { title: "My purchases" };
export const dynamic = "force-dynamic";

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
          <p className="mt-2 text-stone-600 dark:text-stone-400">
            Sign in with the wallet you paid with to see its receipts. Signing proves the wallet is yours; it costs nothing.
          </p>
        </header>
        <div className="card rounded-2xl p-6">
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
          <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
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
        <Table
          label="Purchases"
          rows={purchases}
          rowKey={(purchase) => purchase.id}
          rowTestId="purchase-row"
          columns={[
            {
              header: "What",
              phone: "title",
              cell: (purchase) =>
                purchase.resourceKind === "api" ? (
                  purchase.resourceTitle
                ) : (
                  <Link href={purchase.resourcePath} className="link-button">
                    {purchase.resourceTitle}
                  </Link>
                ),
            },
            { header: "Amount", numeric: true, phone: "key", cell: (purchase) => formatUsdcWithSymbol(purchase.amount) },
            { header: "Status", phone: "key", cell: (purchase) => <StatusBadge status={purchase.status} /> },
            { header: "Paid", cell: (purchase) => <LocalTime date={purchase.createdAt} /> },
            { header: "Access", cell: (purchase) => <PurchaseAccess purchase={purchase} /> },
            { header: "Transaction", cell: (purchase) => <TxHash hash={purchase.txHash} explorerUrl={env.network.explorerUrl} /> },
          ]}
        />
      )}
      <p className="text-sm text-stone-600 dark:text-stone-400">
        On another device, open an article you paid for and choose <em>Already paid? Sign in with your wallet</em>: access
        comes back for what remains of its window, without paying again.
      </p>
    </div>
  );
}
