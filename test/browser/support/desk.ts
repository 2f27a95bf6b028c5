import type { Page } from 'playwright-core';

/** Sign in through the desk's login page as a demo user (password `demo-password`). */
export async function signIn(page: Page, baseUrl: string, username: string, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill('demo-password');
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
}

/**
 * Pick an option of an Element Plus select by its visible label: in the select's own listbox (named by
 * its combobox's aria-controls), waiting until the listbox has closed so the next select starts clean.
 */
export async function choose(page: Page, selectTestId: string, label: string): Promise<void> {
  const combobox = page.locator(`[data-test="${selectTestId}"] [role="combobox"]`);
  const listboxId = await combobox.getAttribute('aria-controls');
  await page.locator(`[data-test="${selectTestId}"]`).click();
  const listbox = page.locator(`[id="${listboxId}"]`);
  await listbox.locator('[role="option"]', { hasText: label }).first().click();
  await listbox.waitFor({ state: 'hidden' });
}
