import { startStripeFake, type StripeFake } from '@gx/testing';
import { startStack, type Stack } from './support/stack';
import { campaignBody, inMs, startStorefront, until, type Json, type Storefront } from './storefront-support';

/** Seconds an online order has to be paid in these tests (short, so that expiry can be watched). */
const WINDOW_SECONDS = 3;

/** The group buy paid online, on the Stripe fake driven by the real SDK: payments, webhooks, expiry and refunds. */
describe('storefront: group buy paid through Stripe', () => {
  let fake: StripeFake;
  let stack: Stack;
  let sf: Storefront;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    fake = await startStripeFake({ webhookSecret: 'whsec_test_gongxiao_storefront' });
    stack = await startStack(['worker', 'operations'], {
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      STRIPE_API_URL: fake.apiUrl,
      PAYMENT_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
    sf = await startStorefront(stack);
    fake.setWebhookTarget(`${sf.url}/payments/stripe/webhook`);
    token.operator1 = sf.token('operator1', ['operator']);
    token.leader1 = sf.token('leader1', ['leader'], 'PP-DCF-01');
    for (const c of ['consumer1', 'consumer2', 'consumer3']) token[c] = sf.token(c, ['consumer']);
  }, 60_000);
  afterAll(async () => {
    await sf?.close();
    await stack?.close();
    await fake?.stop();
  });

  /** A published campaign (tomatoes by the kg at PP-DCF-01) with `overrides`. */
  async function campaign(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await sf.call('POST', '/campaigns', token.operator1, campaignBody(overrides));
    expect(created.status).toBe(201);
    const id = created.body.campaignId as string;
    expect((await sf.call('POST', `/campaigns/${id}/publish`, token.operator1)).status).toBe(200);
    return id;
  }
  const join = (id: string, customer: string, quantity: number, key?: string) =>
    sf.call(
      'POST',
      `/campaigns/${id}/orders`,
      token[customer],
      { quantity, paymentMethod: 'stripe' },
      key ? { 'idempotency-key': key } : {},
    );
  const order = async (orderId: string, customer: string) =>
    (await sf.call('GET', `/orders/${orderId}`, token[customer])).body;
  /** The order once `ok` holds (the read model follows the log, and the worker acts on it, a moment later). */
  const orderIn = (orderId: string, customer: string, what: string, ok: (o: Json) => boolean) =>
    until(what, async () => {
      const res = await sf.call('GET', `/orders/${orderId}`, token[customer]);
      return res.status === 200 && ok(res.body) ? res.body : undefined;
    });

  it('takes a payment confirmed by the verified webhook, then ships and hands the order over', async () => {
    const id = await campaign({ minQuantity: 2, cutoffAt: inMs(7_000) });
    const joined = await join(id, 'consumer1', 2, 'happy-1');
    expect(joined.status).toBe(201);
    const { orderId } = joined.body;
    expect(joined.body).toMatchObject({ status: 'awaiting_payment', amountFen: 1_000, expiresAt: expect.any(String) });
    expect(joined.body.payment).toMatchObject({
      method: 'stripe',
      status: 'awaiting',
      intentStatus: 'requires_payment_method',
      amountFen: 1_000,
      currency: 'cny',
      clientSecret: expect.stringMatching(/_secret_/),
    });
    const intentId = joined.body.payment.intentId as string;
    expect(fake.intent(intentId)).toMatchObject({
      amount: 1_000,
      currency: 'cny',
      metadata: { reference: orderId, orderId, campaignId: id },
    });
    expect(fake.intent(intentId).payment_method_types.sort()).toEqual(['alipay', 'card', 'wechat_pay']);

    const again = await join(id, 'consumer1', 2, 'happy-1');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect([again.body.orderId, again.body.payment.intentId]).toEqual([orderId, intentId]);
    const unpaid = await orderIn(orderId, 'consumer1', 'the order', (o) => o.status === 'awaiting_payment');
    expect(unpaid.payment).toMatchObject({ intentId, clientSecret: joined.body.payment.clientSecret });

    // The shopper confirms in the browser with the client secret; only the webhook makes the order paid.
    await fake.client().paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' });
    const paid = await orderIn(orderId, 'consumer1', 'the payment', (o) => o.status === 'paid');
    expect(paid.payment).toMatchObject({ status: 'paid', intentId });
    expect(paid.payment).not.toHaveProperty('clientSecret');

    const confirmed = await orderIn(orderId, 'consumer1', 'the cut-off', (o) => o.status === 'confirmed');
    // The goods are received at the pickup point (by its leader) before they are handed over.
    const shipped = await until('the transfer', async () => {
      const res = await sf.call('GET', `/campaigns/${id}`);
      return res.body.fulfilment?.transferId ? (res.body.fulfilment.transferId as string) : undefined;
    });
    const receipt = await until('the receipt', async () => {
      const res = await sf.call('POST', `/pickup-points/PP-DCF-01/receipts/${shipped}`, token.leader1, {});
      // The transfer may not be in the stock read model yet (404) a moment after the campaign shows it.
      return res.status === 404 ? undefined : res;
    });
    expect(receipt).toMatchObject({ status: 200, body: { campaignId: id, receivedBase: 2_000 } });
    await until('the goods held at the pickup point', async () =>
      (await sf.call('GET', `/campaigns/${id}`)).body.pickup?.status === 'ready' ? true : undefined,
    );
    const handed = await sf.call('POST', `/pickups/${confirmed.pickupCode}`, token.leader1);
    expect(handed.body).toMatchObject({
      status: 'completed',
      collectedFen: 0,
      commissionFen: 50,
      paymentMethod: 'stripe',
    });
    const intentRequests = fake.requests().filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(
      new Set(intentRequests.filter((r) => r.idempotencyKey?.includes(orderId)).map((r) => r.idempotencyKey)),
    ).toEqual(new Set([`gb-order-${orderId}-intent-1`]));
  }, 60_000);

  it('refunds every paid order of a campaign that fails at its cut-off', async () => {
    const id = await campaign({ minQuantity: 10, cutoffAt: inMs(5_000) });
    const paid: Array<{ customer: string; orderId: string; intentId: string }> = [];
    for (const customer of ['consumer1', 'consumer2']) {
      const joined = await join(id, customer, 2);
      fake.succeed(joined.body.payment.intentId);
      paid.push({ customer, orderId: joined.body.orderId as string, intentId: joined.body.payment.intentId as string });
    }
    for (const p of paid) {
      const refunded = await orderIn(p.orderId, p.customer, 'the refund', (o) => o.payment.status === 'refunded');
      expect(refunded).toMatchObject({
        status: 'cancelled',
        payment: {
          refunds: [expect.objectContaining({ intentId: p.intentId, amountFen: 1_000, reason: 'campaign_failed' })],
        },
      });
    }
    const refunds = fake.refunds().filter((r) => paid.some((p) => p.intentId === r.payment_intent));
    expect(refunds.map((r) => [r.amount, r.status])).toEqual([
      [1_000, 'succeeded'],
      [1_000, 'succeeded'],
    ]);
    const keys = fake
      .requests()
      .filter((r) => r.path === '/v1/refunds' && paid.some((p) => r.idempotencyKey?.includes(p.orderId)));
    expect(new Set(keys.map((r) => r.idempotencyKey))).toEqual(
      new Set(paid.map((p) => `gb-order-${p.orderId}-refund-${p.intentId}`)),
    );
    // The refunds and the quota's return are two process managers' writes, in either order.
    const done = await until('the quota returned', async () => {
      const body = (await sf.call('GET', `/campaigns/${id}`)).body;
      return body.fulfilment?.status === 'done' ? body : undefined;
    });
    expect(done).toMatchObject({ status: 'failed', fulfilment: { status: 'done', releasedBase: 20_000 } });
  }, 60_000);

  it('ignores duplicate and out-of-order webhooks, and refuses stale, forged and tampered ones', async () => {
    const id = await campaign();
    const joined = await join(id, 'consumer3', 1);
    const { orderId } = joined.body;
    const intentId = joined.body.payment.intentId as string;
    fake.pauseWebhooks();
    fake.fail(intentId);
    fake.succeed(intentId);
    // The failure is told after the success: the order stays paid.
    const released = await fake.releaseWebhooks('reverse');
    expect(released.every((d) => d.status === 200)).toBe(true);
    await orderIn(orderId, 'consumer3', 'the payment', (o) => o.status === 'paid');
    const [succeeded] = fake
      .events('payment_intent.succeeded')
      .filter((e) => (e.data.object as { id: string }).id === intentId);

    const duplicate = await fake.redeliver(succeeded.id);
    expect([duplicate.status, JSON.parse(duplicate.responseBody ?? '{}').outcome]).toEqual([200, 'duplicate']);
    for (const bad of [
      await fake.deliverStale(succeeded.id),
      await fake.deliverForged(succeeded.id),
      await fake.deliverTampered(succeeded.id),
    ]) {
      expect([bad.kind, bad.status, JSON.parse(bad.responseBody ?? '{}').code]).toEqual([
        bad.kind,
        400,
        'INVALID_SIGNATURE',
      ]);
    }
    expect(
      (await sf.call('POST', '/payments/stripe/webhook', undefined, { id: 'evt_x', type: 'payment_intent.succeeded' }))
        .status,
    ).toBe(400);
    const view = (await sf.call('GET', `/campaigns/${id}`)).body;
    expect(view).toMatchObject({ paid: 1, held: 1, orders: 1 });
    expect(
      (await order(orderId, 'consumer3')).history.filter((h: { status: string }) => h.status === 'paid'),
    ).toHaveLength(1);
  }, 60_000);

  it("takes only the order's own intent: a foreign intent naming the order, another account's and the other mode's events are ignored", async () => {
    const id = await campaign();
    const joined = await join(id, 'consumer1', 1);
    const { orderId } = joined.body;
    const own = joined.body.payment.intentId as string;
    const outcomeOf = async (eventId: string) => {
      await fake.webhooksIdle();
      const delivery = fake.deliveries().find((d) => d.eventId === eventId);
      return [delivery?.status, JSON.parse(delivery?.responseBody ?? '{}').outcome];
    };
    // Anyone holding a key of the account can create an intent that names the order; paying it is not paying the order.
    const foreign = await fake.client().paymentIntents.create({
      amount: 500,
      currency: 'cny',
      allowed_payment_method_types: ['card'],
      metadata: { reference: orderId, orderId, campaignId: id, attempt: '1' },
    });
    await fake.client().paymentIntents.confirm(foreign.id, { payment_method: 'pm_card_visa' });
    const paidEvent = (intentId: string) =>
      fake.events('payment_intent.succeeded').find((e) => e.data.object.id === intentId)?.id ?? '';
    expect(await outcomeOf(paidEvent(foreign.id))).toEqual([200, 'ignored']);

    // The order's own payment, told by another account or in live mode to this test-mode endpoint, is not ours either.
    fake.pauseWebhooks();
    fake.succeed(own);
    for (const as of [{ livemode: true }, { account: 'acct_1OtherAccount00000' }]) {
      const copy = await fake.deliverAs(paidEvent(own), as);
      expect([copy.status, JSON.parse(copy.responseBody ?? '{}').outcome]).toEqual([200, 'ignored']);
    }
    expect((await order(orderId, 'consumer1')).status).toBe('awaiting_payment');

    await fake.releaseWebhooks('emitted');
    expect(await outcomeOf(paidEvent(own))).toEqual([200, 'recorded']);
    const paid = await orderIn(orderId, 'consumer1', 'the payment', (o) => o.status === 'paid');
    expect(paid.payment).toMatchObject({ status: 'paid', intentId: own });
    expect(paid.history.filter((h: { status: string }) => h.status === 'paid')).toHaveLength(1);
    // Nothing was refunded: the order keeps its one charge, and the foreign intent is not the order's to refund.
    expect(fake.refunds().filter((r) => [own, foreign.id].includes(r.payment_intent))).toEqual([]);
    expect((await sf.call('GET', `/campaigns/${id}`)).body).toMatchObject({ paid: 1, held: 1 });
  }, 60_000);

  it('re-holds the quota for a payment arriving after its order expired, and refunds one the quota can no longer take', async () => {
    const id = await campaign({ quota: 2, perCustomerLimit: 2, minQuantity: 1 });
    const first = await join(id, 'consumer1', 1);
    const second = await join(id, 'consumer2', 1);
    fake.pauseWebhooks();
    fake.succeed(first.body.payment.intentId);
    fake.succeed(second.body.payment.intentId);
    for (const [o, customer] of [
      [first, 'consumer1'],
      [second, 'consumer2'],
    ] as const) {
      await orderIn(o.body.orderId, customer, 'the expiry', (x) => x.status === 'expired');
    }
    // While consumer1's payment is on its way, consumer3 takes one unit of the returned quota.
    expect((await join(id, 'consumer3', 1)).status).toBe(201);
    await fake.releaseWebhooks('emitted');

    const reheld = await orderIn(first.body.orderId, 'consumer1', 'the late payment', (o) => o.status === 'paid');
    expect(reheld.history.at(-1)).toMatchObject({ status: 'paid', note: expect.stringContaining('quota held again') });
    const refused = await orderIn(
      second.body.orderId,
      'consumer2',
      'the refund',
      (o) => o.payment.status === 'refunded',
    );
    expect(refused).toMatchObject({
      status: 'expired',
      payment: { refundReason: 'sold_out', refunds: [expect.objectContaining({ amountFen: 500 })] },
    });
    expect(fake.refunds().filter((r) => r.payment_intent === first.body.payment.intentId)).toEqual([]);
    expect((await sf.call('GET', `/campaigns/${id}`)).body).toMatchObject({ held: 2, remaining: 0, paid: 1 });
  }, 60_000);

  it('refunds an order its customer cancels after paying', async () => {
    const id = await campaign();
    const joined = await join(id, 'consumer2', 3);
    fake.succeed(joined.body.payment.intentId);
    const { orderId } = joined.body;
    await orderIn(orderId, 'consumer2', 'the payment', (o) => o.status === 'paid');
    expect((await sf.call('POST', `/orders/${orderId}/cancel`, token.consumer1)).status).toBe(404);
    const cancelled = await sf.call('POST', `/orders/${orderId}/cancel`, token.consumer2);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refund: { amountFen: 1_500, status: 'pending' } });
    const refunded = await orderIn(
      orderId,
      'consumer2',
      'the refund',
      (o) => o.payment.status === 'refunded' && o.payment.refunds[0]?.status === 'succeeded',
    );
    expect(refunded.payment.refunds).toEqual([
      expect.objectContaining({ amountFen: 1_500, reason: 'cancelled', status: 'succeeded' }),
    ]);
    expect(fake.refunds().filter((r) => r.payment_intent === joined.body.payment.intentId)).toEqual([
      expect.objectContaining({ amount: 1_500, reason: 'requested_by_customer' }),
    ]);
    expect((await sf.call('POST', `/orders/${orderId}/cancel`, token.consumer2)).body.code).toBe('INVALID_STATE');
  }, 60_000);

  it('sells exactly the quota to concurrent online joins, each with an intent of its own', async () => {
    const id = await campaign({ quota: 10, perCustomerLimit: 2, minQuantity: 1 });
    const customers = Array.from({ length: 10 }, (_, i) => `stripe-race-${i}`);
    for (const c of customers) token[c] = sf.token(c, ['consumer']);
    const answers = await Promise.all(customers.flatMap((c) => [join(id, c, 1), join(id, c, 1), join(id, c, 1)]));
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(10);
    expect(
      answers
        .filter((a) => a.status !== 201)
        .every((a) => a.status === 409 && ['SOLD_OUT', 'LIMIT_EXCEEDED'].includes(a.body.code)),
    ).toBe(true);
    const intents = won.map((a) => a.body.payment.intentId as string);
    expect(new Set(intents).size).toBe(10);
    for (const a of won) expect(fake.intent(a.body.payment.intentId).metadata.reference).toBe(a.body.orderId);
  }, 60_000);
});
