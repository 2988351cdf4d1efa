/**
 * What a reader is owed for a payment, in a real browser: a pay-per-view article is shown in place
 * to the reader who paid, once (a reload asks again); a payment whose settlement goes unconfirmed
 * (the chain's receipt lost) is shown as pending, never refused, and the same signed payment opens
 * the article once it is confirmed — the wallet is never asked to sign twice.
 */
import { expect, test, type Page } from "@playwright/test";
import { RELAY_URL } from "../playwright.config";
import { setRelayFault } from "../tests/support/rpc-relay";
import { signIn } from "./support/dashboard";
import { ACCOUNTS, fundedKey, installTestWallet } from "./support/wallet";

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/pay-safety/${name}.png`, fullPage: true });

test.afterEach(() => setRelayFault(RELAY_URL, null));

test("pay-per-view: the reader who paid sees the article in place, once; a reload asks again", async ({ browser }) => {
  const SLUG = "every-view-pays";
  const PAID_LINE = "This line was paid for, once.";
  const adminContext = await browser.newContext();
  await installTestWallet(adminContext, ACCOUNTS.admin);
  const admin = await adminContext.newPage();
  await signIn(admin);
  await admin.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Articles" }).click();
  await admin.getByRole("link", { name: "New article" }).click();
  await admin.getByLabel("Title").fill("Every view pays");
  await admin.getByLabel("Teaser (markdown, free)").fill("A teaser anyone may read.");
  await admin.getByLabel("Body (markdown, paid)").fill(`## Paid\n\n${PAID_LINE}`);
  await admin.getByLabel("Price (USDC)").fill("0.01");
  await admin.getByLabel("Access window").fill("0");
  await admin.getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByText(/^Published /)).toBeVisible();

  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const wallet = await installTestWallet(context, await fundedKey(page.request));
    const locked = await page.goto(`/articles/${SLUG}`);
    expect(locked?.status()).toBe(402);
    await expect(page.getByText("Each view is paid separately.")).toBeVisible();
    await page.getByRole("button", { name: "Pay 0.01 USDC to read" }).click();
    await page.getByRole("button", { name: "Test Wallet" }).click();
    await page.getByRole("button", { name: "Pay 0.01 USDC", exact: true }).click();

    await expect(page.getByTestId("paid-article")).toContainText(PAID_LINE);
    await expect(page.getByText("reloading the page asks for a new payment")).toBeVisible();
    expect(wallet.signed).toEqual(["eth_signTypedData_v4"]);
    await shot(page, `pay-per-view-${viewport.width}`);

    const again = await page.reload();
    expect(again?.status()).toBe(402);
    await expect(page.getByText(PAID_LINE)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Pay 0.01 USDC to read" })).toBeVisible();
    await context.close();
  }

  // Off the site again: the other specs count the articles on the home page.
  await admin.getByRole("button", { name: "Unpublish" }).click();
  await expect(admin.getByText("Draft: not on the site, not for sale.")).toBeVisible();
  await adminContext.close();
});

test("a settlement left unconfirmed shows as pending, then the same signed payment opens the article", async ({ browser }) => {
  const ARTICLE = "/articles/paying-without-an-account";
  const PAID_SENTENCE = "The grant is deliberately narrow.";
  const context = await browser.newContext();
  const page = await context.newPage();
  const wallet = await installTestWallet(context, await fundedKey(page.request));
  await page.goto(ARTICLE);
  await page.getByRole("button", { name: "Pay 0.05 USDC to read" }).click();
  await page.getByRole("button", { name: "Test Wallet" }).click();

  await setRelayFault(RELAY_URL, "drop-receipts");
  await page.getByRole("button", { name: "Pay 0.05 USDC", exact: true }).click();
  await expect(page.getByText("Your payment was sent and is waiting for the chain to confirm it.")).toBeVisible({ timeout: 20_000 });
  // Pending, not a failure: no alert in the pay panel, and the wallet is not offered a new signature.
  await expect(page.getByRole("group", { name: "Pay with a wallet" }).getByRole("alert")).toHaveCount(0);
  await setRelayFault(RELAY_URL, null);
  await shot(page, "pending");

  await expect(page.getByLabel("Receipt")).toContainText("Unlocked", { timeout: 20_000 });
  await expect(page.getByText(PAID_SENTENCE)).toBeVisible();
  expect(wallet.signed).toEqual(["eth_signTypedData_v4"]);
  await shot(page, "pending-then-unlocked");
  await context.close();
});
