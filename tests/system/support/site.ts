/**
 * The system suite's view of the running site, from the outside only: HTTP to the site, JSON-RPC
 * to its chain, the official x402 client, and the ledger as the publisher sees it (the dashboard's
 * CSV export, signed in with Sign-In with Ethereum).
 */
import type { Address } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { inject } from "vitest";
import { anvilAddress, DEV_WALLET_ACCOUNT, PAY_TO_ACCOUNT } from "@/lib/local-defaults";
import { anvilKey } from "@/lib/local-defaults";
import { newFundedPayers as fundNewPayers, usdcBalanceOf } from "@/lib/chain/local";
import { LOCAL_USDC_ADDRESS, NETWORKS } from "@/lib/networks";
import { createPayingFetch } from "@/lib/x402/client/pay";

export const SITE = inject("siteUrl");
export const RPC = inject("rpcUrl");
/** The relay the site reaches its chain through (see tests/support/rpc-relay.ts, `setRelayFault`). */
export const RELAY = inject("relayUrl");
export const PAY_TO = anvilAddress(PAY_TO_ACCOUNT);

export const usdcOf = (address: Address) => usdcBalanceOf(RPC, address);

export function anvilAccount(index: number): PrivateKeyAccount {
  return privateKeyToAccount(anvilKey(index));
}

/** The official @x402/fetch client paying from `account`, at most `max` atomic USDC per request. */
export function payingFetch(account: PrivateKeyAccount, max = 1_000_000n): typeof fetch {
  return createPayingFetch({ signer: account, network: NETWORKS.local.caip2, asset: LOCAL_USDC_ADDRESS, maxAmountPerPayment: max });
}

/** `count` new payers holding `amount` TestUSDC each (see lib/chain/local.ts). */
export const newFundedPayers = (count: number, amount: bigint) => fundNewPayers(RPC, count, amount);

/**
 * Sign-In with Ethereum as `account` at `endpoint` (`/api/auth/session` for the dashboard,
 * `/api/reader/session` for a reader): the server's answer, cookies and all.
 */
export async function signIn(account: PrivateKeyAccount, endpoint: string): Promise<Response> {
  const { nonce } = (await (await fetch(`${SITE}/api/auth/nonce`)).json()) as { nonce: string };
  const message = createSiweMessage({
    domain: new URL(SITE).host,
    address: account.address,
    statement: "Sign in to the publisher dashboard.",
    uri: SITE,
    version: "1",
    chainId: NETWORKS.local.chainId,
    nonce,
    issuedAt: new Date(),
    expirationTime: new Date(Date.now() + 10 * 60_000),
  });
  return fetch(`${SITE}${endpoint}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: SITE },
    body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
  });
}

/** The `Cookie` header that sends back what `response` set. */
export const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

/** An admin session cookie: Sign-In with Ethereum as the dev wallet (anvil #1), the default admin. */
export async function adminCookie(): Promise<string> {
  const response = await signIn(anvilAccount(DEV_WALLET_ACCOUNT), "/api/auth/session");
  if (!response.ok) throw new Error(`admin sign-in failed: HTTP ${response.status} ${await response.text()}`);
  return cookiesOf(response);
}

export interface LedgerRow {
  id: number;
  status: string;
  resource: string;
  payer: string;
  amount: bigint;
  txHash: string;
  errorReason: string;
}

/** RFC 4180 fields of one CSV line (the export never puts line breaks inside a field it writes here). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  const pattern = /(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g;
  for (const match of line.matchAll(pattern)) fields.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : (match[2] ?? ""));
  return fields;
}

/** Every payment in the ledger, read through the dashboard's CSV export. */
export async function readLedger(cookie: string): Promise<LedgerRow[]> {
  const response = await fetch(`${SITE}/dashboard/payments/export`, { headers: { Cookie: cookie } });
  if (!response.ok) throw new Error(`the CSV export answered HTTP ${response.status}`);
  const [header, ...lines] = (await response.text()).split("\r\n").filter(Boolean);
  const names = csvFields(header!);
  return lines.map((line) => {
    const record = Object.fromEntries(csvFields(line).map((value, i) => [names[i], value]));
    return {
      id: Number(record.id),
      status: record.status!,
      resource: record.resource!,
      payer: record.payer!,
      amount: BigInt(record.amount_atomic!),
      txHash: record.tx_hash!,
      errorReason: record.error_reason!,
    };
  });
}

/**
 * A PAYMENT-SIGNATURE for `url`, signed by `account` with the official client for the terms the
 * site's 402 states, and not sent: for tests that send one payment many times.
 */
export async function signedPayment(url: string, account: PrivateKeyAccount, accept = "application/json"): Promise<string> {
  let header: string | undefined;
  const sendNothingOnceSigned: typeof fetch = async (input, init) => (header ? new Response(null, { status: 204 }) : fetch(input, init));
  await createPayingFetch({
    signer: account,
    network: NETWORKS.local.caip2,
    asset: LOCAL_USDC_ADDRESS,
    maxAmountPerPayment: 1_000_000n,
    fetch: sendNothingOnceSigned,
    onSigned: (signed) => (header = signed),
  })(url, { headers: { Accept: accept } });
  if (!header) throw new Error(`${url} did not ask for a payment`);
  return header;
}
