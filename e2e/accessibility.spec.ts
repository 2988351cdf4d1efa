/**
 * Every reader and dashboard page, machine-checked: axe-core finds no serious or critical
 * violation in the light or the dark colour scheme, and at 390 px (a phone) no page scrolls
 * sideways. A reader of the spec's own pays for an article first, so that the unlocked article,
 * the reader's purchases and a payment's page hold real data.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DASHBOARD_PAGES, signIn } from "./support/dashboard";
import { ACCOUNTS, fundedKey, installTestWallet } from "./support/wallet";

const ARTICLE = "/articles/paying-without-an-account";
const TEASER = "/articles/how-settlement-works";

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
/** Who looks at a page: nobody signed in, the reader who paid (grant + reader session), the admin. */
type Visitor = "visitor" | "reader" | "admin";
const states: Partial<Record<Visitor, StorageState>> = {};
const pages: { visitor: Visitor; path: string }[] = [
  { visitor: "visitor", path: "/" },
  { visitor: "visitor", path: TEASER },
  { visitor: "visitor", path: "/passes/day" },
  { visitor: "visitor", path: "/purchases" },
  { visitor: "visitor", path: "/no-such-page" },
  { visitor: "visitor", path: "/dashboard/sign-in" },
  { visitor: "reader", path: ARTICLE },
  { visitor: "reader", path: "/purchases" },
];

test.describe.configure({ mode: "serial" });

async function open(browser: Browser, visitor: Visitor, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, storageState: states[visitor] });
  return { context, page: await context.newPage() };
}

/** Loads `path` and waits until streamed sections have replaced their skeletons. */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("h1").first()).toBeVisible();
  await expect(page.locator(".animate-pulse")).toHaveCount(0);
}

test("a reader pays and signs in, the admin signs in: the pages to check hold data", async ({ browser, request }) => {
  const reader = await browser.newContext();
  await installTestWallet(reader, await fundedKey(request));
  const page = await reader.newPage();
  await page.goto(ARTICLE);
  await page.getByRole("button", { name: /^Pay [\d.]+ USDC to read$/ }).click();
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await page.getByRole("button", { name: /^Pay [\d.]+ USDC$/ }).click();
  await expect(page.getByLabel("Receipt")).toContainText("Unlocked");
  await page.goto("/purchases");
  // The wallet may reconnect by itself (wagmi remembers it in a cookie), or ask to be picked again.
  const signInButton = page.getByRole("button", { name: "Sign in with Ethereum" });
  const walletButton = page.getByRole("button", { name: "Test Wallet" });
  await expect(signInButton.or(walletButton)).toBeVisible();
  if (await walletButton.isVisible()) await walletButton.click();
  await signInButton.click();
  await expect(page.getByTestId("purchase-row")).toHaveCount(1);
  states.reader = await reader.storageState();
  await reader.close();

  const admin = await browser.newContext();
  await installTestWallet(admin, ACCOUNTS.admin);
  const adminPage = await admin.newPage();
  await signIn(adminPage);
  await adminPage.goto("/dashboard/payments");
  const details = adminPage.getByTestId("payment-row").first().getByRole("link", { name: /^Details/ });
  const paymentPath = (await details.getAttribute("href"))!;
  states.admin = await admin.storageState();
  await admin.close();
  pages.push(...[...DASHBOARD_PAGES.filter((path) => !/\/payments\/\d/.test(path)), paymentPath].map((path) => ({ visitor: "admin" as const, path })));
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`no serious or critical axe violation on any page, ${colorScheme} scheme`, async ({ browser }) => {
    test.setTimeout(180_000);
    const found: string[] = [];
    for (const visitor of ["visitor", "reader", "admin"] as const) {
      const { context, page } = await open(browser, visitor);
      await page.emulateMedia({ colorScheme });
      for (const { path } of pages.filter((entry) => entry.visitor === visitor)) {
        await visit(page, path);
        const { violations } = await new AxeBuilder({ page }).analyze();
        for (const violation of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
          const where = violation.nodes.map((node) => node.target.join(" ")).join(", ");
          found.push(`${path} (${visitor}): ${violation.id} — ${violation.help} — ${where}`);
        }
      }
      await context.close();
    }
    expect(found, found.join("\n")).toEqual([]);
  });
}

test("the confirm dialog is modal, starts on Cancel, closes on Escape and gives the focus back", async ({ browser }) => {
  const { context, page } = await open(browser, "admin");
  await visit(page, "/dashboard/resources");
  await page.getByRole("link", { name: "Edit /api/insights" }).click();
  const deactivate = page.getByRole("button", { name: "Deactivate" });
  const dialog = page.getByRole("dialog", { name: "Stop selling /api/insights?" });

  await deactivate.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  const { violations } = await new AxeBuilder({ page }).include("dialog").analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(deactivate).toBeFocused();
  await expect(page.getByText("for sale", { exact: true })).toBeVisible();

  // Confirmed, it does what it asked about; activating again needs no question.
  await deactivate.click();
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText("Deactivated: it is no longer for sale.")).toBeVisible();
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByText("Activated: it is for sale again.")).toBeVisible();
  await context.close();
});

test("no page scrolls sideways on a 390 px phone", async ({ browser }) => {
  test.setTimeout(120_000);
  const wide: string[] = [];
  for (const visitor of ["visitor", "reader", "admin"] as const) {
    const { context, page } = await open(browser, visitor, { width: 390, height: 844 });
    for (const { path } of pages.filter((entry) => entry.visitor === visitor)) {
      await visit(page, path);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      if (scrollWidth > innerWidth) wide.push(`${path} (${visitor}): ${scrollWidth} px wide`);
    }
    await context.close();
  }
  expect(wide, wide.join("\n")).toEqual([]);
});
