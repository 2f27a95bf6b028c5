import type { Browser } from 'playwright-core';
import { formatDate, formatMoney, shanghaiDate } from '../../libs/web/src/format';
import { startStripeFake, type StripeFake } from '@gx/testing';
import { day, inMs, until, type Json } from '../e2e/storefront-support';
import { withPage } from './support/browser';
import {
  check,
  markDocument,
  PHONE,
  sameDocument,
  signIn,
  startStorefrontUi,
  type StorefrontUi,
} from './storefront-ui';

// Page loads, a sign-in and a cut-off on a busy 2-core machine: far more than Jest's 5 s default.
jest.setTimeout(120_000);

/**
 * The phone's camera, filming `src` (an image): getUserMedia answers a canvas stream with the image drawn on it, so
 * that the page's own scanner (BarcodeDetector or jsqr) reads what a real camera would show. A string, run in the page.
 */
const FAKE_CAMERA = `async (src) => {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 320;
  const g = canvas.getContext('2d');
  const draw = () => {
    g.fillStyle = '#fff';
    g.fillRect(0, 0, 320, 320);
    g.drawImage(image, 40, 40, 240, 240);
  };
  draw();
  setInterval(draw, 100);
  navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(10);
}`;

describe('storefront H5 in Chromium', () => {
  let ui: StorefrontUi;
  let url: string;
  let browser: Browser;
  const sf = () => ui.sf();
  const as = (user: string) => ui.as(user);
  const campaign = (overrides: Record<string, unknown>) => ui.campaign(overrides);

  beforeAll(async () => {
    ui = await startStorefrontUi(['leader1', 'consumer1', 'consumer2', 'consumer3', 'operator1']);
    ({ url, browser } = ui);
  }, 120_000);
  afterAll(() => ui?.close());

  it('a consumer joins, sees the group succeed live at its cut-off; the leader receives the goods and hands over by scanning the QR code and by a typed code; the consumer traces the order', async () => {
    const id = await campaign({
      title: '莘县西红柿 浏览器团',
      minQuantity: 2,
      quota: 10,
      perCustomerLimit: 5,
      cutoffAt: inMs(600_000),
      pickupDate: day(0),
    });
    let orderId = '';
    let pickupCode = '';
    let qrImage = '';
    let otherOrder = '';
    await withPage(
      browser,
      'storefront-consumer',
      async (page) => {
        // Anyone sees the open campaigns: price per sale unit, quota left, progress, countdown, pickup point and date.
        await page.goto(`${url}/`);
        const card = page.locator(`[data-test="campaign-${id}"]`);
        await card.waitFor();
        const text = (await card.textContent()) ?? '';
        expect(text).toContain('¥5.00/kg');
        expect(text).toContain('剩余 10 kg');
        expect(text).toContain('成团 0/2 kg');
        expect(text).toContain(`${formatDate(day(0))} 到 道口铺社区自提点 自提`);
        expect(text).toMatch(/距截单 00:(09:[0-5]\d|10:00)/);
        await check(page, 'campaigns');

        // The detail: producer, origin and the regional brand where the SKU has it; joining asks to sign in and comes back.
        await card.click();
        await page.locator('[data-test="producer"]').filter({ hasText: '合作社' }).waitFor();
        expect(await page.locator('[data-test="origin"]').textContent()).toContain('村');
        await page.locator('[data-test="qty-plus"]').click();
        await check(page, 'campaign');
        await page.locator('[data-test="join"]').click();
        await page.waitForURL(/\/login\?next=/);
        await check(page, 'sign-in');
        await signIn(page, 'consumer1');
        await page.waitForURL((u) => u.pathname === `/c/${id}`);
        expect(await page.locator('#join-quantity').inputValue()).toBe('2');
        await page.locator('[data-test="join"]').click();

        // The order: reserved for payment at pickup, the pickup code as QR and text, with the pickup place and hours.
        await page.waitForURL(/\/my\/orders\/GB-/);
        orderId = /\/my\/orders\/([^?]+)/.exec(page.url())?.[1] ?? '';
        await page.locator('[data-test="order-status"]').filter({ hasText: '已预订' }).waitFor();
        pickupCode = ((await page.locator('[data-test="pickup-code"]').textContent()) ?? '').trim();
        expect(pickupCode).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
        await page.locator('[data-test="qr"]').first().waitFor();
        expect(await page.locator('[data-test="payment-status"]').textContent()).toContain('取货时付款 ¥10.00');
        expect(await page.locator('[data-test="pickup-place"]').textContent()).toContain('道口铺社区自提点');
        expect(await page.locator('[data-test="pickup-place"]').textContent()).toContain('道口铺街道幸福路18号');
        const hours = (await sf().get('/pickup-points/PP-DCF-01').expect(200)).body.hours as string;
        expect(await page.locator('[data-test="pickup-hours"]').textContent()).toContain(hours);
        await check(page, 'order');
        const api = await sf().get(`/orders/${orderId}`).set(as('consumer1')).expect(200);
        expect(api.body).toMatchObject({
          status: 'reserved',
          quantity: 2,
          amountFen: 1_000,
          pickupCode,
          paymentMethod: 'pay_at_pickup',
        });

        // More than the limit (2 held + 4 > 5) is refused and explained.
        await page.goto(`${url}/c/${id}`);
        for (let i = 0; i < 3; i++) await page.locator('[data-test="qty-plus"]').click();
        await page.locator('[data-test="join"]').click();
        await page.locator('[data-test="join-error"]').filter({ hasText: '超出限购：每人最多 5 kg' }).waitFor();

        // The order in one tab, the campaign in another. Another consumer joins meanwhile: the progress moves without a reload.
        const orderTab = await page.context().newPage();
        await orderTab.goto(`${url}/my/orders/${orderId}`);
        await orderTab.locator('[data-test="order-status"]').filter({ hasText: '已预订' }).waitFor();
        await orderTab.locator('[data-test="cancel"]').waitFor();
        await markDocument(orderTab);
        await markDocument(page);
        otherOrder = (
          await sf()
            .post(`/campaigns/${id}/orders`)
            .set(as('consumer2'))
            .send({ quantity: 1, paymentMethod: 'pay_at_pickup' })
            .expect(201)
        ).body.orderId as string;
        await page.locator('[data-test="progress"]').filter({ hasText: '已成团' }).waitFor();
        await page.locator('[data-test="remaining"]').filter({ hasText: '剩余 7 kg' }).waitFor();

        // An operator runs the cut-off now (as its deadline would): the group succeeds on both screens, and the order
        // turns confirmed for pickup and can no longer be cancelled, without a reload.
        const cut = await sf().post(`/campaigns/${id}/cutoff`).set(as('operator1')).expect(200);
        expect(cut.body).toMatchObject({ status: 'succeeded', orders: 2 });
        await page.locator('[data-test="campaign-outcome"]').filter({ hasText: '已成团' }).waitFor();
        await page.locator('[data-test="join-block"]').filter({ hasText: '已截单' }).waitFor();
        await orderTab.locator('[data-test="order-status"]').filter({ hasText: '已成团待取货' }).waitFor();
        await orderTab.locator('[data-test="campaign-outcome"]').filter({ hasText: '已成团' }).waitFor();
        expect(await orderTab.locator('[data-test="cancel"]').count()).toBe(0);
        expect(await orderTab.locator('[data-test="pickup-code"]').textContent()).toContain(pickupCode);
        qrImage = (await orderTab.locator('[data-test="qr"]').first().getAttribute('src')) ?? '';
        expect([await sameDocument(page), await sameDocument(orderTab)]).toEqual([true, true]);
        await check(orderTab, 'order-confirmed');
        expect(
          (await sf().get(`/orders/${orderId}?after=${cut.body.position}`).set(as('consumer1')).expect(200)).body,
        ).toMatchObject({ status: 'confirmed' });
        await until('the campaign succeeded in its read model', async () =>
          (await sf().get(`/campaigns/${id}`).expect(200)).body.status === 'succeeded' ? true : undefined,
        );
      },
      PHONE,
    );

    // The leader: the goods arrive from the hub and are received; the consumer's code is typed (or scanned) and handed over.
    const transferId = await until(
      'the transfer to the pickup point',
      async () => {
        const res = await sf().get(`/campaigns/${id}`).expect(200);
        return res.body.fulfilment?.transferId as string | undefined;
      },
      30_000,
    );
    await withPage(
      browser,
      'storefront-leader',
      async (page) => {
        await page.goto(`${url}/leader`);
        await signIn(page, 'leader1');
        await page.waitForURL(/\/leader$/);
        await page.locator(`[data-test="orders-today"] [data-test="leader-order-${orderId}"]`).waitFor();
        await check(page, 'leader');
        await page.getByRole('tab', { name: '到货' }).click();
        await page.locator(`[data-test="receive-${id}"]`).click();
        await page.locator(`[data-test="received-${id}"]`).waitFor();
        const received = await until('the goods held at the pickup point', async () => {
          const res = await sf().get(`/campaigns/${id}`).expect(200);
          return res.body.pickup?.status === 'ready' ? (res.body as Json) : undefined;
        });
        expect(received.pickup).toMatchObject({ transferId, receivedBase: 3_000, lostBase: 0 });

        await page.locator('[data-test="tab-/leader/hand-over"]').click();
        // consumer2's code is typed (in lower case): 1 kg to give, ¥5.00 to collect.
        const otherCode = (await sf().get(`/orders/${otherOrder}`).set(as('consumer2')).expect(200)).body
          .pickupCode as string;
        await page.locator('#pickup-code').fill(otherCode.toLowerCase());
        await page.locator('[data-test="look-up"]').click();
        await page.locator('[data-test="give"]').filter({ hasText: '交付 1 kg' }).waitFor();
        expect(await page.locator('[data-test="collect"]').textContent()).toContain('收款 ¥5.00');
        await page.locator('[data-test="confirm-hand-over"]').click();
        await page.locator('[data-test="hand-over-done"]').filter({ hasText: '已收款 ¥5.00' }).waitFor();
        // consumer1's QR code is scanned with the phone's camera: a camera that films the QR image of the consumer's screen.
        await page.evaluate(`(${FAKE_CAMERA})(${JSON.stringify(qrImage)})`);
        await page.locator('[data-test="scan"]').click();
        await page.locator('[data-test="give"]').filter({ hasText: '交付 2 kg' }).waitFor();
        expect(await page.locator('#pickup-code').inputValue()).toBe(pickupCode);
        expect(await page.locator('[data-test="collect"]').textContent()).toContain('收款 ¥10.00');
        await check(page, 'hand-over');
        await page.locator('[data-test="confirm-hand-over"]').click();
        await page.locator('[data-test="hand-over-done"]').filter({ hasText: '已收款 ¥10.00' }).waitFor();
        // The screen shows the command's answer; the order's read model follows it.
        const handed = await until('the order handed over in its read model', async () => {
          const res = await sf().get(`/orders/${orderId}`).set(as('leader1')).expect(200);
          return res.body.status === 'completed' ? (res.body as Json) : undefined;
        });
        expect(handed).toMatchObject({ status: 'completed', handedOver: { by: 'leader1', collectedFen: 1_000 } });

        // My commission by month: the hand-over counts in this (Beijing) month.
        await page.locator('[data-test="tab-/leader"]').click();
        await page.getByRole('tab', { name: '佣金' }).click();
        const month = shanghaiDate().slice(0, 7);
        const row = page.locator(`[data-test="commission-${month}"]`);
        await row.filter({ hasText: '完成 2 单' }).waitFor();
        const commission = (
          await sf().get('/pickup-points/PP-DCF-01/commissions').set(as('leader1')).expect(200)
        ).body.items.find((m: Json) => m.month === month);
        expect(await row.textContent()).toContain(`佣金 ${formatMoney(commission.commissionFen)}`);
        expect(commission).toMatchObject({ completedOrders: 2, collectedFen: 1_500 });
      },
      PHONE,
    );

    // The consumer sees the order completed with the batches that supplied it, and opens its public traceability page.
    const traced = await until('the batches recorded on the order', async () => {
      const res = await sf().get(`/orders/${orderId}`).set(as('consumer1')).expect(200);
      return res.body.traceToken ? (res.body as Json) : undefined;
    });
    expect(traced.traceToken).not.toContain(orderId);
    expect(traced.supply.batches.reduce((n: number, b: Json) => n + b.quantityBase, 0)).toBe(2_000);
    const leaderView = await sf().get(`/orders/${orderId}`).set(as('leader1')).expect(200);
    expect(leaderView.body).not.toHaveProperty('traceToken');
    await withPage(
      browser,
      'storefront-trace',
      async (page) => {
        await page.goto(`${url}/login?next=/my/orders`);
        await signIn(page, 'consumer1');
        await page.locator(`[data-test="order-status-${orderId}"]`).filter({ hasText: '已完成' }).waitFor();
        await check(page, 'orders');
        await page.locator(`[data-test="order-${orderId}"]`).click();
        await page.locator('[data-test="supply-batch"]').first().waitFor();
        await page.locator('[data-test="trace-link"]').click();
        await page.waitForURL(new RegExp(`/t/${traced.traceToken}`));
        const batch = traced.supply.batches[0].batchId as string;
        const section = page.locator(`[data-test="trace-batch-${batch}"]`);
        await section.waitFor();
        const trace = (await sf().get(`/trace/${traced.traceToken}`).expect(200)).body;
        const first = trace.batches[0];
        expect(await section.locator('[data-test="trace-producer"]').textContent()).toContain(first.producer.name);
        expect(await section.locator('[data-test="trace-origin"]').textContent()).toContain(first.origin.village);
        expect(await section.locator('[data-test="trace-inspection"]').textContent()).toContain('合格');
        // Hub → village point, as the stock log moved it; nothing personal anywhere on the page or in its answer.
        expect(first.hops.map((h: Json) => h.warehouse)).toEqual(['LC-HUB-DCF', 'LC-VP-DCF-01']);
        expect(await section.locator('[data-test="trace-hops"]').textContent()).toContain('东昌府区供销综合集配中心');
        const body = JSON.stringify(trace);
        for (const secret of ['consumer1', orderId, pickupCode, 'leader1']) expect(body).not.toContain(secret);
        expect(await page.locator('main').textContent()).not.toContain('consumer1');
        await check(page, 'trace');
      },
      PHONE,
    );
    await sf().get('/trace/AAAAAAAAAAAAAAAAAAAAAA').expect(404);
  });

  it('shows the regional brand, a sold-out campaign as sold out, cancels an order paid at pickup before the cut-off, and shows a failed group cancel an order live', async () => {
    const soldOut = await campaign({
      title: '莘县西红柿 秒杀团',
      quota: 1,
      perCustomerLimit: 1,
      minQuantity: 1,
      cutoffAt: inMs(600_000),
    });
    await sf()
      .post(`/campaigns/${soldOut}/orders`)
      .set(as('consumer3'))
      .send({ quantity: 1, paymentMethod: 'pay_at_pickup' })
      .expect(201);
    const open = await campaign({ title: '莘县西红柿 可取消团', cutoffAt: inMs(600_000) });
    const failing = await campaign({ title: '莘县西红柿 未成团', minQuantity: 10, cutoffAt: inMs(600_000) });
    await withPage(
      browser,
      'storefront-sold-out-cancel',
      async (page) => {
        // A SKU of the regional brand carries its badge.
        const pear = (await sf().get('/campaigns?status=published').expect(200)).body.items.find(
          (c: Json) => c.sku === 'SKU-PEAR-GX',
        );
        await page.goto(`${url}/c/${pear.campaignId}`);
        await page.locator('[data-test="brand-badge"]').filter({ hasText: '聊·胜一筹' }).waitFor();
        expect(await page.locator('[data-test="producer"]').textContent()).toContain('冠县鸭梨种植专业合作社');

        await page.goto(`${url}/c/${soldOut}`);
        await page.locator('[data-test="join-block"]').filter({ hasText: '已售罄' }).waitFor();
        expect(await page.locator('[data-test="join"]').count()).toBe(0);

        await page.goto(`${url}/c/${open}`);
        await page.locator('[data-test="join"]').click();
        await signIn(page, 'consumer2');
        await page.waitForURL((u) => u.pathname === `/c/${open}`);
        await page.locator('[data-test="join"]').click();
        await page.waitForURL(/\/my\/orders\/GB-/);
        const orderId = /\/my\/orders\/([^?]+)/.exec(page.url())?.[1] ?? '';
        await page.locator('[data-test="cancel"]').click();
        await page.locator('[data-test="confirm-cancel"]').click();
        await page.locator('[data-test="order-status"]').filter({ hasText: '已取消' }).waitFor();
        expect((await sf().get(`/orders/${orderId}`).set(as('consumer2')).expect(200)).body).toMatchObject({
          status: 'cancelled',
          payment: { status: 'none' },
        });
        await until('the quota given back', async () =>
          (await sf().get(`/campaigns/${open}`).expect(200)).body.remaining === 20 ? true : undefined,
        );

        // A group short of its minimum at the cut-off: the open order page shows it failed and the order cancelled, nothing to pay.
        const joined = await sf()
          .post(`/campaigns/${failing}/orders`)
          .set(as('consumer2'))
          .send({ quantity: 2, paymentMethod: 'pay_at_pickup' })
          .expect(201);
        await page.goto(`${url}/my/orders/${joined.body.orderId}?after=${joined.body.position}`);
        await page.locator('[data-test="order-status"]').filter({ hasText: '已预订' }).waitFor();
        await markDocument(page);
        const cut = await sf().post(`/campaigns/${failing}/cutoff`).set(as('operator1')).expect(200);
        expect(cut.body).toMatchObject({ status: 'failed', orders: 1 });
        await page.locator('[data-test="order-status"]').filter({ hasText: '已取消' }).waitFor();
        await page.locator('[data-test="campaign-outcome"]').filter({ hasText: '未成团' }).waitFor();
        expect(await page.locator('[data-test="payment-status"]').textContent()).toContain('无需付款');
        expect(await page.locator('[data-test="pickup-code"]').count()).toBe(0);
        expect(await sameDocument(page)).toBe(true);
        await check(page, 'order-failed');
        expect((await sf().get(`/orders/${joined.body.orderId}`).set(as('consumer2')).expect(200)).body).toMatchObject({
          status: 'cancelled',
          payment: { status: 'none' },
        });
      },
      PHONE,
    );
  });

  it('streams the live progress of a campaign to anyone, down to sold out, and a page left open shows it sold out', async () => {
    const id = await campaign({
      title: '莘县西红柿 直播团',
      quota: 3,
      perCustomerLimit: 3,
      minQuantity: 1,
      cutoffAt: inMs(600_000),
    });
    const res = await fetch(`${url}/campaigns/${id}/live`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body?.getReader();
    const first = new TextDecoder().decode((await reader?.read())?.value);
    const all = first.includes('event:') ? first : first + new TextDecoder().decode((await reader?.read())?.value);
    expect(all).toMatch(/event: progress\ndata: \{[^\n]*"remaining":3/);
    await sf()
      .post(`/campaigns/${id}/orders`)
      .set(as('consumer1'))
      .send({ quantity: 3, paymentMethod: 'pay_at_pickup' })
      .expect(201);
    let seen = '';
    while (!seen.includes('event: sold_out')) seen += new TextDecoder().decode((await reader?.read())?.value);
    expect(seen).toMatch(/"remaining":0/);
    await reader?.cancel();
    // On screen: a campaign page left open turns sold out as the last of its quota goes, without a reload.
    const flash = await campaign({
      title: '莘县西红柿 直播秒杀团',
      quota: 2,
      perCustomerLimit: 2,
      minQuantity: 1,
      cutoffAt: inMs(600_000),
    });
    await withPage(
      browser,
      'storefront-live-sold-out',
      async (page) => {
        await page.goto(`${url}/c/${flash}`);
        await page.locator('[data-test="remaining"]').filter({ hasText: '剩余 2 kg' }).waitFor();
        await page.locator('[data-test="join"]').waitFor();
        await markDocument(page);
        await sf()
          .post(`/campaigns/${flash}/orders`)
          .set(as('consumer3'))
          .send({ quantity: 2, paymentMethod: 'pay_at_pickup' })
          .expect(201);
        await page.locator('[data-test="join-block"]').filter({ hasText: '已售罄' }).waitFor();
        expect(await page.locator('[data-test="remaining"]').textContent()).toContain('剩余 0 kg');
        expect(await page.locator('[data-test="join"]').count()).toBe(0);
        expect(await sameDocument(page)).toBe(true);
      },
      PHONE,
    );
    await sf().get('/campaigns/GB-000000000000/live').expect(404);
  });

  it('signs a new consumer up with a mobile number when joining, and returns to the campaign', async () => {
    const id = await campaign({ title: '莘县西红柿 新用户团', cutoffAt: inMs(600_000) });
    await withPage(
      browser,
      'storefront-sign-up',
      async (page) => {
        await page.goto(`${url}/c/${id}`);
        await page.locator('[data-test="join"]').click();
        await page.waitForURL(/\/login\?next=/);
        await page.getByRole('tab', { name: '注册' }).click();
        await page.waitForURL(/\/signup\?next=/);
        await page.locator('#signup-mobile').fill('13800138123');
        await page.locator('#signup-password').fill('a-good-password');
        await page.locator('#signup-name').fill('新用户');
        await check(page, 'sign-up');
        await page.locator('[data-test="sign-up-submit"]').click();
        await page.waitForURL((u) => u.pathname === `/c/${id}`);
        await page.locator('[data-test="user-name"]').filter({ hasText: '新用户' }).waitFor();
        await page.locator('[data-test="join"]').click();
        await page.waitForURL(/\/my\/orders\/GB-/);
      },
      PHONE,
    );
  });
});

describe('storefront H5 in Chromium, paid online (the Stripe fake stands in for Stripe and its Payment Element)', () => {
  let fake: StripeFake;
  let ui: StorefrontUi;

  beforeAll(async () => {
    fake = await startStripeFake({ webhookSecret: 'whsec_test_gongxiao_browser' });
    ui = await startStorefrontUi(['leader1', 'consumer1', 'operator1'], {
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      STRIPE_API_URL: fake.apiUrl,
      PAYMENT_WINDOW_SECONDS: '600',
    });
    fake.setWebhookTarget(`${ui.url}/payments/stripe/webhook`);
  }, 120_000);
  afterAll(async () => {
    await ui?.close();
    await fake?.stop();
  });

  it('shows an online order awaiting payment with the time left, paid the moment the payment lands, cancelled when its group fails, and refunded, all without a reload', async () => {
    const { sf, as, url } = ui;
    const id = await ui.campaign({ title: '莘县西红柿 在线支付团', minQuantity: 10, cutoffAt: inMs(3_600_000) });
    await withPage(
      ui.browser,
      'storefront-stripe',
      async (page) => {
        await page.goto(`${url}/login?next=/c/${id}`);
        await signIn(page, 'consumer1');
        await page.waitForURL((u) => u.pathname === `/c/${id}`);
        await page.locator('[data-test="pay-online"]').click();
        await page.locator('[data-test="join"]').click();
        await page.waitForURL(/\/my\/orders\/GB-/);
        const orderId = /\/my\/orders\/([^?]+)/.exec(page.url())?.[1] ?? '';
        await page.locator('[data-test="order-status"]').filter({ hasText: '待支付' }).waitFor();
        // A ten-minute window: the time left counts down.
        expect(await page.locator('[data-test="payment-status"]').textContent()).toMatch(
          /待支付，剩余 00:(09:[0-5]\d|10:00)/,
        );
        await check(page, 'order-awaiting-payment');
        await markDocument(page);

        // The consumer pays (Stripe's Payment Element confirms the intent); the verified webhook makes it paid, shown at once.
        const unpaid = (await sf().get(`/orders/${orderId}`).set(as('consumer1')).expect(200)).body;
        await fake
          .client()
          .paymentIntents.confirm(unpaid.payment.intentId as string, { payment_method: 'pm_card_visa' });
        await page.locator('[data-test="payment-status"]').filter({ hasText: '已在线支付' }).waitFor();
        await page.locator('[data-test="order-status"]').filter({ hasText: '已支付' }).waitFor();

        // The group fails at its cut-off: the paid order is cancelled and its refund under way, without a reload.
        const cut = await sf().post(`/campaigns/${id}/cutoff`).set(as('operator1')).expect(200);
        expect(cut.body).toMatchObject({ status: 'failed', orders: 1 });
        await page.locator('[data-test="order-status"]').filter({ hasText: '已取消' }).waitFor();
        await page
          .locator('[data-test="payment-status"]')
          .filter({ hasText: /退款处理中|已退款/ })
          .waitFor();
        // The refund itself is the payments process manager's work, after the outcome: the order's own stream tells it.
        await page.locator('[data-test="payment-status"]').filter({ hasText: '已退款' }).waitFor();
        expect(await sameDocument(page)).toBe(true);
        expect((await sf().get(`/orders/${orderId}`).set(as('consumer1')).expect(200)).body.payment.status).toBe(
          'refunded',
        );
        await check(page, 'order-refunded');
      },
      PHONE,
    );
  });
});
