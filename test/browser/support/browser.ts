import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from './ui-stack';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where a failing browser test leaves its screenshot and the page's console log. */
export const RESULTS_DIR = join(projectRoot(), 'test-results/browser');

/** Desks are used on a 1366×768 office screen. */
export const DESK_VIEWPORT = { width: 1366, height: 768 };

/** Headless Chromium with no network of its own: no background services, sync or component updates. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A page that records its console and page errors, for the failure report. */
export async function openPage(
  browser: Browser,
  viewport = DESK_VIEWPORT,
): Promise<{ page: Page; consoleLog: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  // Shorter than the test's timeout, so a stuck step fails inside withPage and leaves its screenshot.
  page.setDefaultTimeout(15_000);
  const consoleLog: string[] = [];
  page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLog.push(`[pageerror] ${e.message}`));
  page.on('requestfailed', (r) =>
    consoleLog.push(`[requestfailed] ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`),
  );
  return { page, consoleLog };
}

const safeName = (name: string): string => name.replace(/[^a-zA-Z0-9_-]+/g, '-').slice(0, 80);

/**
 * Run `body` on a fresh page; when it fails, save a full-page screenshot and the console log under
 * test-results/browser/<name>/ and name that folder in the failure message.
 */
export async function withPage(
  browser: Browser,
  name: string,
  body: (page: Page) => Promise<void>,
  viewport = DESK_VIEWPORT,
): Promise<void> {
  const { page, consoleLog } = await openPage(browser, viewport);
  try {
    await body(page);
  } catch (error) {
    const dir = join(RESULTS_DIR, safeName(name));
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'failure.png'), fullPage: true }).catch(() => undefined);
    writeFileSync(join(dir, 'console.log'), `${page.url()}\n${consoleLog.join('\n')}\n`);
    const message = error instanceof Error ? error.message : String(error);
    throw Object.assign(new Error(`${message}\n\nscreenshot and console log: ${dir}`), {
      stack: error instanceof Error ? error.stack : undefined,
    });
  } finally {
    await page.context().close();
  }
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the page: the serious and critical accessibility violations of what it shows now. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // A dialog fading in or out is half transparent: contrast is judged once finite transitions are over (at most 2 s).
  await page.evaluate(async () => {
    const doc = (
      globalThis as unknown as {
        document: {
          getAnimations(): Array<{
            finished: Promise<unknown>;
            effect: { getComputedTiming(): { endTime?: number | string } } | null;
          }>;
        };
      }
    ).document;
    const finite = doc.getAnimations().filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
    await Promise.race([Promise.allSettled(finite.map((a) => a.finished)), new Promise((r) => setTimeout(r, 2000))]);
  });
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // Runs in the page; this project's types have no DOM, so the page's globals are reached through globalThis.
    const page = globalThis as unknown as {
      document: unknown;
      axe: { run(ctx: unknown, options: object): Promise<{ violations: AxeViolation[] }> };
    };
    return (await page.axe.run(page.document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
}
