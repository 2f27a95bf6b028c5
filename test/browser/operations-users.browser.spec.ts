import type { Browser, Page } from 'playwright-core';
import type { Stack } from '../e2e/support/stack';
import { launchChromium, seriousA11yViolations, withPage } from './support/browser';
import { signIn } from './support/desk';
import { startUiStack } from './support/ui-stack';

// A page load, a sign-in and a few clicks on a busy 2-core machine: far more than Jest's 5 s default.
jest.setTimeout(90_000);

interface Listed {
  username: string;
  displayName: string;
  roles: string[];
  party?: string;
  partyKind?: string;
  disabled: boolean;
  erased: boolean;
}

/** The people part of the operations console: users, wholesale buyers and their users (the wholesale desk runs too, to sign in to). */
describe('operations console in Chromium: users and wholesale buyers', () => {
  let stack: Stack;
  let url: string;
  let wholesaleUrl: string;
  let browser: Browser;
  let token: string;
  const ops = () => stack.http('operations');
  const auth = () => ({ authorization: `Bearer ${token}` });
  const listed = async (query: string): Promise<Listed[]> =>
    (await ops().get(`/users?${query}`).set(auth()).expect(200)).body.items as Listed[];
  const fieldError = (page: Page, inputSelector: string) =>
    page.locator('.el-form-item', { has: page.locator(inputSelector) }).locator('.el-form-item__error');
  const confirmBox = (page: Page) => page.locator('.el-message-box');

  beforeAll(async () => {
    const started = await startUiStack(['operations', 'wholesale']);
    stack = started.stack;
    url = started.urls.operations ?? '';
    wholesaleUrl = started.urls.wholesale ?? '';
    browser = await launchChromium();
    token = await stack.login('operations', 'operator1');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('creates a user for a wholesale buyer from its list of users; that user signs in to the wholesale desk', async () => {
    const password = 'desk-pass-2026';
    await withPage(browser, 'buyer-user', async (page) => {
      await signIn(page, url, 'operator1', '/buyer-accounts');
      const row = page.locator('[data-test="buyers-table"] .el-table__row', { hasText: 'BUYER-LC-001' });
      await row.waitFor();
      expect(await row.textContent()).toMatch(/聊城鲜果批发行.*¥200,000\.00/);
      expect(await page.locator('[data-test="approved-BUYER-LC-001"]').textContent()).toBe('已授信');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.locator('[data-test="buyer-users-BUYER-LC-001"]').click();
      const drawer = page.locator('.el-drawer');
      await drawer.locator('[data-test="users-table"] .el-table__row', { hasText: 'buyer1' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.locator('[data-test="buyer-add-user"]').click();
      expect(await page.locator('[data-test="uf-fixed-party"]').textContent()).toBe('BUYER-LC-001');
      // A username that is not one, and a mobile number that is not one: each refused on its field, nothing written.
      await page.locator('#uf-username').fill('Buyer Li');
      await page.locator('#uf-name').fill('聊城鲜果批发行 李会计');
      await page.locator('#uf-mobile').fill('12345');
      await page.locator('#uf-password').fill(password);
      await page.locator('[data-test="uf-submit"]').click();
      await fieldError(page, '#uf-username').waitFor();
      expect(await fieldError(page, '#uf-username').textContent()).toContain('lower-case');
      expect(await fieldError(page, '#uf-mobile').textContent()).toContain('mobile');
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await stack.events.readStream('user-buyer-li')).toEqual([]);

      await page.locator('#uf-username').fill('buyer-li');
      await page.locator('#uf-mobile').fill('');
      await page.locator('[data-test="uf-submit"]').click();
      await page.locator('[data-test="buyer-done"]').filter({ hasText: 'buyer-li' }).waitFor();
      await drawer.locator('[data-test="users-table"] .el-table__row', { hasText: 'buyer-li' }).waitFor();
    });
    expect(await listed('partyKind=buyer&party=BUYER-LC-001')).toEqual([
      expect.objectContaining({
        username: 'buyer-li',
        displayName: '聊城鲜果批发行 李会计',
        roles: ['buyer'],
        party: 'BUYER-LC-001',
        partyKind: 'buyer',
        disabled: false,
      }),
      expect.objectContaining({ username: 'buyer1' }),
    ]);

    await withPage(browser, 'buyer-user-wholesale', async (page) => {
      await page.goto(`${wholesaleUrl}/account`);
      await page.locator('#login-username').fill('buyer-li');
      await page.locator('#login-password').fill(password);
      await page.getByRole('button', { name: /登录|Sign in/ }).click();
      await page.waitForURL(/\/account/);
      expect(await page.locator('[data-test="user-name"]').textContent()).toBe('聊城鲜果批发行 李会计');
    });
    const me = await stack
      .http('wholesale')
      .get('/me')
      .set('authorization', `Bearer ${await loginAs('buyer-li', password)}`)
      .expect(200);
    expect(me.body.parties).toEqual([expect.objectContaining({ kind: 'buyer', id: 'BUYER-LC-001' })]);
  });

  async function loginAs(username: string, password: string): Promise<string> {
    const res = await stack.http('wholesale').post('/auth/login').send({ username, password }).expect(200);
    return res.body.accessToken as string;
  }

  it('finds a user by search and filters, disables them after a confirm (their session stops working at once), and enables them again', async () => {
    await ops()
      .post('/users')
      .set(auth())
      .send({
        username: 'buyer-zhou',
        displayName: '周 采购',
        roles: ['buyer'],
        password: 'zhou-pass-2026',
        party: 'BUYER-LC-002',
      })
      .expect(201);
    const session = await loginAs('buyer-zhou', 'zhou-pass-2026');
    await stack.http('wholesale').get('/me').set('authorization', `Bearer ${session}`).expect(200);

    await withPage(browser, 'disable-user', async (page) => {
      await signIn(page, url, 'operator1', '/accounts');
      const table = page.locator('[data-test="users-table"]');
      await table.locator('.el-table__row', { hasText: 'operator2' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.locator('[data-test="users-search"]').fill('buyer-z');
      await table.locator('.el-table__row', { hasText: 'buyer-zhou' }).waitFor();
      await table.locator('.el-table__row', { hasText: 'operator2' }).waitFor({ state: 'detached' });
      expect(await table.locator('.el-table__row').count()).toBe(1);

      // Cancelling the confirm changes nothing.
      await page.locator('[data-test="toggle-buyer-zhou"]').click();
      await confirmBox(page).waitFor();
      expect(await confirmBox(page).textContent()).toContain('停用 buyer-zhou？');
      await confirmBox(page).getByRole('button', { name: '取消' }).click();
      await confirmBox(page).waitFor({ state: 'hidden' });
      await stack.http('wholesale').get('/me').set('authorization', `Bearer ${session}`).expect(200);

      await page.locator('[data-test="toggle-buyer-zhou"]').click();
      await confirmBox(page).getByRole('button', { name: '确认' }).click();
      await page.locator('[data-test="users-done"]').filter({ hasText: 'buyer-zhou 已停用' }).waitFor();
      // The list reloads after the change is reported: wait for the row to follow.
      await page.locator('[data-test="status-buyer-zhou"]', { hasText: '已停用' }).waitFor();
      // The session of the disabled user stops working at once, in the other app too.
      await stack.http('wholesale').get('/me').set('authorization', `Bearer ${session}`).expect(401);
      await stack
        .http('wholesale')
        .post('/auth/login')
        .send({ username: 'buyer-zhou', password: 'zhou-pass-2026' })
        .expect(401);

      // The status filter: only disabled accounts.
      await page.locator('[data-test="users-search"]').fill('');
      await page.locator('[data-test="users-status"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: '已停用' }).click();
      await table.locator('.el-table__row', { hasText: 'operator1' }).waitFor({ state: 'detached' });
      expect(await table.locator('.el-table__row').allTextContents()).toEqual([expect.stringContaining('buyer-zhou')]);

      await page.locator('[data-test="toggle-buyer-zhou"]').click();
      await confirmBox(page).getByRole('button', { name: '确认' }).click();
      await page.locator('[data-test="users-done"]').filter({ hasText: 'buyer-zhou 已启用' }).waitFor();
    });
    expect(await listed('q=buyer-zhou')).toEqual([
      expect.objectContaining({ username: 'buyer-zhou', disabled: false }),
    ]);
    // Enabled again, the old session stays ended; a new sign-in works.
    await stack.http('wholesale').get('/me').set('authorization', `Bearer ${session}`).expect(401);
    await loginAs('buyer-zhou', 'zhou-pass-2026');
  });

  it('creates an operator, gives a user new roles, and resets a password shown once to hand over', async () => {
    await withPage(browser, 'create-roles-reset', async (page) => {
      await signIn(page, url, 'operator1', '/accounts');
      await page.locator('[data-test="users-table"] .el-table__row').first().waitFor();
      await page.locator('[data-test="users-create"]').click();
      await page.locator('#uf-username').fill('ops-chen');
      await page.locator('#uf-name').fill('运营 陈静');
      await page.locator('[data-test="uf-roles"] .el-checkbox', { hasText: '运营人员' }).click();
      await page.locator('#uf-password').fill('chen-pass-2026');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.locator('[data-test="uf-submit"]').click();
      await page.locator('[data-test="users-done"]').filter({ hasText: 'ops-chen' }).waitFor();
      await stack
        .http('operations')
        .post('/auth/login')
        .send({ username: 'ops-chen', password: 'chen-pass-2026' })
        .expect(200);

      // Roles: a leader needs its pickup point; chosen, the account acts for it.
      await page.locator('[data-test="users-search"]').fill('ops-chen');
      await page
        .locator('[data-test="users-table"] .el-table__row', { hasText: 'operator1' })
        .waitFor({ state: 'detached' });
      await page.locator('[data-test="roles-ops-chen"]').click();
      await page.locator('[data-test="rf-roles"] .el-checkbox', { hasText: '团长' }).click();
      await page.locator('[data-test="rf-submit"]').click();
      await page.locator('[data-test="rf-error"]').waitFor();
      expect(await page.locator('[data-test="rf-error"]').textContent()).toContain('party');
      await page.locator('[data-test="rf-roles"] .el-checkbox', { hasText: '运营人员' }).click();
      await page.locator('#rf-party').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: 'PP-DCF-01' }).click();
      await page.locator('[data-test="rf-submit"]').click();
      await page.locator('[data-test="users-done"]').filter({ hasText: 'ops-chen 的角色已更新' }).waitFor();
      await page.locator('[data-test="users-table"] .el-table__row', { hasText: '自提点 PP-DCF-01' }).waitFor();

      await page.locator('[data-test="reset-ops-chen"]').click();
      const generated = await page.locator('#pf-password').inputValue();
      expect(generated).toMatch(/^[A-Za-z2-9]{12}$/);
      await page.locator('[data-test="pf-submit"]').click();
      await page.locator('[data-test="users-done"]').filter({ hasText: generated }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await stack
        .http('operations')
        .post('/auth/login')
        .send({ username: 'ops-chen', password: 'chen-pass-2026' })
        .expect(401);
      await stack
        .http('operations')
        .post('/auth/login')
        .send({ username: 'ops-chen', password: generated })
        .expect(200);
    });
    expect(await listed('q=ops-chen')).toEqual([
      expect.objectContaining({ roles: ['leader'], party: 'PP-DCF-01', partyKind: 'pickupPoint' }),
    ]);
  });

  it("erases a person's personal data on request: asked for a reason, the name reads 已删除, the account is closed for good", async () => {
    await ops()
      .post('/users')
      .set(auth())
      .send({
        username: 'c-wang',
        displayName: '王小红',
        roles: ['consumer'],
        mobile: '13700001111',
        password: 'wang-pass-2026',
      })
      .expect(201);
    await withPage(browser, 'erase-user', async (page) => {
      await signIn(page, url, 'operator1', '/accounts');
      await page.locator('[data-test="users-search"]').fill('c-wang');
      const row = page.locator('[data-test="users-table"] .el-table__row', { hasText: 'c-wang' });
      await row.filter({ hasText: '王小红' }).waitFor();
      await page.locator('[data-test="erase-c-wang"]').click();
      await confirmBox(page).waitFor();
      expect(await confirmBox(page).textContent()).toContain('不可撤销');
      expect(await seriousA11yViolations(page)).toEqual([]);
      // A reason is required.
      await confirmBox(page).getByRole('button', { name: '删除个人信息' }).click();
      await confirmBox(page).getByText('请填写删除原因').waitFor();
      await confirmBox(page).locator('input').fill('本人申请 工单 2026-1201');
      await confirmBox(page).getByRole('button', { name: '删除个人信息' }).click();
      await page.locator('[data-test="users-done"]').filter({ hasText: 'c-wang 的个人信息已删除' }).waitFor();
      await row.filter({ hasText: '已删除' }).waitFor();
      expect(await row.textContent()).not.toContain('王小红');
      expect(await page.locator('[data-test="status-c-wang"]').textContent()).toBe('已删除');
      expect(await page.locator('[data-test="erase-c-wang"]').count()).toBe(0);
    });
    expect(await listed('q=c-wang')).toEqual([
      expect.objectContaining({ username: 'c-wang', displayName: '已删除', disabled: true, erased: true }),
    ]);
    await stack
      .http('operations')
      .post('/auth/login')
      .send({ username: 'c-wang', password: 'wang-pass-2026' })
      .expect(401);
  });
});
