/**
 * What a reader keeps after paying, in a real browser: the paid body never reaches a browser that
 * has not paid (HTML, RSC payload, prefetches); a pass opens every article; a wallet that paid
 * signs in on another device (Sign-In-With-X, a fresh browser context) and reads again without
 * paying; "My purchases" lists its receipts. Payers are anvil #2 and #8, used by no other spec.
 */
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { ACCOUNTS, installTestWallet } from "./support/wallet";

const ARTICLE = "/articles/http-402-payment-required";
const TITLE = "HTTP 402, twenty-five years later";
const TEASER_SENTENCE = "Stablecoins and signed authorizations finally give it something to do.";
/** One sentence from each article's paid body. */
const PAID_SENTENCES: Record<string, string> = {
  [ARTICLE]: "At a few cents per request, the fixed cost of a card payment would eat the price",
  "/articles/how-settlement-works": "An x402 payment on an EVM chain is an EIP-3009 authorization",
  "/articles/paying-without-an-account": "The grant is deliberately narrow.",
};
const ALL_ARTICLES = Object.keys(PAID_SENTENCES);
const PASS = "/passes/day";

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/reader-returns/${name}.png`, fullPage: true });

/** Every response body the page receives for `path` (documents, RSC payloads, prefetches, fetches). */
function recordBodies(page: Page, path: string): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === path) bodies.push(response.text().catch(() => ""));
  });
  return bodies;
}

/** Pays whatever the page asks (another spec changes this article's price); returns the price label. */
async function pay(page: Page): Promise<string> {
  const open = page.getByRole("button", { name: /^Pay [\d.]+ USDC to read$/ });
  const priceLabel = (await open.textContent())!.replace(/^Pay | to read$/g, "");
  await open.click();
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await page.getByRole("button", { name: `Pay ${priceLabel}`, exact: true }).click();
  return priceLabel;
}

async function newReader(browser: { newContext(): Promise<BrowserContext> }, account: number) {
  const context = await browser.newContext();
  const wallet = await installTestWallet(context, account);
  return { context, wallet, page: await context.newPage() };
}

test.describe.configure({ mode: "serial" });

/** What the returning reader paid for ARTICLE, for My purchases to show. */
let paidPrice = "";

test("a locked article's HTML and RSC payloads carry the teaser and never the paid body", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = recordBodies(page, ARTICLE);

  // From the home page (which prefetches article links) to the article by a client-side link.
  await page.goto("/");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`${ARTICLE}$`));
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Pay [\d.]+ USDC to read$/ })).toBeVisible();

  // The App Router's own request for the page's RSC payload, as a client-side navigation sends it.
  const rsc = await page.request.get(ARTICLE, { headers: { RSC: "1", Accept: "*/*" } });
  expect(rsc.status()).toBe(402);
  expect(await rsc.text()).not.toContain(PAID_SENTENCES[ARTICLE]);

  const received = await Promise.all(bodies);
  expect(received.some((body) => body.includes(TEASER_SENTENCE))).toBe(true);
  for (const body of received) expect(body).not.toContain(PAID_SENTENCES[ARTICLE]);
  await expect(page.getByText(PAID_SENTENCES[ARTICLE]!)).toHaveCount(0);
  await context.close();
});

test("a day pass opens every article, and the home page says so", async ({ browser }) => {
  const { context, page, wallet } = await newReader(browser, ACCOUNTS.passBuyer);
  const locked = await page.goto(PASS);
  expect(locked?.status()).toBe(402);
  await expect(page.getByRole("heading", { name: "Get the day pass for 0.20 USDC" })).toBeVisible();
  await shot(page, "1-pass-offer");

  expect(await pay(page)).toBe("0.20 USDC");
  await expect(page.getByLabel("Receipt")).toContainText("Your pass is active");
  await expect(page.getByLabel("Receipt")).toContainText("0.20 USDC paid by 0x3C44…93BC");
  await shot(page, "2-pass-active");

  await page.goto("/");
  await expect(page.getByTestId("pass-active")).toBeVisible();
  await expect(page.getByTestId("unlocked-badge")).toHaveCount(ALL_ARTICLES.length);
  await shot(page, "3-home-with-pass");

  for (const article of ALL_ARTICLES) {
    const response = await page.goto(article);
    expect(response?.status(), article).toBe(200);
    await expect(page.getByText(PAID_SENTENCES[article]!)).toBeVisible();
  }
  // The pass holds for programs sharing the browser's cookies too: the article as markdown.
  const markdown = await page.request.get(ARTICLE, { headers: { Accept: "text/markdown" } });
  expect(markdown.status()).toBe(200);
  expect(await markdown.text()).toContain(PAID_SENTENCES[ARTICLE]);
  expect(wallet.signed).toEqual(["eth_signTypedData_v4"]);
  await context.close();
});

test("a reader who paid signs in on another device and reads without paying again", async ({ browser }) => {
  const first = await newReader(browser, ACCOUNTS.returningReader);
  await first.page.goto(ARTICLE);
  paidPrice = await pay(first.page);
  await expect(first.page.getByText(PAID_SENTENCES[ARTICLE]!)).toBeVisible();
  await first.context.close();

  // Another browser, nothing stored, the same wallet.
  const second = await newReader(browser, ACCOUNTS.returningReader);
  const locked = await second.page.goto(ARTICLE);
  expect(locked?.status()).toBe(402);
  await second.page.getByRole("button", { name: "Already paid? Sign in with your wallet" }).click();
  await second.page.getByRole("button", { name: "Test Wallet" }).click();
  await shot(second.page, "4-sign-in-offer");
  await second.page.getByRole("button", { name: "Sign in instead of paying" }).click();
  await expect(second.page.getByText(PAID_SENTENCES[ARTICLE]!)).toBeVisible();
  await expect(second.page.getByLabel("Receipt")).toContainText("Unlocked");
  expect(second.wallet.signed).toEqual(["personal_sign"]);
  await shot(second.page, "5-signed-in");

  const reloaded = await second.page.reload();
  expect(reloaded?.status()).toBe(200);
  await expect(second.page.getByText(PAID_SENTENCES[ARTICLE]!)).toBeVisible();
  expect(second.wallet.signed).toEqual(["personal_sign"]);
  await second.context.close();
});

test("a pass is recovered by signing in on another device", async ({ browser }) => {
  const { context, page, wallet } = await newReader(browser, ACCOUNTS.passBuyer);
  await page.goto(PASS);
  await page.getByRole("button", { name: "Already paid? Sign in with your wallet" }).click();
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await page.getByRole("button", { name: "Sign in instead of paying" }).click();
  await expect(page.getByLabel("Receipt")).toContainText("Your pass is active");
  const response = await page.goto("/articles/how-settlement-works");
  expect(response?.status()).toBe(200);
  expect(wallet.signed).toEqual(["personal_sign"]);
  await context.close();
});

test("a wallet that never paid is told so when it signs in, and can still pay", async ({ browser }) => {
  const { context, page, wallet } = await newReader(browser, ACCOUNTS.outsider);
  await page.goto(ARTICLE);
  await page.getByRole("button", { name: "Already paid? Sign in with your wallet" }).click();
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await page.getByRole("button", { name: "Sign in instead of paying" }).click();
  await expect(page.getByText("No payment from this wallet with access still open was found.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Pay [\d.]+ USDC$/ })).toBeEnabled();
  await expect(page.getByText(PAID_SENTENCES[ARTICLE]!)).toHaveCount(0);
  expect(wallet.signed).toEqual(["personal_sign"]);
  await shot(page, "6-never-paid");
  await context.close();
});

test("My purchases lists what the wallet paid for, after it signs in", async ({ browser }) => {
  const { context, page } = await newReader(browser, ACCOUNTS.returningReader);
  await page.goto("/purchases");
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await page.getByRole("button", { name: "Sign in with Ethereum" }).click();

  const rows = page.getByTestId("purchase-row");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(TITLE);
  await expect(rows).toContainText(paidPrice);
  await expect(rows).toContainText("settled");
  await expect(rows).toContainText(/until /);
  await expect(rows.locator("[title^='0x']")).toHaveAttribute("title", /^0x[0-9a-f]{64}$/);
  await shot(page, "7-purchases");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in with Ethereum" })).toBeVisible();
  await context.close();
});
