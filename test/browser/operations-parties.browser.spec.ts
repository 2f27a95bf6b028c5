import type { Browser } from 'playwright-core';
import type { Stack } from '../e2e/support/stack';
import { launchChromium, seriousA11yViolations, withPage } from './support/browser';
import { choose, signIn } from './support/desk';
import { startUiStack } from './support/ui-stack';

jest.setTimeout(90_000);

/** Operators register parties on the master data screen; the people acting for them sign in and see them. */
describe('operations console: kitchens, pickup points and their leaders in Chromium', () => {
  let stack: Stack;
  let ops: string;
  let kitchen: string;
  let browser: Browser;
  beforeAll(async () => {
    const started = await startUiStack(['operations', 'kitchen', 'storefront']);
    stack = started.stack;
    ops = started.urls.operations ?? '';
    kitchen = started.urls.kitchen ?? '';
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('an operator registers a kitchen; its purchaser signs in to the kitchen portal and sees the kitchen’s name', () =>
    withPage(browser, 'parties-kitchen', async (page) => {
      await signIn(page, ops, 'operator1', '/master-data');
      await page.locator('#tab-kitchens').click();
      await page.locator('[data-test="md-kitchens"] .el-table__row', { hasText: '聊城一中食堂' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.locator('[data-test="md-create"]').click();
      await page.locator('#mk-code').fill('KITCHEN-UI-01');
      await page.locator('#mk-name').fill('聊城大学东校区食堂');
      await choose(page, 'mk-kind', '农校');
      await page.locator('#mk-address').fill('山东省聊城市东昌府区湖南路1号');
      await page.locator('#mk-contact-name').fill('周师傅');
      await page.locator('#mk-contact-phone').fill('12345');
      await page.locator('[data-test="md-submit"]').click();
      // The API's field error is shown at the field.
      await page
        .locator('.el-form-item', { has: page.locator('#mk-contact-phone') })
        .locator('.el-form-item__error')
        .waitFor();
      await page.locator('#mk-contact-phone').fill('0635-8230000');
      await page.locator('[data-test="md-submit"]').click();
      const row = page.locator('[data-test="md-kitchens"] .el-table__row', { hasText: '聊城大学东校区食堂' });
      await row.waitFor();
      expect(await row.textContent()).toContain('周师傅 0635-8230000');
      const saved = await stack
        .http('operations')
        .get('/kitchens/KITCHEN-UI-01')
        .set('authorization', `Bearer ${await stack.login('operations', 'operator1')}`)
        .expect(200);
      expect(saved.body).toMatchObject({
        name: '聊城大学东校区食堂',
        kind: 'school',
        contact: { name: '周师傅', phone: '0635-8230000' },
      });

      // The contact person asks to be erased: a reason is required, then their name and phone read 已删除.
      await page.locator('[data-test="md-erase-contact-KITCHEN-UI-01"]').click();
      const box = page.locator('.el-message-box');
      await box.waitFor();
      expect(await box.textContent()).toContain('不可撤销');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await box.getByRole('button', { name: '删除联系人信息' }).click();
      await box.getByText('请填写删除原因').waitFor();
      await box.locator('input').fill('联系人本人申请（工单 UI-01）');
      await box.getByRole('button', { name: '删除联系人信息' }).click();
      await row.filter({ hasText: '已删除 已删除' }).waitFor();
      expect(await row.textContent()).not.toContain('周师傅');
      expect(await page.locator('[data-test="md-erase-contact-KITCHEN-UI-01"]').count()).toBe(0);
      // Editing the kitchen afterwards keeps the contact erased unless a new one is typed.
      await page.locator('[data-test="md-edit-kitchen-KITCHEN-UI-01"]').click();
      await page.locator('#mk-address').fill('山东省聊城市东昌府区湖南路1号东门');
      await page.locator('[data-test="md-submit"]').click();
      await row.filter({ hasText: '湖南路1号东门' }).waitFor();
      const erased = await stack
        .http('operations')
        .get('/kitchens/KITCHEN-UI-01')
        .set('authorization', `Bearer ${await stack.login('operations', 'operator1')}`)
        .expect(200);
      expect(erased.body).toMatchObject({ name: '聊城大学东校区食堂', contact: { name: '已删除', phone: '已删除' } });

      // Its purchaser (through the API) signs in to the kitchen portal: the statement is headed with the kitchen's name.
      await stack
        .http('operations')
        .post('/users')
        .set('authorization', `Bearer ${await stack.login('operations', 'operator1')}`)
        .send({
          username: 'purchaser-ui',
          displayName: '聊大东校区 采购',
          password: 'demo-password',
          roles: ['purchaser'],
          party: 'KITCHEN-UI-01',
        })
        .expect(201);
      await signIn(page, kitchen, 'purchaser-ui', '/billing');
      await page.locator('h1', { hasText: '聊城大学东校区食堂' }).waitFor();
    }));

  it('an operator registers a pickup point with its address and creates its leader, who signs in', () =>
    withPage(browser, 'parties-pickup-point', async (page) => {
      await signIn(page, ops, 'operator1', '/master-data');
      await page.locator('#tab-pickupPoints').click();
      await page
        .locator('[data-test="md-pickup-points"] .el-table__row', { hasText: '道口铺街道幸福路18号' })
        .waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.locator('[data-test="md-create"]').click();
      await page.locator('#mpp-code').fill('PP-UI-01');
      await page.locator('#mpp-name').fill('郑家镇自提点');
      await choose(page, 'mpp-warehouse', '道口铺');
      await page.locator('#mpp-address').fill('山东省聊城市东昌府区郑家镇政府路3号');
      await page.locator('#mpp-lat').fill('36.3812');
      await page.locator('#mpp-lng').fill('116.0421');
      await page.locator('[data-test="md-submit"]').click();
      const row = page.locator('[data-test="md-pickup-points"] .el-table__row', { hasText: '郑家镇自提点' });
      await row.waitFor();
      expect(await row.textContent()).toContain('36.3812, 116.0421');

      await page.locator('[data-test="md-leaders-PP-UI-01"]').click();
      await page.locator('[data-test="md-leaders"]').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.locator('#ml-username').fill('leader-ui');
      await page.locator('#ml-name').fill('团长 刘桂芝');
      await page.locator('#ml-password').fill('leader-ui-password');
      await page.locator('[data-test="md-leader-submit"]').click();
      await page.locator('[data-test="md-leaders-table"] .el-table__row', { hasText: '团长 刘桂芝' }).waitFor();

      const login = await stack
        .http('storefront')
        .post('/auth/login')
        .send({ username: 'leader-ui', password: 'leader-ui-password' })
        .expect(200);
      const me = await stack
        .http('storefront')
        .get('/me')
        .set('authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      expect(me.body.parties).toEqual([
        expect.objectContaining({
          kind: 'pickupPoint',
          id: 'PP-UI-01',
          name: '郑家镇自提点',
          address: '山东省聊城市东昌府区郑家镇政府路3号',
          lat: 36.3812,
          lng: 116.0421,
        }),
      ]);
    }));
});
