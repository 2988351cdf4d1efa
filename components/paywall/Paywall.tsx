"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { ClientChain } from "@/lib/wallet/client-chain";

export interface PaywallProps {
  /** Path of the paid resource, fetched again with the payment. */
  resourcePath: string;
  /** Price in atomic USDC units, as a decimal string (bigint does not cross into props as JSON). */
  price: string;
  priceLabel: string;
  accessLabel: string;
  chain: ClientChain;
  /** Defaults to "Keep reading for <price>". */
  heading?: string;
  /** Whether a wallet that paid earlier can sign in instead (resources with an access window). */
  canSignIn: boolean;
  /** Every view pays (no access window): the paid article is shown in place, once, not kept. */
  payPerView?: boolean;
}

// The wallet and x402 code (~140 KiB gzip) loads only when the reader starts paying, so an
// article page costs what a plain page costs.
const PayPanel = dynamic(() => import("./PayPanel"), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-stone-600 dark:text-stone-400">
      Loading wallet…
    </p>
  ),
});

export function Paywall(props: PaywallProps) {
  const [paying, setPaying] = useState(false);
  return (
    <section aria-labelledby="paywall-title" className="card rounded-2xl p-6">
      <h2 id="paywall-title" className="text-lg font-semibold">
        {props.heading ?? `Keep reading for ${props.priceLabel}`}
      </h2>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        One payment in USDC on {props.chain.label}, no account. {props.accessLabel}
      </p>
      <div className="mt-4">
        {paying ? (
          <PayPanel {...props} />
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            <button type="button" className="button-primary" onClick={() => setPaying(true)}>
              Pay {props.priceLabel} to read
            </button>
            {props.canSignIn && (
              <button type="button" className="link-button text-sm" onClick={() => setPaying(true)}>
                Already paid? Sign in with your wallet
              </button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
