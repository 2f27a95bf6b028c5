import { addDays } from '@gx/application';
import { shanghaiDate } from '@gx/domain';
import { formatDate } from '../../libs/web/src/format';
import { until, type Json } from '../e2e/storefront-support';
import { withPage } from './support/browser';
import { check, PHONE, signIn, startStorefrontUi, testClock, type StorefrontUi } from './storefront-ui';

// Page loads, a sign-in and a cut-off on a busy 2-core machine: far more than Jest's 5 s default.
jest.setTimeout(120_000);

/**
 * The group leader's screens of orders over time: today's pickups apart from later ones, and, once a pickup
 * date has passed (on the stack's injectable clock: no real wait), the orders nobody came for.
 */
describe('storefront H5 for the group leader: orders of today, upcoming, and uncollected', () => {
  const clock = testClock();
  /** A business date `offset` days from the stack clock's today (Asia/Shanghai). */
  const dayAt = (offset: number) => addDays(shanghaiDate(clock.now()), offset);
  let ui: StorefrontUi;
  const sf = () => ui.sf();
  const as = (user: string) => ui.as(user);
  const join = async (campaignId: string, customer: string, quantity: number): Promise<string> =>
    (
      await sf()
        .post(`/campaigns/${campaignId}/orders`)
        .set(as(customer))
        .send({ quantity, paymentMethod: 'pay_at_pickup' })
        .expect(201)
    ).body.orderId as string;

  beforeAll(async () => {
    ui = await startStorefrontUi(['leader1', 'consumer1', 'consumer2', 'operator1'], {}, clock);
  }, 120_000);
  afterAll(() => ui?.close());

  it("lists my pickup point's orders for today apart from those of later pickup dates, each with its date", async () => {
    const cutoffAt = clock.inMs(600_000);
    const todays = await ui.campaign({ title: '莘县西红柿 今日自提团', pickupDate: dayAt(0), cutoffAt });
    const tomorrows = await ui.campaign({ title: '莘县西红柿 明日自提团', pickupDate: dayAt(1), cutoffAt });
    const laters = await ui.campaign({ title: '莘县西红柿 三日后自提团', pickupDate: dayAt(3), cutoffAt });
    const today = await join(todays, 'consumer1', 2);
    const tomorrow = await join(tomorrows, 'consumer2', 1);
    const later = await join(laters, 'consumer1', 3);
    // A cancelled order is nothing to hand over: listed nowhere.
    const dropped = await join(laters, 'consumer2', 1);
    const cancelled = await sf().post(`/orders/${dropped}/cancel`).set(as('consumer2')).expect(200);
    await sf().get(`/pickup-points/PP-DCF-01/orders?after=${cancelled.body.position}`).set(as('leader1')).expect(200);

    await withPage(
      ui.browser,
      'storefront-leader-upcoming',
      async (page) => {
        await page.goto(`${ui.url}/leader`);
        await signIn(page, 'leader1');
        await page.waitForURL(/\/leader$/);
        const todayGroup = page.locator('[data-test="orders-today"]');
        const upcomingGroup = page.locator('[data-test="orders-upcoming"]');
        await todayGroup.locator(`[data-test="leader-order-${today}"]`).waitFor();
        for (const id of [tomorrow, later]) await upcomingGroup.locator(`[data-test="leader-order-${id}"]`).waitFor();
        expect(await upcomingGroup.locator(`[data-test="leader-order-${today}"]`).count()).toBe(0);
        expect(await todayGroup.locator(`[data-test="leader-order-${tomorrow}"]`).count()).toBe(0);
        expect(await page.locator(`[data-test="leader-order-${dropped}"]`).count()).toBe(0);
        // Who, which group buy, what and when.
        const row = (await upcomingGroup.locator(`[data-test="leader-order-${later}"]`).textContent()) ?? '';
        for (const text of ['莘县西红柿 三日后自提团', 'consumer1', formatDate(dayAt(3)), '3 kg', '已预订'])
          expect(row).toContain(text);
        expect(await upcomingGroup.locator(`[data-test="leader-order-${tomorrow}"]`).textContent()).toContain(
          formatDate(dayAt(1)),
        );
        // The nearest pickup date first.
        const listed = await upcomingGroup
          .locator('[data-test^="leader-order-"]')
          .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-test')));
        expect(listed.indexOf(`leader-order-${tomorrow}`)).toBeLessThan(listed.indexOf(`leader-order-${later}`));
        await check(page, 'leader-upcoming');
      },
      PHONE,
    );
  });

  it('shows the orders not picked up by their pickup date as uncollected once the date has passed, and not those handed over', async () => {
    const id = await ui.campaign({
      title: '莘县西红柿 逾期未取团',
      minQuantity: 1,
      pickupDate: dayAt(0),
      cutoffAt: clock.inMs(600_000),
    });
    const forgotten = await join(id, 'consumer1', 2);
    const collected = await join(id, 'consumer2', 1);
    const cut = await sf().post(`/campaigns/${id}/cutoff`).set(as('operator1')).expect(200);
    expect(cut.body).toMatchObject({ status: 'succeeded', orders: 2 });
    // The goods arrive and consumer2 collects; consumer1 does not come.
    const transferId = await until(
      'the transfer to the pickup point',
      async () => (await sf().get(`/campaigns/${id}`).expect(200)).body.fulfilment?.transferId as string | undefined,
      30_000,
    );
    await sf().post(`/pickup-points/PP-DCF-01/receipts/${transferId}`).set(as('leader1')).send({}).expect(200);
    await until('the goods held at the pickup point', async () =>
      (await sf().get(`/campaigns/${id}`).expect(200)).body.pickup?.status === 'ready' ? true : undefined,
    );
    const code = (await sf().get(`/orders/${collected}`).set(as('consumer2')).expect(200)).body.pickupCode as string;
    const handed = await sf().post(`/pickups/${code}`).set(as('leader1')).expect(200);
    // On the pickup date itself nothing is overdue yet.
    const notYet = await sf()
      .get(`/pickup-points/PP-DCF-01/uncollected?after=${handed.body.position}`)
      .set(as('leader1'))
      .expect(200);
    expect(notYet.body.items.map((c: Json) => c.campaignId)).not.toContain(id);

    // The next day in Beijing, on the stack's clock (and the phone's).
    clock.movePast(`${dayAt(1)}T00:00:00+08:00`, 60_000);
    const overdue = await until('the campaign uncollected on the next day', async () => {
      const res = await sf().get('/pickup-points/PP-DCF-01/uncollected').set(as('leader1')).expect(200);
      return res.body.items.find((c: Json) => c.campaignId === id && c.pickup.awaiting.length === 1) as Json;
    });
    expect(overdue.pickup).toMatchObject({ awaiting: [forgotten], handedOver: 1 });

    await withPage(
      ui.browser,
      'storefront-leader-uncollected',
      async (page) => {
        await page.clock.install({ time: clock.now() });
        await page.goto(`${ui.url}/leader`);
        await signIn(page, 'leader1');
        await page.waitForURL(/\/leader$/);
        // Yesterday's order is no longer among the pickups of today.
        await page.locator('[data-test="orders-today"], [data-test="orders-upcoming"]').first().waitFor();
        expect(await page.locator(`[data-test="leader-order-${forgotten}"]`).count()).toBe(0);
        await page.getByRole('tab', { name: '待取' }).click();
        const group = page.locator(`[data-test="uncollected-${id}"]`);
        await group.waitFor();
        expect(await group.textContent()).toContain(
          `莘县西红柿 逾期未取团 · ${formatDate(overdue.pickupDate as string)}`,
        );
        const row = group.locator(`[data-test="uncollected-order-${forgotten}"]`);
        for (const text of ['consumer1', '2 kg', '逾期未取', '待收 ¥10.00'])
          expect(await row.textContent()).toContain(text);
        expect(await group.locator(`[data-test="uncollected-order-${collected}"]`).count()).toBe(0);
        await check(page, 'leader-uncollected');
      },
      PHONE,
    );
  });
});
