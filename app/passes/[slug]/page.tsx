import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Paywall } from "@/components/paywall/Paywall";
import { readGrant } from "@/lib/access/grants";
import { clientChain } from "@/lib/wallet/client-chain";
import { findResourceForSale } from "@/lib/db/queries/resources";
import { env } from "@/lib/env";
import { shortAddress } from "@/lib/format/address";
import { formatAccessWindow, formatDateTime } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import { explorerTxUrl } from "@/lib/networks";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ slug: string }>;
}

const passAt = (slug: string) => findResourceForSale(`/passes/${slug}`, "pass");

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const pass = await passAt((await params).slug);
  return pass ? { title: pass.title, description: pass.description } : {};
}

/** A pass: one payment opens every article for its window. */
export default async function PassPage({ params }: Props) {
  const pass = await passAt((await params).slug);
  if (!pass) notFound();
  const held = await readGrant(await cookies(), pass);
  const priceLabel = formatUsdcWithSymbol(pass.price);
  const txUrl = held ? explorerTxUrl(env.network, held.txHash) : undefined;

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-2">
        <p className="text-sm font-medium text-accent-700">Pass</p>
        <h1 className="font-serif text-4xl font-semibold tracking-tight">{pass.title}</h1>
        <p className="text-lg text-stone-700">{pass.description}</p>
        <p className="text-sm text-stone-500">
          {priceLabel} · every article for {formatAccessWindow(pass.accessSeconds)}
        </p>
      </header>
      {held ? (
        <aside aria-label="Receipt" className="space-y-2 rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
          <p className="font-medium">Your pass is active until {formatDateTime(new Date(held.expiresAt * 1000))}.</p>
          <p>
            {formatUsdcWithSymbol(held.amount)} paid by <span className="font-mono">{shortAddress(held.payer)}</span> in transaction{" "}
            {txUrl ? (
              <a className="font-mono underline" href={txUrl} title={held.txHash}>
                {shortAddress(held.txHash)}
              </a>
            ) : (
              <span className="font-mono" title={held.txHash}>
                {shortAddress(held.txHash)}
              </span>
            )}
            .
          </p>
          <p>
            <Link href="/" className="link-button">
              Read any article
            </Link>
          </p>
        </aside>
      ) : (
        <Paywall
          resourcePath={pass.path}
          price={pass.price.toString()}
          priceLabel={priceLabel}
          accessLabel={`Every article opens for ${formatAccessWindow(pass.accessSeconds)}.`}
          chain={clientChain(env)}
          canSignIn
          heading={`Get the ${pass.title.toLowerCase()} for ${priceLabel}`}
        />
      )}
    </div>
  );
}
