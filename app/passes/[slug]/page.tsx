import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Paywall } from "@/components/paywall/Paywall";
import { Receipt } from "@/components/ui/Receipt";
import { readGrant } from "@/lib/access/grants";
import { clientChain } from "@/lib/wallet/client-chain";
import { findResourceForSale } from "@/lib/db/queries/resources";
import { env } from "@/lib/env";
import { formatAccessWindow } from "@/lib/format/time";
import { formatUsdcWithSymbol } from "@/lib/format/money";

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

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-2">
        <p className="text-sm font-medium text-accent-700 dark:text-accent-300">Pass</p>
        <h1 className="font-serif text-3xl font-semibold tracking-tight break-words sm:text-4xl">{pass.title}</h1>
        <p className="text-lg text-stone-700 dark:text-stone-300">{pass.description}</p>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          {priceLabel} · every article for {formatAccessWindow(pass.accessSeconds)}
        </p>
      </header>
      {held ? (
        <Receipt title="Your pass is active: every article is open." grant={held} explorerUrl={env.network.explorerUrl}>
          <p>
            <Link href="/" className="link-button">
              Read any article
            </Link>
          </p>
        </Receipt>
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
