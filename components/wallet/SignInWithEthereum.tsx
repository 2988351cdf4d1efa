"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createSiweMessage } from "viem/siwe";
import { useSignMessage } from "wagmi";
import { WalletPicker, useWalletState } from "./WalletPicker";
import { describeWalletError } from "./errors";
import { Notice } from "@/components/ui/Notice";
import type { ClientChain } from "@/lib/wallet/client-chain";

type SignInState = { step: "idle" } | { step: "signing" } | { step: "verifying" } | { step: "failed"; message: string };

/**
 * Connect a wallet, sign a Sign-In with Ethereum message (nonce from the server), and open a
 * session at `endpoint`; then go to `next`.
 */
export function SignInWithEthereum({
  chain,
  statement,
  endpoint,
  next,
}: {
  chain: ClientChain;
  statement: string;
  endpoint: string;
  next: string;
}) {
  const router = useRouter();
  const wallet = useWalletState(chain);
  const signMessage = useSignMessage();
  const [state, setState] = useState<SignInState>({ step: "idle" });

  async function signIn(address: `0x${string}`) {
    setState({ step: "signing" });
    try {
      const nonceResponse = await fetch("/api/auth/nonce", { cache: "no-store" });
      if (!nonceResponse.ok) throw new Error("Could not start signing in; try again.");
      const { nonce } = (await nonceResponse.json()) as { nonce: string };
      const message = createSiweMessage({
        domain: window.location.host,
        address,
        statement,
        uri: window.location.origin,
        version: "1",
        chainId: chain.chainId,
        nonce,
        issuedAt: new Date(),
        expirationTime: new Date(Date.now() + 10 * 60 * 1000),
      });
      const signature = await signMessage.mutateAsync({ message });
      setState({ step: "verifying" });
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message, signature }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        setState({ step: "failed", message: body.message ?? `Sign-in failed (HTTP ${response.status}).` });
        return;
      }
      router.push(next);
      router.refresh();
    } catch (error) {
      setState({ step: "failed", message: describeWalletError(error) });
    }
  }

  const busy = state.step === "signing" || state.step === "verifying";
  return (
    <div className="space-y-4">
      <WalletPicker chain={chain} />
      {wallet.status === "ready" && (
        <button type="button" className="button-primary" disabled={busy} aria-busy={busy} onClick={() => signIn(wallet.address)}>
          {state.step === "signing" ? "Sign the message in your wallet…" : state.step === "verifying" ? "Checking…" : "Sign in with Ethereum"}
        </button>
      )}
      {state.step === "failed" && (
        <Notice tone="danger" role="alert">
          {state.message}
        </Notice>
      )}
    </div>
  );
}
