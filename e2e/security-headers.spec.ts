/**
 * Security headers on the production build: pages carry a Content-Security-Policy with a nonce
 * that is new for every response and on every script Next renders; paying works under it (no
 * violation while a reader opens a locked article, picks a wallet and sees the balance read from
 * anvil); JSON routes get their own strict policy from next.config.ts.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { RELAY_URL } from "../playwright.config";
import { ACCOUNTS, installTestWallet } from "./support/wallet";

const ARTICLE = "/articles/how-settlement-works";
const BROWSER = { Accept: "text/html,application/xhtml+xml" };
const SCREENSHOTS = "test-results/screenshots/security-headers";

async function getPage(request: APIRequestContext, path: string) {
  const response = await request.get(path, { headers: BROWSER });
  const csp = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  return { response, csp, nonce, html: await response.text() };
}

test("pages carry a CSP whose nonce is new per response and on every script", async ({ request }) => {
  for (const [path, status] of [["/", 200], [ARTICLE, 402], ["/no-such-page", 404]] as const) {
    const first = await getPage(request, path);
    const second = await getPage(request, path);
    expect(first.response.status()).toBe(status);
    expect(first.nonce).toBeTruthy();
    expect(second.nonce).toBeTruthy();
    expect(second.nonce).not.toBe(first.nonce);

    expect(first.csp).toContain(`script-src 'self' 'nonce-${first.nonce}' 'strict-dynamic';`);
    expect(first.csp).toContain("frame-ancestors 'none'");
    expect(first.csp).toContain(`connect-src 'self' ${new URL(RELAY_URL).origin} `);
    // Under 'strict-dynamic' only nonced scripts run, external ones included.
    const scripts = first.html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${first.nonce}"`);

    expect(first.response.headers()).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
      "cross-origin-opener-policy": "same-origin-allow-popups",
    });
    expect(first.response.headers()["permissions-policy"]).toContain("camera=()");
    // The e2e site is plain HTTP: no HSTS, no upgrade of its http:// anvil.
    expect(first.response.headers()["strict-transport-security"]).toBeUndefined();
    expect(first.csp).not.toContain("upgrade-insecure-requests");
  }
});

test("a program's JSON 402 from the proxy carries the same headers", async ({ request }) => {
  const response = await request.get(ARTICLE, { headers: { Accept: "application/json" } });
  expect(response.status()).toBe(402);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(response.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
});

test("JSON routes the proxy does not match get nosniff and a policy that allows nothing", async ({ request }) => {
  for (const path of ["/api/health", "/.well-known/x402"]) {
    const response = await request.get(path);
    expect(response.ok()).toBe(true);
    expect(response.headers()).toMatchObject({
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
  }
});

/** CSP violations and header errors the browser reports, from the console and as DOM events. */
async function recordPolicyProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Permissions-Policy/i.test(message.text())) problems.push(message.text());
  });
  await page.exposeFunction("__reportViolation", (violation: string) => problems.push(violation));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportViolation: (violation: string) => void }).__reportViolation;
      void report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return problems;
}

test("paying works under the CSP: no violation from the article to the wallet's balance", async ({ browser }) => {
  const context = await browser.newContext();
  await installTestWallet(context, ACCOUNTS.passBuyer);
  const page = await context.newPage();
  const problems = await recordPolicyProblems(page);

  const response = await page.goto(ARTICLE);
  expect(response?.status()).toBe(402);
  await page.getByRole("button", { name: "Pay 0.25 USDC to read" }).click();
  await expect(page.getByText("Choose a wallet")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/wallet-list.png`, fullPage: true });
  await page.getByRole("button", { name: "Test Wallet" }).click();
  // Read from anvil by the page itself: connect-src allows the RPC.
  await expect(page.getByText(/Your balance: [\d,]+\.\d+ USDC/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/wallet-connected.png`, fullPage: true });

  // A client-side navigation: its RSC request passes the proxy, which must keep the router's headers.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  await page.getByRole("link", { name: "My purchases" }).click();
  await expect(page.getByRole("heading", { name: "My purchases" })).toBeVisible();
  expect(await page.evaluate(() => "__sameDocument" in window)).toBe(true);

  expect(problems).toEqual([]);
  await context.close();
});
