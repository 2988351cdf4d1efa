/**
 * Soak: 10,000 mixed requests, 50 at a time, against the production server — 402 challenges for
 * programs and browsers, readers coming back with their grant cookies, and paying agents. Every
 * answer must be the expected one (no error of any kind), and afterwards the ledger's settled
 * total must equal the USDC that reached the publisher on chain.
 */
import { decodePaymentResponseHeader } from "@x402/fetch";
import { beforeAll, describe, expect, it } from "vitest";
import type { PrivateKeyAccount } from "viem/accounts";
import { adminCookie, newFundedPayers, PAY_TO, payingFetch, readLedger, SITE, usdcOf } from "./support/site";

const REQUESTS = 10_000;
const CONCURRENCY = 50;
const API = `${SITE}/api/insights`;
const API_PRICE = 2_000n;
const ARTICLE = `${SITE}/articles/paying-without-an-account`;
const PAID_SENTENCE = "The grant is deliberately narrow.";
const TEASER_SENTENCE = "Subscriptions sell access to everything to people who wanted one thing.";

/** One kind of request in the mix: what to send, and what a correct answer looks like. */
interface Kind {
  name: string;
  /** Out of 100 requests. */
  share: number;
  send(index: number): Promise<Response>;
  check(response: Response): Promise<string | undefined>;
}

let cookie: string;
let payers: PrivateKeyAccount[];
let readers: string[];
let paymentsSent = 0;

const expectStatus = (response: Response, status: number) =>
  response.status === status ? undefined : `HTTP ${response.status} instead of ${status}`;

const KINDS: Kind[] = [
  {
    name: "agent asks the API",
    share: 25,
    send: () => fetch(API, { headers: { Accept: "application/json" } }),
    check: async (response) => expectStatus(response, 402) ?? (response.headers.has("payment-required") ? undefined : "no PAYMENT-REQUIRED"),
  },
  {
    name: "agent asks the article",
    share: 20,
    send: () => fetch(ARTICLE, { headers: { Accept: "application/json" } }),
    check: async (response) => expectStatus(response, 402) ?? ((await response.text()).includes(PAID_SENTENCE) ? "paid body in a 402" : undefined),
  },
  {
    name: "browser opens the article",
    share: 15,
    send: () => fetch(ARTICLE, { headers: { Accept: "text/html" } }),
    check: async (response) => {
      const html = await response.text();
      if (response.status !== 402) return `HTTP ${response.status} instead of 402`;
      if (html.includes(PAID_SENTENCE)) return "paid body in the teaser page";
      return html.includes(TEASER_SENTENCE) ? undefined : "no teaser";
    },
  },
  {
    name: "reader returns with a grant",
    share: 30,
    send: (index) =>
      fetch(ARTICLE, { headers: { Accept: index % 2 ? "text/markdown" : "text/html", Cookie: readers[index % readers.length]! } }),
    check: async (response) => expectStatus(response, 200) ?? ((await response.text()).includes(PAID_SENTENCE) ? undefined : "no paid body"),
  },
  {
    name: "agent pays the API",
    share: 10,
    // Round robin over the payers by payment, not by request index (whose residues set the kind).
    send: () => payingFetch(payers[paymentsSent++ % payers.length]!)(API, { headers: { Accept: "application/json" } }),
    check: async (response) => {
      const status = expectStatus(response, 200);
      if (status) return `${status}: ${await response.text()}`;
      const receipt = decodePaymentResponseHeader(response.headers.get("PAYMENT-RESPONSE") ?? "");
      return receipt.success ? undefined : "no successful receipt";
    },
  },
];

/** Kind of the `index`-th request: the shares, spread evenly through the run. */
function kindOf(index: number): Kind {
  let slot = (index * 37) % 100; // 37 is prime to 100: every slot once per 100 requests, well mixed
  for (const kind of KINDS) {
    if (slot < kind.share) return kind;
    slot -= kind.share;
  }
  throw new Error("shares must add up to 100");
}

beforeAll(async () => {
  cookie = await adminCookie();
  payers = await newFundedPayers(CONCURRENCY, 100_000n);
  // Readers who paid for the article once: their grant cookies come back all through the soak.
  const buyers = await newFundedPayers(10, 1_000_000n);
  readers = await Promise.all(
    buyers.map(async (buyer) => {
      const response = await payingFetch(buyer)(ARTICLE, { headers: { Accept: "text/markdown" } });
      expect(response.status).toBe(200);
      return response.headers.getSetCookie().map((set) => set.split(";")[0]).join("; ");
    }),
  );
});

describe(`${REQUESTS} mixed requests, ${CONCURRENCY} at a time`, () => {
  it("answer every request as they should, and the ledger adds up to the chain", async () => {
    const ledgerBefore = await readLedger(cookie);
    const payToBefore = await usdcOf(PAY_TO);
    const counts = new Map<string, number>();
    const problems: string[] = [];

    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const index = next++;
          const kind = kindOf(index);
          counts.set(kind.name, (counts.get(kind.name) ?? 0) + 1);
          try {
            const problem = await kind.check(await kind.send(index));
            if (problem) problems.push(`#${index} ${kind.name}: ${problem}`);
          } catch (error) {
            problems.push(`#${index} ${kind.name}: ${String(error)}`);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`soak: ${REQUESTS} requests in ${seconds.toFixed(1)} s (${Math.round(REQUESTS / seconds)}/s)`, Object.fromEntries(counts));

    expect(problems.slice(0, 20)).toEqual([]);
    const paid = counts.get("agent pays the API")!;
    const known = new Set(ledgerBefore.map((row) => row.id));
    const added = (await readLedger(cookie)).filter((row) => !known.has(row.id));
    expect(added).toHaveLength(paid);
    expect(added.every((row) => row.status === "settled" && row.amount === API_PRICE && row.resource === "/api/insights")).toBe(true);
    const ledgerTotal = added.reduce((sum, row) => sum + row.amount, 0n);
    expect(ledgerTotal).toBe(BigInt(paid) * API_PRICE);
    expect(await usdcOf(PAY_TO)).toBe(payToBefore + ledgerTotal);
  });
});
