import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Stack } from '../e2e/support/stack';
import { openPage } from './support/browser';
import { signIn } from './support/desk';

interface MarketBatch {
  batchId: string;
  sku: string;
  warehouse: string;
}

/**
 * The wholesale desk's main screens (docs/screenshots/wholesale-*.png), on the demo stack: a few lots closed now at
 * different prices first, so the market chart has a line, and bids on an open lot, so the board and the lot show some.
 */
export async function wholesaleScreens(stack: Stack, browser: Browser, url: string, dir: string): Promise<void> {
  const http = stack.http('wholesale');
  const bearer = async (user: string) => ({ authorization: `Bearer ${await stack.login('wholesale', user)}` });
  const operator = await bearer('operator1');
  const buyers = [await bearer('buyer1'), await bearer('buyer2')];
  const batches = (await http.get('/market-batches').set(operator)).body.items as MarketBatch[];
  const pears = batches.find((b) => b.sku === 'SKU-PEAR-GX');
  if (!pears) throw new Error('the demo has no pears at the market');
  const list = async (minutes: number) =>
    (
      await http
        .post('/lots')
        .set(operator)
        .send({
          warehouse: pears.warehouse,
          sku: pears.sku,
          batchId: pears.batchId,
          quantityBase: 50_000,
          saleUnit: '斤',
          startPriceFen: 300,
          incrementFen: 10,
          closesAt: new Date(Date.now() + minutes * 60_000).toISOString(),
        })
    ).body.lotId as string;
  for (const [i, price] of [320, 350, 340, 380].entries()) {
    const lotId = await list(60);
    await http
      .post(`/lots/${lotId}/bids`)
      .set(buyers[i % 2] ?? operator)
      .send({ pricePerUnitFen: price });
    await http.post(`/lots/${lotId}/close`).set(operator);
  }
  const open = await list(45);
  await http
    .post(`/lots/${open}/bids`)
    .set(buyers[1] ?? operator)
    .send({ pricePerUnitFen: 300, maxPricePerUnitFen: 360 });
  await http
    .post(`/lots/${open}/bids`)
    .set(buyers[0] ?? operator)
    .send({ pricePerUnitFen: 310 });

  const shots: Array<[string, string, string, string]> = [
    ['wholesale-board', 'buyer1', '/', `[data-test="lot-link-${open}"]`],
    ['wholesale-lot', 'buyer1', `/lot/${open}`, '[data-test="history"] tbody tr'],
    ['wholesale-account', 'buyer2', '/account', '[data-test="credit-limit"]'],
    ['wholesale-prices', 'buyer1', '/prices', '[role="img"] canvas'],
    ['wholesale-lot-operator', 'operator1', `/lot/${open}`, '[data-test="bidders"]'],
    ['wholesale-listing', 'operator1', '/listing', '[data-test="ls-batch"]'],
    ['wholesale-settlement', 'operator1', '/settlement', '[data-test="sales"]'],
  ];
  for (const [name, user, path, ready] of shots) {
    const { page } = await openPage(browser);
    await signIn(page, url, user, path);
    await page.locator(ready).first().waitFor();
    // Live pages once their stream is up; charts and tags once their animations have ended.
    if (path === '/' || path.startsWith('/lot/')) await page.locator('[data-test="live"]').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(dir, `${name}.png`) });
    process.stdout.write(`wrote docs/screenshots/${name}.png\n`);
    await page.context().close();
  }
}
