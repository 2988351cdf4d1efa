/**
 * Publishing: the admin writes and publishes an article with a price; it is on the home page; a
 * reader sees the teaser under a 402, pays and reads the body (markdown, sanitized); renaming keeps
 * the old URL working; unpublishing hides it — 404, never a free read.
 */
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/dashboard";
import { ACCOUNTS, installTestWallet } from "./support/wallet";

const TITLE = "A cent for a thought";
const SLUG = "a-cent-for-a-thought";
const RENAMED = "a-cent-for-your-thoughts";
const PAID_LINE = "Only paying readers get this far.";

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/publishing/${name}.png`, fullPage: true });

test("an admin publishes an article, a reader pays to read it, unpublishing hides it", async ({ browser, request }) => {
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await installTestWallet(adminContext, ACCOUNTS.admin);
  const admin = await adminContext.newPage();
  await signIn(admin);

  await admin.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Articles" }).click();
  await admin.getByRole("link", { name: "New article" }).click();
  await admin.getByLabel("Title").fill(TITLE);
  await expect(admin.getByLabel("Slug")).toHaveValue(SLUG);
  await admin.getByLabel("Teaser (markdown, free)").fill("Why **two cents** is *too much* for most thoughts.");
  await admin
    .getByLabel("Body (markdown, paid)")
    .fill(
      `## The paid part\n\n${PAID_LINE}\n\n<script>window.__pwned = true</script>\n\n[a trap](javascript:window.__pwned=true) and [a real link](https://example.org).`,
    );
  await expect(admin.getByRole("region", { name: "Preview" }).getByRole("heading", { name: "The paid part" })).toBeVisible();
  await admin.getByLabel("Price (USDC)").fill("0.02");
  await admin.getByLabel("Access window").fill("1");
  await admin.getByLabel("Unit").selectOption("hours");
  await shot(admin, "1-editor");
  await admin.getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByText(/^Published /)).toBeVisible();
  await shot(admin, "2-published");

  // Readers: listed on the home page, 402 with the teaser, then paid and read.
  const readerContext = await browser.newContext();
  await installTestWallet(readerContext, ACCOUNTS.reader);
  const reader = await readerContext.newPage();
  await reader.goto("/");
  const card = reader.getByRole("listitem").filter({ hasText: TITLE });
  await expect(card).toContainText("0.02 USDC");
  await expect(card).toContainText("access for 1 hour");
  await shot(reader, "3-home");

  const locked = await reader.goto(`/articles/${SLUG}`);
  expect(locked?.status()).toBe(402);
  expect(await locked?.text()).not.toContain(PAID_LINE);
  await expect(reader.getByText("two cents")).toBeVisible();
  await reader.getByRole("button", { name: "Pay 0.02 USDC to read" }).click();
  await reader.getByRole("button", { name: "Test Wallet" }).click();
  await reader.getByRole("button", { name: "Pay 0.02 USDC", exact: true }).click();
  await expect(reader.getByText(PAID_LINE)).toBeVisible();
  await expect(reader.getByText("<script>window.__pwned = true</script>")).toBeVisible();
  await expect(reader.getByRole("link", { name: "a real link" })).toHaveAttribute("rel", /noopener/);
  await expect(reader.getByRole("link", { name: "a trap" })).toHaveCount(0);
  expect(await reader.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await shot(reader, "4-paid");
  await reader.goto("/");
  await expect(card.getByTestId("unlocked-badge")).toBeVisible();
  await shot(reader, "5-home-unlocked");

  // Renaming a published article keeps its old URL: a permanent redirect to the new one.
  await admin.getByLabel("Slug").fill(RENAMED);
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByText("Saved.")).toBeVisible();
  const old = await request.get(`/articles/${SLUG}`, { maxRedirects: 0 });
  expect(old.status()).toBe(308);
  expect(old.headers()["location"]).toBe(`/articles/${RENAMED}`);
  expect((await request.get(`/articles/${RENAMED}`, { headers: { Accept: "application/json" } })).status()).toBe(402);

  // Unpublished: 404 for everyone, paid or not, people or programs — never a free read.
  await admin.getByRole("button", { name: "Unpublish" }).click();
  await expect(admin.getByText("Draft: not on the site, not for sale.")).toBeVisible();
  await shot(admin, "6-unpublished");
  for (const path of [`/articles/${RENAMED}`, `/articles/${SLUG}`]) {
    const agent = await request.get(path, { headers: { Accept: "application/json" } });
    expect(agent.status(), `${path} for a program`).toBe(404);
    expect(await agent.text()).not.toContain(PAID_LINE);
    const paidReader = await reader.goto(path);
    expect(paidReader?.status(), `${path} for the reader who paid`).toBe(404);
    await expect(reader.getByText(PAID_LINE)).toHaveCount(0);
  }
  await shot(reader, "7-reader-404");
  await reader.goto("/");
  await expect(reader.getByRole("listitem").filter({ hasText: TITLE })).toHaveCount(0);

  await readerContext.close();
  await adminContext.close();
});
