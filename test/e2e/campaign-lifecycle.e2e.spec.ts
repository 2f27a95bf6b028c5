import { CampaignCutoff, GROUP_BUY_IDS, systemContext } from '@gx/application';
import { startStripeFake, type StripeFake } from '@gx/testing';
import { startStack, type Stack } from './support/stack';
import { undocumentedKeys } from './support/undocumented';
import { campaignBody, inMs, startStorefront, until, type Json, type Storefront } from './storefront-support';

/** Tomatoes at the Dongchangfu hub: what every campaign here reserves from (sold by the kg, 1 kg = 1000 g). */
const AT = { sku: 'SKU-TOMATO-SX', warehouse: 'LC-HUB-DCF' };

/**
 * The lifecycle controls of a group-buy campaign over HTTP: edit and cancel a draft, cancel a
 * published campaign (online payments refunded through the Stripe fake, pay-at-pickup orders
 * released, quota back to stock) while joins race it, and run a cut-off now on the deadline's path.
 */
describe('storefront: campaign lifecycle controls', () => {
  let fake: StripeFake;
  let stack: Stack;
  let sf: Storefront;
  let opsToken: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    fake = await startStripeFake({ webhookSecret: 'whsec_test_gongxiao_lifecycle' });
    stack = await startStack(['worker', 'operations'], {
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      STRIPE_API_URL: fake.apiUrl,
    });
    sf = await startStorefront(stack);
    fake.setWebhookTarget(`${sf.url}/payments/stripe/webhook`);
    opsToken = await stack.login('operations', 'operator1');
    token.operator1 = sf.token('operator1', ['operator']);
    token.leader1 = sf.token('leader1', ['leader'], 'PP-DCF-01');
    for (const c of ['consumer1', 'consumer2', 'consumer3']) token[c] = sf.token(c, ['consumer']);
  }, 60_000);
  afterAll(async () => {
    await sf?.close();
    await stack?.close();
    await fake?.stop();
  });

  const draft = async (by: string, overrides: Record<string, unknown> = {}): Promise<string> => {
    const created = await sf.call('POST', '/campaigns', token[by], campaignBody(overrides));
    expect(created.status).toBe(201);
    return created.body.campaignId as string;
  };
  const publish = async (id: string) =>
    expect((await sf.call('POST', `/campaigns/${id}/publish`, token.operator1)).status).toBe(200);
  const streamOf = (id: string) => stack.events.readStream(`campaign-${id}`);
  const stock = async (): Promise<Json> => {
    const res = await stack
      .http('operations')
      .get(`/stock?warehouse=${AT.warehouse}&sku=${AT.sku}`)
      .set('authorization', `Bearer ${opsToken}`)
      .expect(200);
    return res.body.items[0];
  };
  const integrity = async (): Promise<Json> =>
    (await stack.http('operations').get('/integrity').set('authorization', `Bearer ${opsToken}`).expect(200)).body;
  const orderOf = (orderId: string, customer: string, what: string, ok: (o: Json) => boolean) =>
    until(what, async () => {
      const res = await sf.call('GET', `/orders/${orderId}`, token[customer]);
      return res.status === 200 && ok(res.body) ? (res.body as Json) : undefined;
    });

  it('edits a draft (validated like a creation, audited) and cancels it; refusals write nothing', async () => {
    const id = await draft('operator1');
    const before = await streamOf(id);

    // Bad input: 400 naming each field, nothing written.
    const bad = await sf.call('PATCH', `/campaigns/${id}`, token.operator1, {
      quota: 0,
      title: null,
      cutoffAt: 'tomorrow',
      pickupDate: '2026-02-30',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect([...new Set(bad.body.errors.map((e: Json) => e.field))].sort()).toEqual([
      'cutoffAt',
      'pickupDate',
      'quota',
      'title',
    ]);
    expect((await sf.call('POST', `/campaigns/${id}/cancel`, token.operator1, {})).status).toBe(400);
    // Terms that break the rules of creation: the stable codes of creation.
    expect((await sf.call('PATCH', `/campaigns/${id}`, token.operator1, { minQuantity: 30 })).body).toMatchObject({
      status: 409,
      code: 'INVALID_STATE',
    });
    expect(
      (await sf.call('PATCH', `/campaigns/${id}`, token.operator1, { cutoffAt: inMs(-60_000) })).body,
    ).toMatchObject({ status: 422, code: 'INVALID_DATES' });
    // Roles and parties: consumers may not, a leader may not move it to a point they do not run; unknown ids are 404.
    expect((await sf.call('PATCH', `/campaigns/${id}`, token.consumer1, { quota: 10 })).status).toBe(403);
    expect((await sf.call('PATCH', `/campaigns/${id}`, token.leader1, { pickupPoint: 'PP-CP-01' })).body).toMatchObject(
      { status: 403, code: 'FORBIDDEN' },
    );
    expect((await sf.call('PATCH', '/campaigns/GB-000000000000', token.operator1, { quota: 10 })).body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(
      (await sf.call('POST', '/campaigns/GB-000000000000/cancel', token.operator1, { reason: '测试' })).status,
    ).toBe(404);
    expect(await streamOf(id)).toHaveLength(before.length);

    const edited = await sf.call('PATCH', `/campaigns/${id}`, token.leader1, {
      title: '西红柿 周末团',
      quota: 12,
      unitPriceFen: 450,
      minQuantity: 2,
      pickupDate: campaignBody().pickupDate,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      campaignId: id,
      title: '西红柿 周末团',
      quota: 12,
      unitPriceFen: 450,
      minQuantity: 2,
      status: 'draft',
    });
    const seen = (await sf.call('GET', `/campaigns/${id}?after=${edited.body.position}`, token.operator1)).body;
    expect(seen).toMatchObject({
      title: '西红柿 周末团',
      quota: 12,
      remaining: 12,
      unitPriceFen: 450,
      edited: { by: 'leader1' },
    });
    const [edit] = (await streamOf(id)).filter((e) => e.type === 'CampaignEdited');
    // Only the terms that changed (the pickup date was sent unchanged), who and when.
    expect(edit.data).toEqual({
      campaignId: id,
      changes: { title: '西红柿 周末团', quota: 12, unitPriceFen: 450, minQuantity: 2 },
      by: 'leader1',
      at: expect.any(String),
    });
    expect(edit.metadata.actor).toBe('leader1');

    const cancelled = await sf.call('POST', `/campaigns/${id}/cancel`, token.leader1, { reason: '改期另开' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelled: { wasPublished: false, orders: 0, refunds: 0, reason: '改期另开', by: 'leader1' },
    });
    expect((await streamOf(id)).at(-1)).toMatchObject({ type: 'CampaignCancelled', metadata: { actor: 'leader1' } });
    // A cancelled campaign: no edit, publication or second cancel; a cancelled draft stays out of the public listing.
    for (const [method, path, body] of [
      ['PATCH', `/campaigns/${id}`, { quota: 5 }],
      ['POST', `/campaigns/${id}/publish`, undefined],
      ['POST', `/campaigns/${id}/cancel`, { reason: '再取消' }],
      ['POST', `/campaigns/${id}/cutoff`, undefined],
    ] as const) {
      expect((await sf.call(method, path, token.operator1, body)).body).toMatchObject({
        status: 409,
        code: 'CAMPAIGN_CANCELLED',
      });
    }
    const listing = (await sf.call('GET', `/campaigns?after=${cancelled.body.position}`)).body.items as Json[];
    expect(listing.some((c) => c.campaignId === id)).toBe(false);
  }, 60_000);

  it('cancels a published campaign while joins race it: refunds, releases, quota back to stock, nothing oversold or left held', async () => {
    const start = await stock();
    const id = await draft('operator1', {
      quota: 20,
      perCustomerLimit: 5,
      minQuantity: 15,
      cutoffAt: inMs(10 * 60_000),
    });
    await publish(id);
    await until('the quota reserved', async () =>
      (await stock()).reservedBase === start.reservedBase + 20_000 ? true : undefined,
    );

    // One paid online, one paying at pickup, one online order left unpaid.
    const paidJoin = await sf.call('POST', `/campaigns/${id}/orders`, token.consumer1, {
      quantity: 2,
      paymentMethod: 'stripe',
    });
    expect(paidJoin.status).toBe(201);
    fake.succeed(paidJoin.body.payment.intentId);
    const paidId = paidJoin.body.orderId as string;
    await orderOf(paidId, 'consumer1', 'the payment', (o) => o.status === 'paid');
    const atPickup = await sf.call('POST', `/campaigns/${id}/orders`, token.consumer2, {
      quantity: 1,
      paymentMethod: 'pay_at_pickup',
    });
    const unpaid = await sf.call('POST', `/campaigns/${id}/orders`, token.consumer3, {
      quantity: 1,
      paymentMethod: 'stripe',
    });
    expect([atPickup.status, unpaid.status]).toEqual([201, 201]);
    const unpaidIntent = unpaid.body.payment.intentId as string;

    // A leader may not cancel a published campaign.
    expect((await sf.call('POST', `/campaigns/${id}/cancel`, token.leader1, { reason: '试试' })).body).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });

    // 30 joins of 1 kg race the cancel (16 kg of quota are left): each is held and then cancelled, or refused.
    const racers = Array.from({ length: 30 }, (_, i) => `racer${i}`);
    for (const r of racers) token[r] = sf.token(r, ['consumer']);
    const join = (r: string) =>
      sf.call('POST', `/campaigns/${id}/orders`, token[r], { quantity: 1, paymentMethod: 'pay_at_pickup' });
    const calls = racers.map((r, i) =>
      i === 12
        ? Promise.all([
            join(r),
            sf.call('POST', `/campaigns/${id}/cancel`, token.operator1, { reason: '产地连续降雨，西红柿延迟采收' }),
          ])
        : join(r).then((j) => [j]),
    );
    const answers = (await Promise.all(calls)).flat();
    const cancel = answers.find((a) => a.body?.cancelled !== undefined);
    expect(cancel?.status).toBe(200);
    const joins = answers.filter((a) => a !== cancel);
    const held = joins.filter((j) => j.status === 201);
    const refused = joins.filter((j) => j.status !== 201);
    expect(refused.map((j) => j.body.code).filter((c) => c !== 'CAMPAIGN_CANCELLED' && c !== 'SOLD_OUT')).toEqual([]);
    expect(refused.every((j) => j.status === 409)).toBe(true);
    expect(held.length).toBeLessThanOrEqual(16);
    // Every order held before the cancel went with it: the three above and each racer that got in.
    expect(cancel?.body.cancelled).toMatchObject({
      wasPublished: true,
      orders: 3 + held.length,
      refunds: 1,
      by: 'operator1',
    });
    expect(
      (
        await sf.call('POST', `/campaigns/${id}/orders`, token.consumer2, {
          quantity: 1,
          paymentMethod: 'pay_at_pickup',
        })
      ).body,
    ).toMatchObject({ status: 409, code: 'CAMPAIGN_CANCELLED' });

    // Consumers see their orders cancelled with the reason; the paid one is refunded through the gateway.
    const refunded = await orderOf(paidId, 'consumer1', 'the refund', (o) => o.payment.status === 'refunded');
    expect(refunded).toMatchObject({
      status: 'cancelled',
      cancellation: { cause: 'campaign_cancelled', reason: expect.stringContaining('产地连续降雨') },
    });
    expect(refunded.payment.refunds).toEqual([
      expect.objectContaining({ amountFen: 1_000, reason: 'campaign_cancelled' }),
    ]);
    expect(
      fake
        .refunds()
        .filter((r) => r.payment_intent === paidJoin.body.payment.intentId)
        .map((r) => [r.amount, r.status]),
    ).toEqual([[1_000, 'succeeded']]);
    const released = await orderOf(atPickup.body.orderId, 'consumer2', 'the release', (o) => o.status === 'cancelled');
    expect(released).toMatchObject({ payment: { status: 'none' }, cancellation: { cause: 'campaign_cancelled' } });
    expect(released.history.at(-1)).toMatchObject({
      status: 'cancelled',
      note: expect.stringContaining('产地连续降雨'),
    });
    await orderOf(
      unpaid.body.orderId,
      'consumer3',
      'the unpaid order',
      (o) => o.status === 'cancelled' && o.payment.status === 'none',
    );
    await until('the unpaid intent cancelled', async () =>
      fake.intent(unpaidIntent).status === 'canceled' ? true : undefined,
    );
    const mine = (await sf.call('GET', '/me/orders', token.consumer3)).body.items as Json[];
    expect(mine.find((o) => o.orderId === unpaid.body.orderId)).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: expect.stringContaining('产地连续降雨') },
    });
    for (const [i, j] of joins.entries()) {
      if (j.status !== 201) continue;
      const racer = racers[i];
      await orderOf(j.body.orderId, racer, `${racer}'s order cancelled`, (o) => o.status === 'cancelled');
    }

    // The quota went back: stock totals as before publication, no hold left for the campaign, the log and read models agree.
    const done = await until('the quota returned', async () => {
      const body = (await sf.call('GET', `/campaigns/${id}`)).body;
      return body.fulfilment?.status === 'done' ? body : undefined;
    });
    expect(done).toMatchObject({
      status: 'cancelled',
      held: 0,
      orders: 0,
      fulfilment: { releasedBase: 20_000 },
      cancellation: { by: 'operator1', wasPublished: true },
    });
    expect(done.cancellation.at).toMatch(/\+08:00$/);
    // The cancelled order and campaign carry nothing their schemas in /docs (and the UI's generated types) leave out.
    const docs = (await sf.call('GET', '/docs-json')).body;
    expect(undocumentedKeys(docs, 'OrderView', refunded)).toEqual([]);
    expect(undocumentedKeys(docs, 'OrderView', released)).toEqual([]);
    expect(undocumentedKeys(docs, 'CampaignView', done)).toEqual([]);
    const after = await until('stock back', async () => {
      const s = await stock();
      return s.reservedBase === start.reservedBase && s.availableBase === start.availableBase ? s : undefined;
    });
    expect(after).toMatchObject({ onHandBase: start.onHandBase, allocatedBase: start.allocatedBase });
    expect((after.reservations as Json[]).some((r) => r.holder === id)).toBe(false);
    expect(await integrity()).toMatchObject({ ok: true, disagreementCount: 0 });
    const cancelledEvent = (await streamOf(id)).find((e) => e.type === 'CampaignCancelled');
    expect(cancelledEvent).toMatchObject({
      metadata: { actor: 'operator1' },
      data: { by: 'operator1', reason: '产地连续降雨，西红柿延迟采收' },
    });
    // Once cancelled, neither the cut-off nor a second cancel does anything.
    expect((await sf.call('POST', `/campaigns/${id}/cutoff`, token.operator1)).body).toMatchObject({
      status: 409,
      code: 'CAMPAIGN_CANCELLED',
    });
  }, 120_000);

  it('runs a cut-off now through the deadline’s command: audited, idempotent with the deadline, refused when not open', async () => {
    // Refused: a draft, a campaign not open yet, an unknown one; operators only.
    const notPublished = await draft('operator1');
    expect((await sf.call('POST', `/campaigns/${notPublished}/cutoff`, token.operator1)).body).toMatchObject({
      status: 409,
      code: 'NOT_OPEN',
    });
    const later = await draft('operator1', { opensAt: inMs(5 * 60_000), cutoffAt: inMs(10 * 60_000) });
    await publish(later);
    expect((await sf.call('POST', `/campaigns/${later}/cutoff`, token.operator1)).body).toMatchObject({
      status: 409,
      code: 'NOT_OPEN',
    });
    expect((await sf.call('POST', '/campaigns/GB-000000000000/cutoff', token.operator1)).body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    const id = await draft('operator1', { minQuantity: 2, cutoffAt: inMs(10 * 60_000) });
    await publish(id);
    for (const who of ['leader1', 'consumer1'])
      expect((await sf.call('POST', `/campaigns/${id}/cutoff`, token[who])).status).toBe(403);

    const joined = await sf.call('POST', `/campaigns/${id}/orders`, token.consumer1, {
      quantity: 2,
      paymentMethod: 'pay_at_pickup',
    });
    const unpaid = await sf.call('POST', `/campaigns/${id}/orders`, token.consumer2, {
      quantity: 1,
      paymentMethod: 'stripe',
    });
    const run = await sf.call('POST', `/campaigns/${id}/cutoff`, token.operator1);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      campaignId: id,
      status: 'succeeded',
      orders: 1,
      expired: 1,
      closedBy: 'operator1',
      position: expect.any(String),
    });
    // The deadline's own path, firing afterwards (as it would when due), changes nothing; a second run is ALREADY_DECIDED.
    const events = await streamOf(id);
    await sf.app
      .get(CampaignCutoff)
      .onDeadline(id, systemContext('group-buy-cutoff', GROUP_BUY_IDS.close(id), new Date(Date.now() + 11 * 60_000)));
    expect(await streamOf(id)).toHaveLength(events.length);
    expect((await sf.call('POST', `/campaigns/${id}/cutoff`, token.operator1)).body).toMatchObject({
      status: 409,
      code: 'ALREADY_DECIDED',
    });
    const outcome = events.filter((e) => e.type === 'CampaignSucceeded' || e.type === 'CampaignFailed');
    expect(outcome).toEqual([
      expect.objectContaining({
        type: 'CampaignSucceeded',
        data: expect.objectContaining({ closedBy: 'operator1' }),
        metadata: expect.objectContaining({ actor: 'operator1' }),
      }),
    ]);

    // The same fulfilment as at the deadline: the order confirmed, the unpaid one expired, the goods sent to the pickup point.
    await orderOf(joined.body.orderId, 'consumer1', 'the confirmation', (o) => o.status === 'confirmed');
    await orderOf(unpaid.body.orderId, 'consumer2', 'the expiry', (o) => o.status === 'expired');
    const shipped = await until('the transfer', async () => {
      const body = (await sf.call('GET', `/campaigns/${id}`)).body;
      return body.fulfilment?.status === 'done' ? body : undefined;
    });
    expect(shipped).toMatchObject({
      status: 'succeeded',
      closedBy: 'operator1',
      soldQuantity: 2,
      fulfilment: { allocatedBase: 2_000, transferId: expect.any(String) },
    });
  }, 60_000);

  it('appends one outcome when an operator’s run and the deadline come together', async () => {
    const cutoffAt = inMs(2_500);
    const id = await draft('operator1', { minQuantity: 1, cutoffAt });
    await publish(id);
    expect(
      (
        await sf.call('POST', `/campaigns/${id}/orders`, token.consumer3, {
          quantity: 1,
          paymentMethod: 'pay_at_pickup',
        })
      ).status,
    ).toBe(201);
    // As the cut-off comes due, the worker's deadline fires, the operator runs it and the deadline's path runs once more.
    await until('the cut-off to come due', async () => (Date.now() >= Date.parse(cutoffAt) ? true : undefined));
    const [run] = await Promise.all([
      sf.call('POST', `/campaigns/${id}/cutoff`, token.operator1),
      sf.app.get(CampaignCutoff).onDeadline(id, systemContext('group-buy-cutoff', GROUP_BUY_IDS.close(id), new Date())),
    ]);
    if (run.status !== 200) expect(run.body).toMatchObject({ status: 409, code: 'ALREADY_DECIDED' });
    const done = await until('the campaign decided and fulfilled', async () => {
      const body = (await sf.call('GET', `/campaigns/${id}`)).body;
      return body.fulfilment?.status === 'done' ? body : undefined;
    });
    expect(done).toMatchObject({ status: 'succeeded', soldQuantity: 1 });
    expect(
      (await streamOf(id)).filter((e) => e.type === 'CampaignSucceeded' || e.type === 'CampaignFailed'),
    ).toHaveLength(1);
  }, 60_000);
});
