import { shanghaiDate } from '@gx/domain';
import type { Browser, Page } from 'playwright-core';
import { startStack, type Stack } from '../e2e/support/stack';
import { launchChromium, seriousA11yViolations, withPage } from './support/browser';
import { choose, signIn } from './support/desk';
import { ensureWebBuilt } from './support/ui-stack';

// A page load, a sign-in and a few clicks on a busy 2-core machine: far more than Jest's 5 s default.
jest.setTimeout(60_000);

interface StockBatch {
  batchId: string;
  onHandBase: number;
  freeBase: number;
  sellable: boolean;
  inspection: { result: string; testId?: string };
}

/** Write-offs, inspections, today's deadlines and master-data forms of the operations console (the wholesale app runs too, to list a lot). */
describe('operations console in Chromium: write-offs, inspections, deadlines, master data', () => {
  let stack: Stack;
  let url: string;
  let browser: Browser;
  let token: string;
  const ops = () => stack.http('operations');
  const auth = () => ({ authorization: `Bearer ${token}` });
  const batchesOf = async (warehouse: string, sku: string): Promise<StockBatch[]> =>
    ((await ops().get(`/stock?warehouse=${warehouse}&sku=${sku}`).set(auth()).expect(200)).body.items[0]?.batches ??
      []) as StockBatch[];
  const fieldError = (page: Page, inputSelector: string) =>
    page
      .locator('.el-form-item', { has: page.locator(inputSelector) })
      .locator('.el-form-item__error')
      .last();

  beforeAll(async () => {
    ensureWebBuilt('operations');
    stack = await startStack(['worker', 'operations', 'wholesale']);
    url = await stack.listen('operations');
    browser = await launchChromium();
    token = await stack.login('operations', 'operator1');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('writes off part of a batch: a zero quantity is refused on its field, then the batch goes down by what was written off', () =>
    withPage(browser, 'write-off', async (page) => {
      const [batch] = await batchesOf('LC-HUB-SX', 'SKU-CUCUMBER-SX');
      if (!batch) throw new Error('the demo has no cucumbers at LC-HUB-SX');
      await signIn(page, url, 'operator1', '/losses?warehouse=LC-HUB-SX&sku=SKU-CUCUMBER-SX');
      await page.locator(`[data-test="wo-open-${batch.batchId}"]`).click();
      await page.locator('#wo-quantity').fill('0');
      await page.locator('[data-test="wo-submit"]').click();
      await fieldError(page, '#wo-quantity').waitFor();
      expect(await fieldError(page, '#wo-quantity').textContent()).toContain('quantity');
      expect((await batchesOf('LC-HUB-SX', 'SKU-CUCUMBER-SX'))[0]?.onHandBase).toBe(batch.onHandBase);

      await page.locator('#wo-quantity').fill('100');
      await page.locator('.el-radio-button', { hasText: '破损' }).click();
      await page.locator('#wo-note').fill('叉车碰撞，整箱压坏');
      await page.locator('[data-test="wo-submit"]').click();
      const done = page.locator('[data-test="wo-done"]');
      await done.waitFor();
      // 100 斤 = 50 kg, valued at the batch's cost.
      expect(await done.textContent()).toMatch(/100 斤.*¥[\d,]+\.\d\d/);
      await page
        .locator(`[data-test="wo-on-hand-${batch.batchId}"]`)
        .filter({ hasText: `${batch.onHandBase / 500 - 100} 斤` })
        .waitFor();
      expect((await batchesOf('LC-HUB-SX', 'SKU-CUCUMBER-SX'))[0]?.onHandBase).toBe(batch.onHandBase - 50_000);
      // The log of write-offs shows it, with its reason, note and operator.
      const logged = page.locator('[data-test="wo-log"] .el-table__row', { hasText: batch.batchId });
      await logged.filter({ hasText: '叉车碰撞' }).waitFor();
      expect(await logged.textContent()).toMatch(/100 斤.*破损.*operator1/);
      expect((await ops().get('/write-offs?warehouse=LC-HUB-SX').set(auth()).expect(200)).body.items).toEqual([
        expect.objectContaining({
          batchId: batch.batchId,
          quantityBase: 50_000,
          reason: 'damage',
          note: '叉车碰撞，整箱压坏',
          by: 'operator1',
        }),
      ]);
      const trace = await ops().get(`/batches/${batch.batchId}/trace`).set(auth()).expect(200);
      expect(trace.body.movements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'StockWrittenOff', quantityBase: -50_000, reason: 'damage' }),
        ]),
      );
      expect(await seriousA11yViolations(page)).toEqual([]);
    }));

  it('records a residue test for a batch received untested: a bad test id is refused on its field, a pass makes the batch sellable', () =>
    withPage(browser, 'inspection', async (page) => {
      const received = await ops()
        .post('/receipts')
        .set(auth())
        .send({
          sku: 'SKU-TOMATO-SX',
          warehouse: 'LC-HUB-SX',
          producer: 'COOP-SX-VEG',
          quantityBase: 250_000,
          origin: { village: '莘县燕店镇东王村' },
          harvestDate: shanghaiDate(new Date()),
          grade: '一级',
          inspection: { result: 'missing' },
        })
        .expect(201);
      const batchId = received.body.batchId as string;
      await signIn(page, url, 'operator1', '/inspections');
      expect(await page.locator(`[data-test="in-result-${batchId}"]`).textContent()).toBe('待检');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.locator(`[data-test="in-open-${batchId}"]`).click();
      await page.locator('#in-test-id').fill(' NC-2026-1202-01');
      await page.locator('[data-test="in-submit"]').click();
      await fieldError(page, '#in-test-id').waitFor();
      expect(await fieldError(page, '#in-test-id').textContent()).toContain('testId');

      await page.locator('#in-test-id').fill('NC-2026-1202-01');
      await page.locator('[data-test="in-submit"]').click();
      await page.locator('[data-test="in-done"]').filter({ hasText: batchId }).waitFor();
      // Passed, it leaves the list of batches awaiting a result.
      await page.locator(`[data-test="in-result-${batchId}"]`).waitFor({ state: 'detached' });
      const batch = (await batchesOf('LC-HUB-SX', 'SKU-TOMATO-SX')).find((b) => b.batchId === batchId);
      expect(batch).toMatchObject({ sellable: true, inspection: { result: 'pass', testId: 'NC-2026-1202-01' } });
    }));

  it("shows today's lot closes and kitchen cut-offs as the API lists them, each linked to its stock", () =>
    withPage(browser, 'deadlines', async (page) => {
      // A lot closing later today (Beijing), so there is one whatever the time of the run.
      const [batch] = await batchesOf('LC-MKT-01', 'SKU-PEAR-GX');
      if (!batch) throw new Error('the demo has no pears at the market');
      const tenMinutes = new Date(Date.now() + 600_000);
      const closesAt =
        shanghaiDate(tenMinutes) === shanghaiDate(new Date()) ? tenMinutes : new Date(Date.now() + 30_000);
      const wholesale = await stack.login('wholesale', 'operator1');
      const lot = await stack
        .http('wholesale')
        .post('/lots')
        .set('authorization', `Bearer ${wholesale}`)
        .send({
          warehouse: 'LC-MKT-01',
          sku: 'SKU-PEAR-GX',
          batchId: batch.batchId,
          quantityBase: 50_000,
          saleUnit: '斤',
          startPriceFen: 300,
          incrementFen: 10,
          closesAt: closesAt.toISOString(),
        })
        .expect(201);
      const today = (await ops().get(`/reports/deadlines?after=${lot.body.position}`).set(auth()).expect(200)).body as {
        lotCloses: Array<{ lotId: string; batchId: string }>;
        kitchenCutoffs: Array<{ standingOrderId: string }>;
        campaignCutoffs: Array<{ campaignId: string }>;
      };
      expect(today.lotCloses.map((l) => l.lotId)).toContain(lot.body.lotId);

      await signIn(page, url, 'operator1', '/');
      const card = page.locator('[data-test="deadlines"]');
      await card.locator(`[data-test="deadline-lot-${lot.body.lotId as string}"]`).waitFor();
      for (const l of today.lotCloses) await card.locator(`[data-test="deadline-lot-${l.lotId}"]`).waitFor();
      for (const k of today.kitchenCutoffs)
        await card.locator(`[data-test="deadline-kitchen-${k.standingOrderId}"]`).waitFor();
      for (const c of today.campaignCutoffs)
        await card.locator(`[data-test="deadline-campaign-${c.campaignId}"]`).waitFor();
      expect(await card.locator('[data-test="deadlines-lots"] .el-table__row').count()).toBe(today.lotCloses.length);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The lot's link traces the batch it was cut from.
      await card.locator(`[data-test="deadline-lot-${lot.body.lotId as string}"]`).click();
      await page.waitForURL(new RegExp(`/tracing\\?batch=${batch.batchId}`));
      await page.locator('[data-test="tc-timeline"] .el-timeline-item').first().waitFor();
    }));

  it('creates a warehouse of a tier, a producer and a pickup point through their forms', () =>
    withPage(browser, 'master-data-create', async (page) => {
      await signIn(page, url, 'operator1', '/master-data');
      await page.locator('[data-test="md-create"]').click();
      await choose(page, 'mw-kind', '村级服务点');
      await page.locator('#mw-code').fill('LC-VP-SX-09');
      await page.locator('#mw-name').fill('莘县燕店镇东王村综合服务社');
      await page.locator('#mw-county').fill('莘县');
      await page.locator('[data-test="md-submit"]').click();
      await page
        .locator('[data-test="md-warehouses"] .el-table__row', { hasText: 'LC-VP-SX-09' })
        .filter({ hasText: '村级服务点' })
        .waitFor();

      await page.getByRole('tab', { name: '生产者' }).click();
      await page.locator('[data-test="md-create"]').click();
      await choose(page, 'mp-kind', '农户');
      await page.locator('#mp-code').fill('FARMER-SX-0009');
      await page.locator('#mp-name').fill('王建国');
      await page.locator('#mp-county').fill('莘县');
      await page.locator('[data-test="md-submit"]').click();
      await page.locator('[data-test="md-producers"] .el-table__row', { hasText: 'FARMER-SX-0009' }).waitFor();

      // A pickup point at the village point just created; a bad opening-hours text is refused on its field first.
      await page.getByRole('tab', { name: '自提点' }).click();
      await page.locator('[data-test="md-create"]').click();
      await page.locator('#mpp-code').fill('PP-SX-09');
      await page.locator('#mpp-name').fill('东王村自提点');
      await choose(page, 'mpp-warehouse', '莘县燕店镇东王村综合服务社');
      await page.locator('#mpp-hours').fill('8点到20点');
      await page.locator('[data-test="md-submit"]').click();
      await fieldError(page, '#mpp-hours').waitFor();
      expect(await fieldError(page, '#mpp-hours').textContent()).toContain('08:00-20:00');
      await page.locator('#mpp-hours').fill('07:30-19:00');
      await page.locator('[data-test="md-submit"]').click();
      await page
        .locator('[data-test="md-pickup-points"] .el-table__row', { hasText: 'PP-SX-09' })
        .filter({ hasText: '07:30-19:00' })
        .waitFor();

      const warehouses = (await ops().get('/warehouses').set(auth()).expect(200)).body.items as Array<{
        code: string;
        kind: string;
      }>;
      expect(warehouses).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'LC-VP-SX-09', kind: 'village_point', county: '莘县' }),
        ]),
      );
      const producers = (await ops().get('/producers').set(auth()).expect(200)).body.items;
      expect(producers).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'FARMER-SX-0009', kind: 'farmer', name: '王建国' })]),
      );
      const points = (await ops().get('/pickup-points').set(auth()).expect(200)).body.items;
      expect(points).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'PP-SX-09', warehouse: 'LC-VP-SX-09', hours: '07:30-19:00' }),
        ]),
      );
    }));

  it('creates a 聊·胜一筹 SKU with two sale units after showing each bad field on the form', () =>
    withPage(browser, 'master-data-sku', async (page) => {
      await signIn(page, url, 'operator1', '/master-data');
      await page.getByRole('tab', { name: '商品' }).click();
      await page.locator('[data-test="md-create"]').click();
      await page.locator('#ms-code').fill('sku-apple');
      await page.locator('[data-test="ms-add-unit"]').click();
      await page.locator('[data-test="md-submit"]').click();
      await fieldError(page, '#ms-code').waitFor();
      expect(await fieldError(page, '#ms-code').textContent()).toContain('upper-case');
      expect(await fieldError(page, '#ms-name').textContent()).toContain('name');
      // The second sale unit was left blank: its name is named on its own field.
      expect(await page.locator('[data-test="ms-unit-1"] .el-form-item__error').first().textContent()).toContain(
        'unit',
      );
      expect(await seriousA11yViolations(page)).toEqual([]);
      await ops().get('/skus/sku-apple').set(auth()).expect(404);

      await page.locator('#ms-code').fill('SKU-APPLE-GX');
      await page.locator('#ms-name').fill('冠县红富士苹果');
      await page.locator('#ms-category').fill('fruit');
      await page.locator('[data-test="ms-unit-1"] input').first().fill('箱(10kg)');
      await page.locator('[data-test="ms-unit-1"] input').nth(1).fill('10000');
      await page.locator('#ms-shelf-life').fill('90');
      await page.locator('#ms-cost').fill('3.2');
      await page.locator('[data-test="ms-brand"]').click();
      await page.locator('[data-test="md-submit"]').click();
      const row = page.locator('[data-test="md-skus"] .el-table__row', { hasText: 'SKU-APPLE-GX' });
      await row.waitFor();
      expect(await row.textContent()).toContain('聊·胜一筹');
      expect(await row.textContent()).toContain('箱(10kg) = 10000 g');

      const sku = await ops().get('/skus/SKU-APPLE-GX').set(auth()).expect(200);
      expect(sku.body).toMatchObject({
        name: '冠县红富士苹果',
        baseUnit: 'g',
        regionalBrand: true,
        shelfLifeDays: 90,
        saleUnits: [
          { unit: '斤', base: 500 },
          { unit: '箱(10kg)', base: 10_000 },
        ],
        costFen: 320,
        costPerBase: 500,
      });
    }));
});
