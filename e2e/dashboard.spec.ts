/**
 * The publisher dashboard: closed to everyone but admins; a price change reaches the next 402,
 * the payment at the new price shows on the overview, in the table and the CSV, and the change is
 * in the audit log.
 */
import { expect, test, type Page } from "@playwright/test";
import { decodePaymentRequiredHeader } from "@x402/core/http";
import { mnemonicToAccount } from "viem/accounts";
import { createPayingFetch, readPaymentReceipt } from "../lib/x402/client/pay";
import { BASE_URL } from "../playwright.config";
import { DASHBOARD_PAGES, signIn } from "./support/dashboard";
import { ACCOUNTS, installTestWallet } from "./support/wallet";

const ARTICLE = "/articles/http-402-payment-required";
const AGENT = mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: 4 });

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/dashboard/${name}.png`, fullPage: true });

test.describe.configure({ mode: "serial" });

test("every dashboard URL refuses a visitor without an admin session", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const path of DASHBOARD_PAGES) {
    await page.goto(path);
    await expect(page, `${path} without a session`).toHaveURL(/\/dashboard\/sign-in$/);
  }
  await context.addCookies([{ name: "x402_admin_session", value: "forged.token.value", url: BASE_URL }]);
  for (const path of DASHBOARD_PAGES) {
    await page.goto(path);
    await expect(page, `${path} with a forged session`).toHaveURL(/\/dashboard\/sign-in$/);
  }
  const csv = await page.request.get("/dashboard/payments/export");
  expect(csv.status()).toBe(401);
  await context.close();
});

test("a price change reaches the next 402, and the payment shows everywhere", async ({ browser, request }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await installTestWallet(context, ACCOUNTS.admin);
  const page = await context.newPage();
  await signIn(page);
  await shot(page, "1-overview-before");
  const revenueToday = page.getByTestId("overview-tiles").locator("div", { hasText: "Revenue today" }).locator("dd");
  const todayBefore = Number.parseFloat((await revenueToday.textContent()) ?? "0");

  // The publisher raises the article's price from 0.01 to 0.03 USDC.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Resources" }).click();
  await page.getByRole("link", { name: `Edit ${ARTICLE}` }).click();
  await expect(page.getByLabel("Price (USDC)")).toHaveValue("0.01");
  await page.getByLabel("Price (USDC)").fill("0.0301234567");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("USDC has at most 6 decimal places")).toBeVisible();
  await shot(page, "2-price-invalid");
  await page.getByLabel("Price (USDC)").fill("0.03");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved. The next 402 carries the new terms.")).toBeVisible();
  await expect(page.getByLabel("Price (USDC)")).toHaveValue("0.03");
  await shot(page, "3-price-saved");

  // An agent asks: the 402 carries the new price; it pays that price.
  const unpaid = await request.get(ARTICLE, { headers: { Accept: "application/json" } });
  expect(unpaid.status()).toBe(402);
  expect(decodePaymentRequiredHeader(unpaid.headers()["payment-required"]!).accepts[0]!.amount).toBe("30000");
  const payingFetch = createPayingFetch({
    signer: AGENT,
    network: "eip155:31337",
    asset: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    maxAmountPerPayment: 1_000_000n,
  });
  const paid = await payingFetch(`${BASE_URL}${ARTICLE}`, { headers: { Accept: "application/json" } });
  expect(paid.status).toBe(200);
  const txHash = readPaymentReceipt(paid)?.transaction ?? "";
  expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);

  // Overview: the tile and today's bar grew by exactly the new price.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Overview" }).click();
  await expect(revenueToday).toHaveText(`${(todayBefore + 0.03).toFixed(2)} USDC`);
  const today = new Date().toISOString().slice(0, 10);
  const bar = page.getByTestId("revenue-chart").locator(`rect[data-day="${today}"]`);
  expect(BigInt((await bar.getAttribute("data-revenue")) ?? "0")).toBe(BigInt(Math.round(todayBefore * 1e6)) + 30_000n);
  await shot(page, "4-overview-after");

  // Payments table, filtered to the agent, with the new amount and its transaction.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Payments", exact: true }).click();
  await page.getByLabel("Payer").fill(AGENT.address.toLowerCase());
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`payer=${AGENT.address}`, "i"));
  const rows = page.getByTestId("payment-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("0.03 USDC");
  await expect(rows.first()).toContainText("settled");
  await expect(rows.first().locator(`[title="${txHash}"]`)).toHaveCount(1);
  await shot(page, "5-payments-filtered");

  // CSV of the same filter contains the payment, amount as a decimal, ISO time.
  const csv = await page.request.get(`/dashboard/payments/export?payer=${AGENT.address}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("id,created_at,settled_at,status,resource,payer,amount_usdc,amount_atomic,asset,network,pay_to,tx_hash,error_reason");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(new RegExp(`^\\d+,\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z,.+,settled,${ARTICLE},${AGENT.address},0\\.03,30000,`));
  expect(lines[1]).toContain(txHash);

  // The audit log says it in words: what changed, by whom, before → after (the stored record on demand).
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Audit log" }).click();
  const entry = page.getByTestId("audit-entry").first();
  await expect(entry).toContainText(`Resource ${ARTICLE} changed by 0x7099…79C8`);
  await expect(entry.getByRole("listitem").filter({ hasText: "Price:" })).toHaveText("Price: 0.01 USDC → to 0.03 USDC");
  await entry.getByText("Exact record").click();
  await expect(entry.locator("pre")).toContainText('"action": "resource.update"');
  await expect(entry.locator("pre")).toContainText('"price": "30000"');
  await shot(page, "6-audit");

  for (const [name, path] of [
    ["7-settlement", "/dashboard/settlement"],
    ["8-settings", "/dashboard/settings"],
    ["9-resources", "/dashboard/resources"],
  ]) {
    await page.goto(path!);
    await shot(page, name!);
  }
  // On a phone the tables scroll sideways inside their card; the page itself does not.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [name, path] of [
    ["10-phone-overview", "/dashboard"],
    ["11-phone-payments", "/dashboard/payments"],
  ]) {
    await page.goto(path!);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, name!);
  }
  await context.close();
});
