/**
 * Concurrency against the production server: one signed payment sent 100 times at once settles
 * once; 100 payers paying at once all settle, and the ledger matches the chain to the unit.
 */
import { decodePaymentResponseHeader } from "@x402/fetch";
import { beforeAll, describe, expect, it } from "vitest";
import { adminCookie, newFundedPayers, PAY_TO, payingFetch, readLedger, signedPayment, SITE, usdcOf } from "./support/site";

const API = `${SITE}/api/insights`;
const API_PRICE = 2_000n;
const ARTICLE = `${SITE}/articles/how-settlement-works`;
const ARTICLE_PRICE = 250_000n;
const PAID_SENTENCE = "An x402 payment on an EVM chain is an EIP-3009 authorization";
const AT_ONCE = 100;

let cookie: string;
beforeAll(async () => {
  cookie = await adminCookie();
});

/** Sends `header` to `url` AT_ONCE times concurrently. */
function sendAtOnce(url: string, header: string, accept: string): Promise<Response[]> {
  return Promise.all(Array.from({ length: AT_ONCE }, () => fetch(url, { headers: { Accept: accept, "PAYMENT-SIGNATURE": header } })));
}

describe(`one payment sent ${AT_ONCE} times at once`, () => {
  it.each([
    ["a paid API", API, API_PRICE, "application/json", "insight"],
    ["a paid article", ARTICLE, ARTICLE_PRICE, "text/markdown", PAID_SENTENCE],
  ] as const)("%s: settled once, every answer the same receipt or 'in progress', charged once", async (_name, url, price, accept, content) => {
    const [payer] = await newFundedPayers(1, 1_000_000n);
    const header = await signedPayment(url, payer!, accept);
    const [payerBefore, payToBefore] = await Promise.all([usdcOf(payer!.address), usdcOf(PAY_TO)]);

    const responses = await sendAtOnce(url, header, accept);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([]);
    const served = responses.filter((response) => response.status === 200);
    expect(served.length).toBeGreaterThan(0);
    const receipts = new Set(served.map((response) => decodePaymentResponseHeader(response.headers.get("PAYMENT-RESPONSE")!).transaction));
    expect(receipts.size).toBe(1);
    for (const response of served) expect(await response.text()).toContain(content);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(response.headers.get("retry-after")).toBe("3");
      expect(await response.text()).not.toContain(content);
    }

    const rows = (await readLedger(cookie)).filter((row) => row.payer === payer!.address);
    expect(rows).toMatchObject([{ status: "settled", amount: price, txHash: [...receipts][0] }]);
    expect(await usdcOf(payer!.address)).toBe(payerBefore - price);
    expect(await usdcOf(PAY_TO)).toBe(payToBefore + price);
  });
});

describe(`${AT_ONCE} payers at once`, () => {
  it("every one is served and settled; the ledger adds up to what moved on chain", async () => {
    const payers = await newFundedPayers(AT_ONCE, 10_000n);
    const payToBefore = await usdcOf(PAY_TO);

    const responses = await Promise.all(payers.map((payer) => payingFetch(payer)(API, { headers: { Accept: "application/json" } })));
    expect(responses.map((response) => response.status)).toEqual(payers.map(() => 200));

    const mine = new Set(payers.map((payer) => payer.address));
    const rows = (await readLedger(cookie)).filter((row) => mine.has(row.payer as `0x${string}`));
    expect(rows).toHaveLength(AT_ONCE);
    expect(rows.every((row) => row.status === "settled" && row.amount === API_PRICE)).toBe(true);
    expect(new Set(rows.map((row) => row.txHash)).size).toBe(AT_ONCE);
    const balances = await Promise.all(payers.map((payer) => usdcOf(payer.address)));
    expect(balances).toEqual(payers.map(() => 10_000n - API_PRICE));
    const ledgerTotal = rows.reduce((sum, row) => sum + row.amount, 0n);
    expect(await usdcOf(PAY_TO)).toBe(payToBefore + ledgerTotal);
  });
});
