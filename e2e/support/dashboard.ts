import { expect, type Page } from "@playwright/test";

/** Signs in to the dashboard with the test wallet already installed in the page's context. */
export async function signIn(page: Page) {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/sign-in$/);
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

export const DASHBOARD_PAGES = [
  "/dashboard",
  "/dashboard/payments",
  "/dashboard/payments/1",
  "/dashboard/articles",
  "/dashboard/articles/new",
  "/dashboard/articles/1",
  "/dashboard/resources",
  "/dashboard/resources/new",
  "/dashboard/resources/1",
  "/dashboard/settlement",
  "/dashboard/audit",
  "/dashboard/settings",
];
