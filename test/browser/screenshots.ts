import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Stack } from '../e2e/support/stack';
import { launchChromium, openPage } from './support/browser';
import { shanghaiDate } from '@gx/domain';
import { signIn } from './support/desk';
import { projectRoot, startUiStack } from './support/ui-stack';
import { wholesaleScreens } from './wholesale-screens';

/** The main screens shown in the README: name, path, and what shows once the page has its data. */
const SCREENS: Array<[string, string, string]> = [
  ['operations-dashboard', '/', '[data-test="integrity"]'],
  ['operations-receiving', '/receiving', '[data-test="submit"]'],
  ['operations-inventory', '/inventory?warehouse=LC-HUB-SX', '[data-test="level-SKU-CUCUMBER-SX"]'],
  ['operations-transfers', '/shipments', '[data-test="tr-send"]'],
  ['operations-counts', '/stocktakes', '[data-test="ct-open"]'],
  ['operations-reports', '/analytics', '[role="img"]'],
  ['operations-read-models', '/read-models', '[data-test="rebuild-stock"]'],
  [
    'operations-write-offs',
    '/losses?warehouse=LC-HUB-SX&sku=SKU-CUCUMBER-SX',
    '[data-test="wo-batches"] .el-table__row',
  ],
  ['operations-inspections', '/inspections', '[data-test="in-batches"] .el-table__row'],
  ['operations-master-data', '/master-data', '[data-test="md-warehouses"] .el-table__row'],
  ['operations-users', '/accounts', '[data-test="users-table"] .el-table__row'],
  ['operations-buyers', '/buyer-accounts', '[data-test="buyers-table"] .el-table__row'],
];

/** The kitchen portal's screens: the purchaser's, then the operator's. */
const KITCHEN_SCREENS: Array<[string, string, string, string]> = [
  ['kitchen1', 'kitchen-contract', '/contract', '[data-test="price-SKU-CABBAGE"]'],
  ['kitchen1', 'kitchen-calendar', '/calendar', '[data-test^="day-"]'],
  ['kitchen1', 'kitchen-deliveries', '/inbound?tab=received', '[data-test^="source-"]'],
  ['kitchen1', 'kitchen-statement', '/billing', '[data-test="st-share"]'],
  ['kitchen1', 'kitchen-spending', '/spend', '[role="img"]'],
  ['operator1', 'kitchen-dispatch', '/dispatch', '[data-test="refresh"]'],
];

/** Give the demo kitchen a delivery to show: its next cut-off run now, dispatched, then received with broken eggs. */
async function dispatchDemoDelivery(stack: Stack): Promise<void> {
  const kitchen = () => stack.http('kitchen');
  const operator = `Bearer ${await stack.login('kitchen', 'operator1')}`;
  const orders = await kitchen().get('/standing-orders').set('authorization', operator).expect(200);
  const id = (orders.body.items as Array<{ standingOrderId: string }>)[0]?.standingOrderId ?? '';
  const run = await kitchen().post(`/standing-orders/${id}/cutoff`).set('authorization', operator).send({}).expect(200);
  const deliveryId = run.body.deliveryId as string;
  for (let i = 0; i < 100; i++) {
    const res = await kitchen().get(`/deliveries/${deliveryId}`).set('authorization', operator);
    if (res.status === 200 && res.body.status === 'ready') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await kitchen().post(`/deliveries/${deliveryId}/dispatch`).set('authorization', operator).expect(200);
  for (let i = 0; i < 100; i++) {
    const res = await kitchen().get(`/deliveries/${deliveryId}`).set('authorization', operator).expect(200);
    if ((res.body.lines as Array<{ sources?: unknown[] }>).every((l) => l.sources)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const purchaser = `Bearer ${await stack.login('kitchen', 'kitchen1')}`;
  await kitchen()
    .post(`/deliveries/${deliveryId}/receive`)
    .set('authorization', purchaser)
    .send({ lines: [{ sku: 'SKU-EGG', receivedBase: 290, damagedBase: 10 }] })
    .expect(200);
}

async function kitchenScreens(browser: Browser, stack: Stack, url: string, dir: string): Promise<void> {
  await dispatchDemoDelivery(stack);
  for (const [user, name, path, ready] of KITCHEN_SCREENS) {
    const { page } = await openPage(browser);
    await signIn(page, url, user, path);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(dir, `${name}.png`) });
    process.stdout.write(`wrote docs/screenshots/${name}.png\n`);
    await page.context().close();
  }
}

/**
 * `npm run screenshots`: docs/screenshots/*.png of the main screens at 1366×768, on a fresh demo stack;
 * `npm run screenshots -- wholesale` (or `operations`, `storefront`) only those of one app.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  if (only === 'storefront') {
    // The storefront's screens are those its browser tests walk through (a join, a cut-off, a hand-over, a trace, the leader's lists, expiry and refund).
    const run = spawnSync(
      process.execPath,
      [require.resolve('jest/bin/jest'), 'test/browser/storefront', '--selectProjects', 'browser', '--maxWorkers=1'],
      {
        cwd: projectRoot(),
        env: { ...process.env, GX_SCREENSHOTS: '1' },
        stdio: 'inherit',
      },
    );
    if (run.status !== 0) throw new Error('the storefront browser test failed: no screenshots');
    return;
  }
  const dir = join(projectRoot(), 'docs/screenshots');
  mkdirSync(dir, { recursive: true });
  const { stack, urls } = await startUiStack(['operations', 'kitchen', 'wholesale']);
  const browser = await launchChromium();
  try {
    const url = urls.operations ?? '';
    const { page } = await openPage(browser);
    if (only === 'wholesale') {
      await wholesaleScreens(stack, browser, urls.wholesale ?? '', dir);
      return;
    }
    await page.goto(`${url}/login`);
    await page.locator('#login-username').waitFor();
    await page.screenshot({ path: join(dir, 'operations-login.png') });
    await signIn(page, url, 'operator1');
    await page.locator('[data-test="user-name"]').waitFor();
    // A batch received without its residue test, so the inspections screen has one to show.
    const token = await stack.login('operations', 'operator1');
    await stack
      .http('operations')
      .post('/receipts')
      .set('authorization', `Bearer ${token}`)
      .send({
        sku: 'SKU-TOMATO-SX',
        warehouse: 'LC-HUB-SX',
        producer: 'COOP-SX-VEG',
        quantityBase: 250_000,
        origin: { village: '莘县燕店镇东王村', plot: '7号棚' },
        harvestDate: shanghaiDate(new Date()),
        grade: '一级',
        inspection: { result: 'missing' },
      })
      .expect(201);
    // And a write-off, so the write-off log has one to show.
    const cucumbers = await stack
      .http('operations')
      .get('/stock?warehouse=LC-HUB-SX&sku=SKU-CUCUMBER-SX')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    await stack
      .http('operations')
      .post('/write-offs')
      .set('authorization', `Bearer ${token}`)
      .send({
        sku: 'SKU-CUCUMBER-SX',
        warehouse: 'LC-HUB-SX',
        batchId: cucumbers.body.items[0].batches[0].batchId,
        quantityBase: 15_000,
        reason: 'spoilage',
        note: '冷库温控故障，表面霉变',
      })
      .expect(201);
    for (const [name, path, ready] of SCREENS) {
      await page.goto(`${url}${path}`);
      await page.locator(ready).first().waitFor();
      // Charts draw after their lazily loaded chunk arrives; wait until the network is idle.
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(dir, `${name}.png`) });
      process.stdout.write(`wrote docs/screenshots/${name}.png\n`);
    }
    // Below the fold of the dashboard: today's cut-offs and lot closes.
    await page.goto(`${url}/`);
    const deadlines = page.locator('[data-test="deadlines"]');
    await deadlines.locator('.el-table__row').first().waitFor();
    await deadlines.screenshot({ path: join(dir, 'operations-deadlines.png') });
    // The SKU create form, with a validation answer of the API shown on its fields.
    await page.goto(`${url}/master-data`);
    await page.getByRole('tab', { name: '商品' }).click();
    await page.locator('[data-test="md-create"]').click();
    await page.locator('#ms-code').fill('sku-lower');
    await page.locator('[data-test="md-submit"]').click();
    await page.locator('[data-test="md-error"]').waitFor();
    await page.screenshot({ path: join(dir, 'operations-sku-form.png') });
    process.stdout.write('wrote docs/screenshots/operations-deadlines.png, operations-sku-form.png\n');
    // A wholesale buyer's users, with the form creating one more for it.
    await page.goto(`${url}/buyer-accounts`);
    await page.locator('[data-test="buyer-users-BUYER-LC-001"]').click();
    await page.locator('.el-drawer [data-test="users-table"] .el-table__row').first().waitFor();
    await page.screenshot({ path: join(dir, 'operations-buyer-users.png') });
    await page.locator('[data-test="buyer-add-user"]').click();
    await page.locator('#uf-username').fill('buyer1-li');
    await page.locator('#uf-name').fill('聊城鲜果批发行 李会计');
    await page.locator('#uf-mobile').fill('1380013');
    await page.locator('[data-test="uf-submit"]').click();
    await page.locator('[data-test="uf-error"]').waitFor();
    await page.screenshot({ path: join(dir, 'operations-user-form.png') });
    process.stdout.write('wrote docs/screenshots/operations-buyer-users.png, operations-user-form.png\n');
    // Parties: kitchens, pickup points with address and coordinates, and one point's leaders.
    await page.goto(`${url}/master-data`);
    await page.locator('#tab-kitchens').click();
    await page.locator('[data-test="md-kitchens"] .el-table__row').first().waitFor();
    await page.screenshot({ path: join(dir, 'operations-kitchens.png') });
    await page.locator('#tab-pickupPoints').click();
    await page.locator('[data-test="md-pickup-points"] .el-table__row').first().waitFor();
    await page.screenshot({ path: join(dir, 'operations-pickup-points.png') });
    await page.locator('[data-test="md-leaders-PP-DCF-01"]').click();
    await page.locator('[data-test="md-leaders-table"] .el-table__row').first().waitFor();
    await page.screenshot({ path: join(dir, 'operations-pickup-point-leaders.png') });
    process.stdout.write(
      'wrote docs/screenshots/operations-kitchens.png, operations-pickup-points.png, operations-pickup-point-leaders.png\n',
    );
    if (only === 'operations') return;
    await kitchenScreens(browser, stack, urls.kitchen ?? '', dir);
    await wholesaleScreens(stack, browser, urls.wholesale ?? '', dir);
  } finally {
    await browser.close();
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
