"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { erc20Abi } from "viem";
import { useConfig, useReadContract } from "wagmi";
import { getWalletClient } from "wagmi/actions";
import { WalletPicker, useWalletState } from "@/components/wallet/WalletPicker";
import { WalletProvider } from "@/components/wallet/WalletProvider";
import { Notice } from "@/components/ui/Notice";
import { TEXT_TONES } from "@/components/ui/tone";
import { describeWalletError, isUserRejection } from "@/components/wallet/errors";
import type { ClientChain } from "@/lib/wallet/client-chain";
import { shortAddress } from "@/lib/format/address";
import { formatUsdcWithSymbol } from "@/lib/format/money";
import {
  createPayingFetch,
  readPaymentReceipt,
  resendPayment,
  signerFromWalletClient,
  type PaymentSigner,
} from "@/lib/x402/client/pay";
import { createSignInFetch, messageSignerFromWalletClient } from "@/lib/x402/client/sign-in";
import type { PaywallProps } from "./Paywall";

type PayState =
  | { step: "ready"; note?: string }
  | { step: "signing" }
  | { step: "settling" }
  | { step: "unlocked"; txHash?: string; articleHtml?: string }
  // The payment was sent and may have landed: the same signed payment is asked about again.
  | { step: "pending"; paymentHeader: string; attempt: number }
  // The server could not settle just now; the payment already signed can be sent again as is.
  | { step: "resendable"; message: string; paymentHeader: string }
  // Refused, or failed before anything was signed: another attempt needs a new signature.
  | { step: "failed"; message: string };

/**
 * Answers after which sending the same signed payment again is safe and worth it: the facilitator
 * or the ledger was unavailable (502/503), or this very authorization is settling right now (409).
 * An authorization settles at most once, and the server answers a retry of a settled one with the
 * content, so a resend never charges twice.
 */
const RESENDABLE_STATUSES = new Set([409, 502, 503]);
/** How many times a payment the server says is pending or settling is asked about again on its own. */
const AUTOMATIC_RESENDS = 6;
const JSON_ACCEPT = { Accept: "application/json" };
const NO_ANSWER = "The server did not answer. Your signed payment is kept; nothing is charged twice.";
const DECLINED = "You declined the signature in your wallet; nothing was paid.";

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

function Spinner() {
  return <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />;
}

/** Local mode: tops the wallet up from the app's dev faucet (app/api/dev/faucet). */
function MintTestUsdc({ address, onMinted }: { address: `0x${string}`; onMinted: (amount: bigint) => void }) {
  const [minting, setMinting] = useState(false);
  const [error, setError] = useState<string>();

  async function mint() {
    setMinting(true);
    setError(undefined);
    try {
      const response = await fetch("/api/dev/faucet", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ address }),
      });
      const body = (await response.json().catch(() => ({}))) as { amount?: string; message?: string };
      if (!response.ok || !body.amount) throw new Error(body.message ?? `The dev faucet answered HTTP ${response.status}.`);
      onMinted(BigInt(body.amount));
    } catch (mintError) {
      setError(describeWalletError(mintError));
    } finally {
      setMinting(false);
    }
  }

  return (
    <div className="space-y-1">
      <button type="button" className="button-secondary gap-2" disabled={minting} aria-busy={minting} onClick={mint}>
        {minting && <Spinner />}
        {minting ? "Minting test USDC…" : "Mint 10 test USDC"}
      </button>
      {error && (
        <p role="alert" className={TEXT_TONES.danger}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Not enough USDC for the price: how much is missing, and where test USDC comes from (never on mainnet). */
function ShortOfUsdc(props: {
  chain: ClientChain;
  address: `0x${string}`;
  missing: bigint;
  priceLabel: string;
  onMinted: (amount: bigint) => void;
  onCheckAgain: () => void;
}) {
  const { chain } = props;
  const testUsdc = chain.testUsdc;
  return (
    <Notice tone="warning" className="space-y-3">
      <p role="status">
        This costs {props.priceLabel}: you need <strong>{formatUsdcWithSymbol(props.missing)} more</strong> on{" "}
        {chain.label}.
      </p>
      {testUsdc?.kind === "mint" && <MintTestUsdc address={props.address} onMinted={props.onMinted} />}
      {testUsdc?.kind === "faucet" && (
        <p>
          <a className="link-button" href={testUsdc.url} target="_blank" rel="noopener noreferrer">
            Get test USDC from Circle&apos;s faucet
          </a>{" "}
          (choose {chain.label} and paste your address), then check again.
        </p>
      )}
      {!testUsdc && <p>Add USDC on {chain.label} to this wallet, then check again.</p>}
      <button type="button" className="link-button" onClick={props.onCheckAgain}>
        Check my balance again
      </button>
    </Notice>
  );
}

/** A connected wallet on the right network: its balance, then paying, step by step. */
function Checkout({ address, resourcePath, price, priceLabel, chain, payPerView }: PaywallProps & { address: `0x${string}` }) {
  const config = useConfig();
  const router = useRouter();
  const [state, setState] = useState<PayState>({ step: "ready" });
  // The button is disabled on the next render; a second click landing before that must not pay twice.
  const inFlight = useRef(false);
  const amount = BigInt(price);
  const balance = useReadContract({
    address: chain.usdc,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [address],
    chainId: chain.chainId,
  });
  const missing = balance.data !== undefined && balance.data < amount ? amount - balance.data : undefined;

  async function finish(response: Response, paymentHeader: string | undefined, attempt = 0) {
    if (response.ok) {
      const txHash = readPaymentReceipt(response)?.transaction;
      if (payPerView) {
        // Nothing is kept for a pay-per-view article: show what this payment bought, here, once.
        const paid = (await response.json().catch(() => undefined)) as { bodyHtml?: unknown } | undefined;
        setState({ step: "unlocked", txHash, articleHtml: typeof paid?.bodyHtml === "string" ? paid.bodyHtml : undefined });
        void balance.refetch(); // the page stays as it is: show what the payment took
        return;
      }
      setState({ step: "unlocked", txHash });
      router.refresh(); // the grant cookie is set: the server now renders the article and its receipt
      return;
    }
    const retryAfter = Number(response.headers.get("Retry-After"));
    if (paymentHeader && (response.status === 409 || response.status === 502) && retryAfter > 0 && attempt < AUTOMATIC_RESENDS) {
      // Pending or settling: the same payment gets the article once it settles; never sign again.
      setState({ step: "pending", paymentHeader, attempt: attempt + 1 });
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, 10) * 1000));
      const again = await resendPayment(resourcePath, paymentHeader, { headers: JSON_ACCEPT }).catch(() => undefined);
      if (again) return finish(again, paymentHeader, attempt + 1);
      setState({ step: "resendable", message: NO_ANSWER, paymentHeader });
      return;
    }
    const message = await refusalMessage(response);
    if (paymentHeader && RESENDABLE_STATUSES.has(response.status)) {
      setState({ step: "resendable", message, paymentHeader });
    } else {
      setState({ step: "failed", message });
      void balance.refetch(); // a refusal for a low balance then shows what is missing
    }
  }

  async function pay() {
    if (inFlight.current) return;
    inFlight.current = true;
    setState({ step: "signing" });
    let paymentHeader: string | undefined;
    // @x402/fetch rethrows signing errors as a plain Error (message only): keep the wallet's own
    // error to tell a declined signature from a failure.
    let walletError: unknown;
    try {
      const signer = signerFromWalletClient(await getWalletClient(config, { chainId: chain.chainId }));
      const watchedSigner: PaymentSigner = {
        address: signer.address,
        signTypedData: (typedData) =>
          signer.signTypedData(typedData).catch((error: unknown) => {
            walletError = error;
            throw error;
          }),
      };
      const payingFetch = createPayingFetch({
        signer: watchedSigner,
        network: chain.caip2,
        asset: chain.usdc,
        maxAmountPerPayment: amount,
        onSigned: (header) => {
          paymentHeader = header;
          setState({ step: "settling" });
        },
      });
      await finish(await payingFetch(resourcePath, { headers: JSON_ACCEPT }), paymentHeader);
    } catch (error) {
      if (isUserRejection(walletError ?? error)) setState({ step: "ready", note: DECLINED });
      else if (paymentHeader) setState({ step: "resendable", message: NO_ANSWER, paymentHeader });
      else setState({ step: "failed", message: describeWalletError(walletError ?? error) });
    } finally {
      inFlight.current = false;
    }
  }

  async function resend(paymentHeader: string) {
    if (inFlight.current) return;
    inFlight.current = true;
    setState({ step: "settling" });
    try {
      await finish(await resendPayment(resourcePath, paymentHeader, { headers: JSON_ACCEPT }), paymentHeader);
    } catch {
      setState({ step: "resendable", message: NO_ANSWER, paymentHeader });
    } finally {
      inFlight.current = false;
    }
  }

  const busy = state.step === "signing" || state.step === "settling" || state.step === "pending";
  const showShortfall = missing !== undefined && (state.step === "ready" || state.step === "failed");
  // Pay only once the balance is known; if it can't be read, paying still works (the facilitator checks).
  const showPayButton = busy || (state.step === "ready" && !showShortfall && (balance.data !== undefined || balance.isError));

  return (
    <div className="space-y-3 text-sm">
      {balance.data !== undefined ? (
        <p className="text-stone-600 dark:text-stone-400">
          Your balance: <span className="font-medium text-stone-900 dark:text-stone-100">{formatUsdcWithSymbol(balance.data)}</span> on{" "}
          {chain.label}.
        </p>
      ) : balance.isError ? (
        <p role="alert" className="text-stone-700 dark:text-stone-300">
          Your USDC balance could not be read ({describeWalletError(balance.error)}). You can still pay: the payment is
          checked before it settles.{" "}
          <button type="button" className="link-button" onClick={() => void balance.refetch()}>
            Check again
          </button>
        </p>
      ) : (
        <p role="status" className="text-stone-600 dark:text-stone-400">
          Checking your USDC balance…
        </p>
      )}

      {showShortfall && (
        <ShortOfUsdc
          chain={chain}
          address={address}
          missing={missing}
          priceLabel={priceLabel}
          onMinted={(minted) => {
            setState({ step: "ready", note: `Added ${formatUsdcWithSymbol(minted)} from the dev faucet to your wallet.` });
            void balance.refetch();
          }}
          onCheckAgain={() => void balance.refetch()}
        />
      )}

      {showPayButton && (
        <button type="button" className="button-primary gap-2" disabled={busy} aria-busy={busy} onClick={pay}>
          {busy && <Spinner />}
          {state.step === "signing" ? "Waiting for your wallet…" : state.step === "ready" ? `Pay ${priceLabel}` : "Settling…"}
        </button>
      )}

      <div role="status" aria-live="polite" className="text-stone-700 dark:text-stone-300">
        {state.step === "ready" && state.note && <p>{state.note}</p>}
        {state.step === "signing" && <p>Confirm the payment of {priceLabel} in your wallet…</p>}
        {state.step === "settling" && (
          <p>Signed. Settling the payment on {chain.label}; this takes a few seconds…</p>
        )}
        {state.step === "pending" && (
          <p>
            Your payment was sent and is waiting for the chain to confirm it. It is not refused and you will not be
            asked to sign again; checking again…
          </p>
        )}
        {state.step === "unlocked" && (
          <p className={`font-medium ${TEXT_TONES.success}`}>
            Paid{state.txHash && ` in transaction ${shortAddress(state.txHash)}`}.{" "}
            {payPerView ? "Here is the article you paid for; reloading the page asks for a new payment." : "Unlocking the article…"}
          </p>
        )}
      </div>

      {state.step === "unlocked" && state.articleHtml !== undefined && (
        // Rendered by the server's markdown renderer (lib/markdown.ts), which escapes raw HTML and unsafe URLs.
        <div data-testid="paid-article" className="prose-article border-t border-stone-200 pt-4 dark:border-stone-700" dangerouslySetInnerHTML={{ __html: state.articleHtml }} />
      )}

      {state.step === "resendable" && (
        <Notice tone="danger" role="alert" className="space-y-2">
          <p>{state.message}</p>
          <p>Trying again sends the payment you already signed; your wallet is not asked again.</p>
          <button type="button" className="button-secondary" onClick={() => resend(state.paymentHeader)}>
            Try again
          </button>
        </Notice>
      )}
      {state.step === "failed" && (
        <Notice tone="danger" role="alert" className="space-y-2">
          <p>{state.message}</p>
          {!showShortfall && (
            <>
              <p>Trying again asks your wallet for a new signature.</p>
              <button type="button" className="button-secondary" onClick={pay}>
                Try again
              </button>
            </>
          )}
        </Notice>
      )}
    </div>
  );
}

/**
 * Paid before, on another device? Signing the 402's Sign-In-With-X challenge with the same wallet
 * gets access back for what remains of the window (the server checks its ledger); nothing is paid.
 */
function RegainAccess({ resourcePath, chain }: PaywallProps) {
  const config = useConfig();
  const router = useRouter();
  const [state, setState] = useState<{ step: "idle" | "signing" | "welcome" } | { step: "none" | "failed"; message: string }>({
    step: "idle",
  });

  async function signIn() {
    setState({ step: "signing" });
    try {
      const signer = messageSignerFromWalletClient(await getWalletClient(config, { chainId: chain.chainId }));
      const response = await createSignInFetch(signer)(resourcePath, { headers: JSON_ACCEPT });
      if (response.ok) {
        setState({ step: "welcome" });
        router.refresh();
      } else if (response.status === 402) {
        setState({ step: "none", message: "No payment from this wallet with access still open was found." });
      } else {
        setState({ step: "failed", message: await refusalMessage(response) });
      }
    } catch (error) {
      setState(isUserRejection(error) ? { step: "idle" } : { step: "failed", message: describeWalletError(error) });
    }
  }

  return (
    <div className="space-y-2 border-t border-stone-200 pt-3 text-sm dark:border-stone-700">
      <p className="text-stone-600 dark:text-stone-400">Already paid with this wallet, on another device?</p>
      <button type="button" className="button-secondary gap-2" disabled={state.step === "signing"} onClick={signIn}>
        {state.step === "signing" && <Spinner />}
        {state.step === "signing" ? "Sign the message in your wallet…" : "Sign in instead of paying"}
      </button>
      <div role="status" aria-live="polite" className="text-stone-700 dark:text-stone-300">
        {state.step === "welcome" && <p className={`font-medium ${TEXT_TONES.success}`}>Welcome back. Unlocking…</p>}
        {(state.step === "none" || state.step === "failed") && <p>{state.message}</p>}
      </div>
    </div>
  );
}

function PayFlow(props: PaywallProps) {
  const wallet = useWalletState(props.chain);
  return (
    <div className="space-y-4">
      <WalletPicker chain={props.chain} />
      {/* Keyed by address: another account starts over with its own balance. */}
      {wallet.status === "ready" && <Checkout key={wallet.address} address={wallet.address} {...props} />}
      {wallet.status === "ready" && props.canSignIn && <RegainAccess key={`back-${wallet.address}`} {...props} />}
    </div>
  );
}

export default function PayPanel(props: PaywallProps) {
  const panel = useRef<HTMLDivElement>(null);
  // The "Pay … to read" button that opened this panel is gone; keep keyboard focus in the paywall.
  useEffect(() => panel.current?.focus(), []);
  return (
    <div ref={panel} tabIndex={-1} role="group" aria-label="Pay with a wallet" className="outline-none">
      <WalletProvider chain={props.chain}>
        <PayFlow {...props} />
      </WalletProvider>
    </div>
  );
}
