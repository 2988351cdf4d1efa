/**
 * Demo content for a fresh install: three articles at different prices and one paid API.
 * Idempotent: rows are matched by path and slug, so running it again changes nothing.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { Address } from "viem";
import type { NetworkConfig } from "@/lib/networks";
import type { Db } from "./client";
import { articles, resources } from "./schema";

interface DemoArticle {
  slug: string;
  title: string;
  author: string;
  price: bigint;
  teaser: string;
  body: string;
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    slug: "http-402-payment-required",
    title: "HTTP 402, twenty-five years later",
    author: "Ada Ledger",
    price: 10_000n,
    teaser:
      "The web shipped with a status code for payments in 1997 and then forgot about it. Stablecoins and signed authorizations finally give it something to do.",
    body: `“402 Payment Required — reserved for future use.” For a quarter of a century that was the whole specification. Browsers knew the number, servers never sent it, and paying for a page meant leaving the page: a sign-up form, a card form, a subscription you did not want.

x402 fills the reservation with a small, boring protocol. The server answers 402 with a PAYMENT-REQUIRED header: what it costs, in which token, on which network, and who gets paid. The client signs a transfer authorization for exactly that amount and repeats the request with a PAYMENT-SIGNATURE header. The server has it checked and settled, and answers with the content and a PAYMENT-RESPONSE header carrying the transaction hash.

Nothing in that exchange needs an account. The signature is the payment and the identity at once, and the receipt is public. That is why the same URL can serve a person with a browser wallet and a program with a private key: both speak HTTP, both can sign.

The amounts change what is sensible to sell. At a few cents per request, the fixed cost of a card payment would eat the price; a signed USDC transfer settled by a facilitator costs a fraction of a cent in gas. An article can cost a cent. An API call can cost a tenth of one.

What remains is product work: remembering that a reader already paid, telling an agent exactly why its payment was refused, and keeping a ledger a publisher can trust. That is what this template is about.`,
  },
  {
    slug: "paying-without-an-account",
    title: "Paying for one article without opening an account",
    author: "Ben Satoshi",
    price: 50_000n,
    teaser:
      "Subscriptions sell access to everything to people who wanted one thing. A signed five-cent payment sells the one thing, and the reader keeps access for a day.",
    body: `A reader lands on an article from a link. The publisher would like to be paid; the reader would like to read. A subscription asks the reader to commit to months of a publication to settle one paragraph of curiosity, and most of them leave.

With x402 the page itself is the checkout. The teaser shows, then a price and a button. Clicking it asks the wallet to sign one authorization — "move 0.05 USDC from me to the publisher, valid for five minutes" — and nothing else. No approval of unlimited spending, no stored card, no password.

The server checks the signature, has the transfer settled on chain, writes a row in its ledger, and gives the browser a grant: a signed cookie that says "this wallet paid for this article until tomorrow". Reloading the page does not ask again. Another article does.

The grant is deliberately narrow. It names one resource and an expiry, it is signed by the server, and it is HttpOnly, so scripts on the page cannot lift it. If the reader comes back on another device, signing in with the same wallet can restore access from the ledger without paying twice.

For the publisher the difference shows up in the dashboard: every payment with its payer, amount and transaction, and prices that can change without a deploy.`,
  },
  {
    slug: "how-settlement-works",
    title: "How a facilitator settles a signed USDC transfer",
    author: "Carla Nonce",
    price: 250_000n,
    teaser:
      "Between the signature and the receipt sits a facilitator: it checks the authorization against the price, simulates it, and submits it on chain. Here is what each step protects against.",
    body: `An x402 payment on an EVM chain is an EIP-3009 authorization: a typed-data signature over from, to, value, a validity window and a random nonce, in the token's own EIP-712 domain. USDC implements transferWithAuthorization, so anyone holding that signature can submit it — and the token moves exactly that value, once.

The facilitator is the party that submits it. Before it does, it verifies: that the signature recovers to the payer, that the recipient and amount equal what the server asked for, that the window is open, and — by simulating the call — that the balance is there and the nonce unused. Only then does it pay the gas and send the transaction.

The resource server stays in charge of the terms. It builds the requirement from its own price list, and refuses a payment whose accepted terms differ in any field. A client cannot talk the server into a cheaper price by editing the payload; the signature would no longer match, or the terms would not.

Replays are stopped twice. The token refuses a nonce it has seen, and this template's ledger refuses an authorization it has already recorded, before the facilitator is even asked. Under a burst of identical requests, exactly one settles.

When something goes wrong between the two — the facilitator times out, the RPC node goes away — the ledger row stays pending with its reason. The authorization either landed on chain or it did not, and the chain can be asked which: that is what reconciliation does.`,
  },
];

export const DEMO_API = {
  path: "/api/insights",
  title: "Insight of the day (API)",
  description: "A JSON insight about paid APIs, one per call",
  price: 2_000n,
};

export async function seedDemoContent(
  db: Db,
  options: { network: NetworkConfig; payTo: Address; accessSeconds: number },
): Promise<{ created: string[] }> {
  const created: string[] = [];
  const common = { network: options.network.caip2, asset: options.network.usdc.address, payTo: options.payTo };

  await db.transaction(async (tx) => {
    for (const [index, article] of DEMO_ARTICLES.entries()) {
      const path = `/articles/${article.slug}`;
      const [existing] = await tx.select({ id: resources.id }).from(resources).where(eq(resources.path, path));
      if (existing) continue;
      const [resource] = await tx
        .insert(resources)
        .values({
          ...common,
          kind: "page",
          path,
          title: article.title,
          description: article.teaser,
          price: article.price,
          accessSeconds: options.accessSeconds,
          mimeType: "text/html",
        })
        .returning({ id: resources.id });
      await tx.insert(articles).values({
        resourceId: resource!.id,
        slug: article.slug,
        title: article.title,
        author: article.author,
        teaser: article.teaser,
        body: article.body,
        // A day apart, newest first, so the home page has an order.
        publishedAt: new Date(Date.now() - index * 86_400_000),
      });
      created.push(path);
    }

    const [api] = await tx.select({ id: resources.id }).from(resources).where(eq(resources.path, DEMO_API.path));
    if (!api) {
      await tx.insert(resources).values({
        ...common,
        kind: "api",
        path: DEMO_API.path,
        title: DEMO_API.title,
        description: DEMO_API.description,
        price: DEMO_API.price,
        accessSeconds: 0,
        mimeType: "application/json",
      });
      created.push(DEMO_API.path);
    }
  });
  return { created };
}
