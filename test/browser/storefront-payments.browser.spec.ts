import { startStripeFake, type StripeFake } from '@gx/testing';
import { until } from '../e2e/storefront-support';
import { withPage } from './support/browser';
import {
  check,
  markDocument,
  PHONE,
  sameDocument,
  signIn,
  startStorefrontUi,
  testClock,
  type StorefrontUi,
} from './storefront-ui';

// Page loads, a sign-in and a cut-off on a busy 2-core machine: far more than Jest's 5 s default.
jest.setTimeout(120_000);

/**
 * An online order's page follows the order live until it is settled: its payment window passing (on the
 * stack's injectable clock, not a real wait) and a refund being made show without a reload. The Stripe
 * fake stands in for Stripe and its Payment Element.
 */
describe('storefront H5, paid online: expiry and refund shown live', () => {
  const clock = testClock();
  let fake: StripeFake;
  let ui: StorefrontUi;
  const sf = () => ui.sf();
  const as = (user: string) => ui.as(user);
  const joinOnline = async (campaignId: string, customer: string, quantity: number) =>
    (
      await sf()
        .post(`/campaigns/${campaignId}/orders`)
        .set(as(customer))
        .send({ quantity, paymentMethod: 'stripe' })
        .expect(201)
    ).body as { orderId: string; expiresAt: string; payment: { intentId: string } };

  beforeAll(async () => {
    fake = await startStripeFake({ webhookSecret: 'whsec_test_gongxiao_browser_live' });
    ui = await startStorefrontUi(
      ['leader1', 'consumer1', 'consumer2'],
      {
        STRIPE_SECRET_KEY: fake.secretKey,
        STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
        STRIPE_API_URL: fake.apiUrl,
        PAYMENT_WINDOW_SECONDS: '600',
      },
      clock,
    );
    fake.setWebhookTarget(`${ui.url}/payments/stripe/webhook`);
  }, 120_000);
  afterAll(async () => {
    await ui?.close();
    await fake?.stop();
  });

  it('shows an unpaid online order expire the moment its payment window ends, without a reload', async () => {
    const id = await ui.campaign({ title: '莘县西红柿 限时支付团', cutoffAt: clock.inMs(3_600_000) });
    const order = await joinOnline(id, 'consumer1', 2);
    await withPage(
      ui.browser,
      'storefront-payment-expired',
      async (page) => {
        await page.goto(`${ui.url}/login?next=/my/orders/${order.orderId}`);
        await signIn(page, 'consumer1');
        await page.locator('[data-test="order-status"]').filter({ hasText: '待支付' }).waitFor();
        expect(await page.locator('[data-test="payment-status"]').textContent()).toMatch(
          /待支付，剩余 00:(09:[0-5]\d|10:00)/,
        );
        await markDocument(page);

        // Ten minutes pass on the stack's clock: the worker's payment-window deadline releases the order.
        clock.movePast(order.expiresAt, 1_000);
        await page.locator('[data-test="order-status"]').filter({ hasText: '已过期' }).waitFor();
        expect(await page.locator('[data-test="payment-status"]').textContent()).toContain('已过期：未在时限内付款');
        expect(await page.locator('[data-test="pickup-code"]').count()).toBe(0);
        expect(await page.locator('[data-test="cancel"]').count()).toBe(0);
        expect(await sameDocument(page)).toBe(true);
        await check(page, 'order-expired');
      },
      PHONE,
    );
    expect((await sf().get(`/orders/${order.orderId}`).set(as('consumer1')).expect(200)).body).toMatchObject({
      status: 'expired',
      payment: { status: 'none' },
    });
    // Its intent can no longer be paid.
    await until('the intent cancelled at Stripe', async () =>
      fake.intent(order.payment.intentId).status === 'canceled' ? true : undefined,
    );
  });

  it('shows the refund of a paid order its consumer cancels once the refund is made, without a reload', async () => {
    const id = await ui.campaign({ title: '莘县西红柿 取消退款团', cutoffAt: clock.inMs(3_600_000) });
    const order = await joinOnline(id, 'consumer2', 3);
    fake.succeed(order.payment.intentId);
    await until('the payment', async () =>
      (await sf().get(`/orders/${order.orderId}`).set(as('consumer2')).expect(200)).body.status === 'paid'
        ? true
        : undefined,
    );
    await withPage(
      ui.browser,
      'storefront-refund-live',
      async (page) => {
        await page.goto(`${ui.url}/login?next=/my/orders/${order.orderId}`);
        await signIn(page, 'consumer2');
        await page.locator('[data-test="payment-status"]').filter({ hasText: '已在线支付' }).waitFor();
        await markDocument(page);
        // Stripe answers the first refund attempts with errors: the refund is retried, and the page shows it pending meanwhile.
        fake.failNextRequests(3);
        await page.locator('[data-test="cancel"]').click();
        await page.locator('[data-test="confirm-cancel"]').click();
        await page.locator('[data-test="order-status"]').filter({ hasText: '已取消' }).waitFor();
        await page.locator('[data-test="payment-status"]').filter({ hasText: '退款处理中' }).waitFor();
        // The payments process manager makes the refund; the order's own stream tells the page.
        await page.locator('[data-test="payment-status"]').filter({ hasText: '已退款' }).waitFor();
        expect(await sameDocument(page)).toBe(true);
        await check(page, 'order-cancel-refunded');
      },
      PHONE,
    );
    expect((await sf().get(`/orders/${order.orderId}`).set(as('consumer2')).expect(200)).body.payment).toMatchObject({
      status: 'refunded',
      refunds: [expect.objectContaining({ amountFen: 1_500, reason: 'cancelled' })],
    });
    expect(fake.refunds().filter((r) => r.payment_intent === order.payment.intentId)).toEqual([
      expect.objectContaining({ amount: 1_500 }),
    ]);
  });
});
