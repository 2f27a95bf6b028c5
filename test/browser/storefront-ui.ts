import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AppName } from '@gx/platform';
import { CLOCK_OVERRIDE, type Clock } from '@gx/platform';
import { campaignBody } from '../e2e/storefront-support';
import { startStack } from '../e2e/support/stack';
import { launchChromium, seriousA11yViolations } from './support/browser';
import { ensureWebBuilt, projectRoot } from './support/ui-stack';

/** Consumers and leaders hold a phone. */
export const PHONE = { width: 390, height: 844 };
/** `GX_SCREENSHOTS=1` also saves the main screens to docs/screenshots (the README shows them). */
const SHOTS = process.env.GX_SCREENSHOTS === '1' ? join(projectRoot(), 'docs/screenshots') : undefined;

/** No serious or critical accessibility violation on the screen shown; saved for the README when asked. */
export async function check(page: Page, name: string): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `storefront-${name}.png`) });
  }
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill('demo-password');
  await page.locator('[data-test="sign-in-submit"]').click();
}

/** A marker in the page's document: still there later means the page was not reloaded meanwhile. */
export const markDocument = (page: Page) => page.evaluate(() => Object.assign(globalThis, { gxSameDocument: true }));
export const sameDocument = (page: Page) =>
  page.evaluate(() => (globalThis as { gxSameDocument?: boolean }).gxSameDocument === true);

/**
 * The stack's clock: the wall clock plus a skew the test moves forward, so that a payment window or a pickup
 * date passes at once instead of after a real wait (the worker's deadlines and every request read it).
 */
export interface TestClock extends Clock {
  /** Move the clock forward by `ms`. */
  advance(ms: number): void;
  /** Move the clock to `iso` plus `marginMs` (never backwards). */
  movePast(iso: string, marginMs: number): void;
  /** An ISO time `ms` from the clock's now. */
  inMs(ms: number): string;
}

export function testClock(): TestClock {
  let skewMs = 0;
  const clock: TestClock = {
    now: () => new Date(Date.now() + skewMs),
    advance: (ms) => void (skewMs += Math.max(0, ms)),
    movePast: (iso, marginMs) => clock.advance(Date.parse(iso) + marginMs - clock.now().getTime()),
    inMs: (ms) => new Date(clock.now().getTime() + ms).toISOString(),
  };
  return clock;
}

/**
 * A storefront stack (worker + storefront on a scratch data dir; `env` as startStack's, `clock` as the
 * stack's clock when given) with its UI listening on loopback, Chromium, and the demo users' tokens.
 */
export async function startStorefrontUi(users: string[], env: Record<string, string> = {}, clock?: Clock) {
  const app: AppName = 'storefront';
  ensureWebBuilt(app);
  const stack = await startStack(['worker', app], env, clock ? [{ provide: CLOCK_OVERRIDE, useValue: clock }] : []);
  const url = await stack.listen(app);
  const token: Record<string, string> = {};
  for (const user of users) token[user] = await stack.login(app, user);
  const sf = () => stack.http(app);
  const as = (user: string) => ({ Authorization: `Bearer ${token[user]}` });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await stack.close();
    throw e;
  }
  return {
    url,
    browser,
    stack,
    sf,
    as,
    /** A published campaign of leader1's pickup point (tomatoes by the kg); overrides as campaignBody. */
    async campaign(overrides: Record<string, unknown>): Promise<string> {
      const created = await sf().post('/campaigns').set(as('leader1')).send(campaignBody(overrides)).expect(201);
      const id = created.body.campaignId as string;
      await sf().post(`/campaigns/${id}/publish`).set(as('leader1')).expect(200);
      return id;
    },
    async close(): Promise<void> {
      await browser.close();
      await stack.close();
    },
  };
}
export type StorefrontUi = Awaited<ReturnType<typeof startStorefrontUi>>;
