/**
 * The walking skeleton in a real browser: a reader pays for an article with a wallet, keeps
 * access, is asked again elsewhere; the admin signs in and finds the payment on the dashboard.
 */
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/dashboard";
import { ACCOUNTS, installTestWallet } from "./support/wallet";

const ARTICLE = "/articles/paying-without-an-account";
const OTHER_ARTICLE = "/articles/how-settlement-works";
const PAID_SENTENCE = "The grant is deliberately narrow.";

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/reader-pays/${name}.png`, fullPage: true });

test.describe.configure({ mode: "serial" });

let paidTxHash = "";

test("a reader pays for an article with a wallet and keeps access", async ({ browser }) => {
  const context = await browser.newContext();
  const wallet = await installTestWallet(context, ACCOUNTS.reader);
  const page = await context.newPage();

  const locked = await page.goto(ARTICLE);
  expect(locked?.status()).toBe(402);
  expect(locked?.headers()["payment-required"]).toBeTruthy();
  expect(await locked?.text()).not.toContain(PAID_SENTENCE);
  await expect(page.getByRole("heading", { name: "Paying for one article without opening an account" })).toBeVisible();
  await expect(page.getByText(PAID_SENTENCE)).toHaveCount(0);
  await shot(page, "1-teaser");

  await page.getByRole("button", { name: "Pay 0.05 USDC to read" }).click();
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await expect(page.getByText(/Connected as 0x9965…A4dc/)).toBeVisible();
  await shot(page, "2-connected");

  await page.getByRole("button", { name: "Pay 0.05 USDC", exact: true }).click();
  await expect(page.getByLabel("Receipt")).toContainText("Unlocked");
  await expect(page.getByText(PAID_SENTENCE)).toBeVisible();
  expect(wallet.signed).toEqual(["eth_signTypedData_v4"]);
  paidTxHash = (await page.getByLabel("Receipt").locator("[title^='0x']").getAttribute("title")) ?? "";
  expect(paidTxHash).toMatch(/^0x[0-9a-f]{64}$/);
  await shot(page, "3-unlocked");

  const reloaded = await page.reload();
  expect(reloaded?.status()).toBe(200);
  await expect(page.getByText(PAID_SENTENCE)).toBeVisible();
  expect(wallet.signed).toHaveLength(1);
  await shot(page, "4-reloaded");

  const other = await page.goto(OTHER_ARTICLE);
  expect(other?.status()).toBe(402);
  await expect(page.getByRole("button", { name: "Pay 0.25 USDC to read" })).toBeVisible();
  await shot(page, "5-other-article");
  await context.close();
});

test("a wallet that is not an admin is refused", async ({ browser }) => {
  const context = await browser.newContext();
  await installTestWallet(context, ACCOUNTS.outsider);
  const page = await context.newPage();

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/sign-in$/);
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not an administrator" })).toBeVisible();
  await shot(page, "6-outsider-refused");

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/sign-in$/);
  await context.close();
});

test("the admin signs in and sees the payment with its transaction", async ({ browser }) => {
  const context = await browser.newContext();
  await installTestWallet(context, ACCOUNTS.admin);
  const page = await context.newPage();

  await signIn(page);
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Payments", exact: true }).click();

  const row = page.getByTestId("payment-row").filter({ has: page.locator(`[title="${paidTxHash}"]`) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(ARTICLE);
  await expect(row).toContainText("0.05 USDC");
  await expect(row).toContainText("settled");
  await expect(row).toContainText("0x9965…A4dc");
  await shot(page, "7-dashboard");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/dashboard\/sign-in$/);
  await context.close();
});
