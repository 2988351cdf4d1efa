"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useConfig } from "wagmi";
import { getWalletClient } from "wagmi/actions";
import { WalletPicker, useWalletState } from "@/components/wallet/WalletPicker";
import { WalletProvider } from "@/components/wallet/WalletProvider";
import { describeWalletError, isUserRejection } from "@/components/wallet/errors";
import { createPayingFetch, readPaymentReceipt, signerFromWalletClient } from "@/lib/x402/client";
import type { PaywallProps } from "./Paywall";

type PayState =
  | { step: "ready"; note?: string }
  | { step: "signing" }
  | { step: "settling" }
  | { step: "unlocked"; txHash: string }
  | { step: "failed"; message: string };

/** What the server says when it refuses a payment (see lib/x402/payment.ts). */
async function refusalMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string };
    if (body.message) return body.message;
  } catch {
    // not JSON: fall through
  }
  return `The server refused the payment (HTTP ${response.status}).`;
}

function PayFlow({ resourcePath, price, priceLabel, chain }: PaywallProps) {
  const config = useConfig();
  const router = useRouter();
  const wallet = useWalletState(chain);
  const [state, setState] = useState<PayState>({ step: "ready" });

  async function pay() {
    setState({ step: "signing" });
    try {
      const walletClient = await getWalletClient(config, { chainId: chain.chainId });
      const payingFetch = createPayingFetch({
        signer: signerFromWalletClient(walletClient),
        network: chain.caip2,
        asset: chain.usdc,
        maxAmountPerPayment: BigInt(price),
        onSigned: () => setState({ step: "settling" }),
      });
      const response = await payingFetch(resourcePath, { headers: { Accept: "application/json" } });
      const receipt = readPaymentReceipt(response);
      if (!response.ok || !receipt?.success) {
        setState({ step: "failed", message: await refusalMessage(response) });
        return;
      }
      setState({ step: "unlocked", txHash: receipt.transaction });
      router.refresh();
    } catch (error) {
      if (isUserRejection(error)) setState({ step: "ready", note: "You declined the signature; nothing was paid." });
      else setState({ step: "failed", message: describeWalletError(error) });
    }
  }

  const busy = state.step === "signing" || state.step === "settling";
  return (
    <div className="space-y-4">
      <WalletPicker chain={chain} />
      {wallet.status === "ready" && state.step !== "unlocked" && (
        <button type="button" className="button-primary" disabled={busy} aria-busy={busy} onClick={pay}>
          {busy ? "Paying…" : `Pay ${priceLabel}`}
        </button>
      )}
      <div role="status" aria-live="polite" className="text-sm">
        {state.step === "ready" && state.note && <p className="text-stone-700">{state.note}</p>}
        {state.step === "signing" && <p className="text-stone-700">Confirm the payment in your wallet…</p>}
        {state.step === "settling" && <p className="text-stone-700">Signed. Settling the payment on {chain.label}…</p>}
        {state.step === "unlocked" && <p className="font-medium text-emerald-700">Paid. Unlocking the article…</p>}
      </div>
      {state.step === "failed" && (
        <div role="alert" className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p>{state.message}</p>
          <button type="button" className="link-button" onClick={() => setState({ step: "ready" })}>
            Try again
          </button>
        </div>
      )}
    </div>
  );
}

export default function PayPanel(props: PaywallProps) {
  return (
    <WalletProvider chain={props.chain}>
      <PayFlow {...props} />
    </WalletProvider>
  );
}
