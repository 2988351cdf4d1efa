/**
 * Every state of the pay panel a test wallet can reach, each with a screenshot: no wallet, the
 * wallet list with announced icons (at phone width too), wrong network, a declined signature, too
 * little USDC (and the local dev faucet), signing and settling without double payment, a
 * facilitator error retried with the same signature, and the receipt.
 * Payers are anvil #3 and #7 and a key that starts without USDC; grants live per browser context,
 * so these tests don't depend on what other specs paid for the same article.
 */
import { expect, test, type BrowserContext, type Page, type Route } from "@playwright/test";
import { anvilAddress } from "../lib/local-defaults";
import { describeReason } from "../lib/x402/reasons";
import { RPC_URL } from "../playwright.config";
import { ACCOUNTS, UNFUNDED, installTestWallet } from "./support/wallet";

const ARTICLE = "/articles/how-settlement-works";
const PRICE = "0.25 USDC";
const PAID_SENTENCE = "An x402 payment on an EVM chain is an EIP-3009 authorization";
const SIGNED = ["eth_signTypedData_v4"];

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/paywall/${name}.png`, fullPage: true });

const payButton = (page: Page) => page.getByRole("button", { name: `Pay ${PRICE}`, exact: true });

/** Opens the article (a 402 with the teaser) and the pay panel. */
async function openPayPanel(page: Page) {
  const response = await page.goto(ARTICLE);
  expect(response?.status()).toBe(402);
  await page.getByRole("button", { name: `Pay ${PRICE} to read` }).click();
  await expect(page.getByText("Choose a wallet")).toBeVisible();
}

async function connectTestWallet(page: Page, shortAddress: RegExp) {
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await expect(page.getByText(shortAddress)).toBeVisible();
}

/** The PAYMENT-SIGNATURE header of every request the page sends with one, in order. */
function recordPayments(page: Page): string[] {
  const headers: string[] = [];
  page.on("request", (request) => {
    const header = request.headers()["payment-signature"];
    if (header) headers.push(header);
  });
  return headers;
}

const isPaidArticleRequest = (route: Route) =>
  new URL(route.request().url()).pathname === ARTICLE && route.request().headers()["payment-signature"] !== undefined;

async function expectUnlocked(page: Page) {
  await expect(page.getByLabel("Receipt")).toContainText("Unlocked");
  await expect(page.getByText(PAID_SENTENCE)).toBeVisible();
}

test("no wallet in the browser: install suggestions, and the dev wallet in local mode", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openPayPanel(page);

  await expect(page.getByText("No wallet found in this browser.")).toBeVisible();
  await expect(page.getByRole("link", { name: "MetaMask" })).toHaveAttribute("href", "https://metamask.io/download/");
  await expect(page.getByText("On the local chain you can also pay with the built-in dev wallet below.")).toBeVisible();
  // The dev wallet is the whole list: Coinbase's smart wallet cannot pay on anvil, and there is no
  // WALLETCONNECT_PROJECT_ID in the e2e environment.
  const wallets = page.getByRole("list", { name: "Choose a wallet" });
  await expect(wallets.getByRole("button")).toHaveText(["Dev wallet (anvil #1, 0x7099…79C8)"]);
  await expect(page.getByText(/Coinbase Wallet below/)).toHaveCount(0);
  await shot(page, "1-no-wallet");

  await wallets.getByRole("button", { name: "Dev wallet (anvil #1, 0x7099…79C8)" }).click();
  await expect(page.getByText(/Connected as 0x7099…79C8/)).toBeVisible();
  await expect(page.getByText(/Your balance: [\d,]+\.\d+ USDC on Local chain \(anvil\)\./)).toBeVisible();
  await expect(payButton(page)).toBeEnabled();
  await shot(page, "2-dev-wallet-ready");
  await context.close();
});

/** Announces one more EIP-6963 wallet in every page of `context`; it is listed, never connected. */
async function announceWallet(context: BrowserContext, name: string, icon: string) {
  await context.addInitScript(
    ({ name, icon }) => {
      const provider = {
        async request({ method }: { method: string }) {
          if (method === "eth_accounts") return [];
          throw Object.assign(new Error("Not supported"), { code: 4200 });
        },
      };
      const info = { uuid: crypto.randomUUID(), name, icon, rdns: `test.${name.toLowerCase().replace(/\W+/g, "-")}` };
      const announce = () =>
        window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    },
    { name, icon },
  );
}

const ROUND_ICON =
  "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='8' fill='%234f46e5'/><circle cx='16' cy='16' r='7' fill='white'/></svg>";

test("announced wallets show their own icon only when it is a data: image, at any width", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await installTestWallet(context, ACCOUNTS.payer);
  await announceWallet(context, "Round Wallet", ROUND_ICON);
  // An icon elsewhere would be a request to that host whenever the list is shown.
  await announceWallet(context, "Remote Icon Wallet", "https://wallet-icons.invalid/remote.png");
  const page = await context.newPage();
  const iconRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("wallet-icons.invalid")) iconRequests.push(request.url());
  });
  await openPayPanel(page);

  const wallets = page.getByRole("list", { name: "Choose a wallet" });
  await expect(wallets.getByRole("button")).toHaveText([
    "Test Wallet",
    "Round Wallet",
    "Remote Icon Wallet",
    "Dev wallet (anvil #1, 0x7099…79C8)",
  ]);
  await expect(wallets.getByRole("button", { name: "Round Wallet" }).locator("img")).toHaveAttribute("src", ROUND_ICON);
  await expect(wallets.getByRole("button", { name: "Round Wallet" }).locator("img")).toHaveAttribute("alt", "");
  await expect(wallets.getByRole("button", { name: "Remote Icon Wallet" }).locator("img")).toHaveCount(0);
  expect(iconRequests).toEqual([]);
  // Phone width: the list fits without scrolling sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, "1b-wallet-list-phone");

  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, "1c-wallet-list-desktop");
  await context.close();
});

test("a wallet on another network is switched in one click", async ({ browser }) => {
  const context = await browser.newContext();
  await installTestWallet(context, ACCOUNTS.payer, { chainId: 1 });
  const page = await context.newPage();
  await openPayPanel(page);
  await page.getByRole("button", { name: "Test Wallet" }).click();

  await expect(page.getByText("Your wallet (0x90F7…b906) is on another network (chain 1).")).toBeVisible();
  await expect(payButton(page)).toHaveCount(0);
  await shot(page, "3-wrong-network");

  await page.getByRole("button", { name: "Switch to Local chain (anvil)" }).click();
  await expect(page.getByText(/Connected as 0x90F7…b906/)).toBeVisible();
  await expect(payButton(page)).toBeEnabled();
  await shot(page, "4-switched-ready");
  await context.close();
});

test("a declined signature goes back to ready with a note, and nothing is sent", async ({ browser }) => {
  const context = await browser.newContext();
  const wallet = await installTestWallet(context, ACCOUNTS.payer);
  const page = await context.newPage();
  const payments = recordPayments(page);
  await openPayPanel(page);
  await connectTestWallet(page, /Connected as 0x90F7…b906/);

  wallet.rejectNextSignature();
  await payButton(page).click();
  await expect(page.getByRole("status").filter({ hasText: "You declined the signature in your wallet; nothing was paid." })).toBeVisible();
  await expect(payButton(page)).toBeEnabled();
  await expect(page.getByRole("group", { name: "Pay with a wallet" }).getByRole("alert")).toHaveCount(0);
  expect(wallet.signed).toEqual([]);
  expect(payments).toEqual([]);
  await shot(page, "5-declined");
  await context.close();
});

test("too little USDC: what is missing, test USDC from the dev faucet, then the payment works", async ({ browser }) => {
  const context = await browser.newContext();
  const wallet = await installTestWallet(context, UNFUNDED);
  const page = await context.newPage();
  await openPayPanel(page);
  await page.getByRole("button", { name: "Test Wallet" }).click();

  await expect(page.getByText("Your balance: 0.00 USDC on Local chain (anvil).")).toBeVisible();
  await expect(page.getByText(`This costs ${PRICE}: you need 0.25 USDC more on Local chain (anvil).`)).toBeVisible();
  await expect(page.getByRole("link", { name: /faucet/i })).toHaveCount(0); // Circle's faucet is for Base Sepolia only
  await expect(payButton(page)).toHaveCount(0);
  await shot(page, "6-short-of-usdc");

  await page.getByRole("button", { name: "Mint 10 test USDC" }).click();
  await expect(page.getByText("Added 10.00 USDC from the dev faucet to your wallet.")).toBeVisible();
  await expect(page.getByText("Your balance: 10.00 USDC on Local chain (anvil).")).toBeVisible();
  await shot(page, "7-minted");

  await payButton(page).click();
  await expectUnlocked(page);
  expect(wallet.signed).toEqual(SIGNED);
  await shot(page, "8-paid-after-minting");
  await context.close();
});

test("the dev faucet checks the address and tops up empty wallets only", async ({ request }) => {
  const invalid = await request.post("/api/dev/faucet", { data: { address: "0x1234" } });
  expect(invalid.status()).toBe(400);
  expect(await invalid.json()).toMatchObject({ error: "invalid_request", message: /address must be a 0x-prefixed 20-byte address/ });
  // anvil #9 receives every payment, so it holds well over the 1,000 USDC cap.
  const rich = await request.post("/api/dev/faucet", { data: { address: anvilAddress(9) } });
  expect(rich.status()).toBe(403);
  expect((await rich.json()).error).toBe("enough_usdc");
});

test("signing, then settling: a spinner, and one payment however often the button is pressed", async ({ browser }) => {
  const context = await browser.newContext();
  let releaseWallet = () => {};
  const walletHeld = new Promise<void>((resolve) => (releaseWallet = resolve));
  const wallet = await installTestWallet(context, ACCOUNTS.secondPayer, { beforeSign: () => walletHeld });
  const page = await context.newPage();
  const payments = recordPayments(page);
  let releaseSettlement = () => {};
  const settlementHeld = new Promise<void>((resolve) => (releaseSettlement = resolve));
  await page.route(`**${ARTICLE}`, async (route) => {
    if (isPaidArticleRequest(route)) await settlementHeld;
    await route.fallback();
  });
  await openPayPanel(page);
  await connectTestWallet(page, /Connected as 0x14dC…9955/);

  // Two clicks in one task: the second lands before React has re-rendered the button as disabled.
  await payButton(page).evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await expect(page.getByRole("button", { name: "Waiting for your wallet…" })).toBeDisabled();
  await expect(page.getByText(`Confirm the payment of ${PRICE} in your wallet…`)).toBeVisible();
  await shot(page, "9-signing");

  releaseWallet();
  await expect(page.getByRole("button", { name: "Settling…" })).toBeDisabled();
  await expect(page.getByText("Signed. Settling the payment on Local chain (anvil); this takes a few seconds…")).toBeVisible();
  await shot(page, "10-settling");

  releaseSettlement();
  await expectUnlocked(page);
  expect(payments.length).toBe(1);
  expect(wallet.signed).toEqual(SIGNED);
  await context.close();
});

test("a facilitator error is retried with the same signature, without asking the wallet again", async ({ browser }) => {
  const context = await browser.newContext();
  const wallet = await installTestWallet(context, ACCOUNTS.payer);
  const page = await context.newPage();
  const payments = recordPayments(page);
  const facilitatorDown = describeReason("facilitator_unavailable");
  let failedOnce = false;
  await page.route(`**${ARTICLE}`, async (route) => {
    if (!isPaidArticleRequest(route) || failedOnce) return route.fallback();
    failedOnce = true;
    // What lib/x402/payment.ts answers when the facilitator can't be reached.
    await route.fulfill({
      status: 502,
      headers: { "Cache-Control": "no-store" },
      contentType: "application/json",
      body: JSON.stringify({ error: "facilitator_unavailable", message: facilitatorDown }),
    });
  });
  await openPayPanel(page);
  await connectTestWallet(page, /Connected as 0x90F7…b906/);

  await payButton(page).click();
  const alert = page.getByRole("alert").filter({ hasText: facilitatorDown });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Trying again sends the payment you already signed; your wallet is not asked again.");
  await shot(page, "11-facilitator-error");

  await alert.getByRole("button", { name: "Try again" }).click();
  await expectUnlocked(page);
  expect(wallet.signed).toEqual(SIGNED);
  expect(payments.length).toBe(2);
  expect(payments[1]).toBe(payments[0]);
  await shot(page, "12-retried-unlocked");
  await context.close();
});

test("unlocked: the receipt names the amount and the settled transaction", async ({ browser }) => {
  const context = await browser.newContext();
  await installTestWallet(context, ACCOUNTS.secondPayer);
  const page = await context.newPage();
  await openPayPanel(page);
  await connectTestWallet(page, /Connected as 0x14dC…9955/);
  await payButton(page).click();
  await expectUnlocked(page);

  const receipt = page.getByLabel("Receipt");
  await expect(receipt).toContainText(`${PRICE} paid by 0x14dC…9955 in transaction`);
  const txHash = (await receipt.locator("[title^='0x']").getAttribute("title")) ?? "";
  expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
  // The local chain has no explorer: the hash is shown, not linked.
  await expect(receipt.getByRole("link")).toHaveCount(0);
  const onChain = await fetch(RPC_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getTransactionReceipt", params: [txHash] }),
  });
  expect(((await onChain.json()) as { result: { status: string } }).result.status).toBe("0x1");
  await shot(page, "13-unlocked-receipt");
  await context.close();
});
