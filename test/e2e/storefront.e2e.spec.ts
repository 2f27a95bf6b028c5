import { startStack, type Stack } from './support/stack';
import { campaignBody, day, inMs, latest, tokens, until, type Json } from './storefront-support';

/** The community group buy paid at pickup: from a leader's campaign to the hand-over, and who may see what. */
describe('storefront: group buy paid at pickup', () => {
  let stack: Stack;
  let t: Record<string, string>;
  const sf = () => stack.http('storefront');
  const as = (user: string) => ({ Authorization: `Bearer ${t[user]}` });
  const stockOf = async (sku: string, warehouse: string, after: string) =>
    (await stack.http('operations').get(`/stock?sku=${sku}&warehouse=${warehouse}&after=${after}`).set(as('operator1')).expect(200)).body.items[0];

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'storefront']);
    t = await tokens(stack, [
      ['storefront', 'leader1'],
      ['storefront', 'consumer1'],
      ['storefront', 'consumer2'],
      ['storefront', 'operator1'],
    ]);
  }, 60_000);
  afterAll(async () => {
    await stack.close();
  });

  it('opens the demo with campaigns at both pickup points that a new user can join at once', async () => {
    const open = await sf().get('/campaigns?status=published').expect(200);
    const demo = open.body.items.filter((c: { createdBy: string }) => c.createdBy === 'system:seed');
    expect(new Set(demo.map((c: { pickupPoint: string }) => c.pickupPoint))).toEqual(new Set(['PP-DCF-01', 'PP-CP-01']));
    expect(demo.every((c: { remaining: number; quota: number }) => c.remaining > 0 && c.remaining <= c.quota)).toBe(true);
    const jujube = demo.find((c: { sku: string }) => c.sku === 'SKU-JUJUBE-CP');
    const joined = await sf().post(`/campaigns/${jujube.campaignId}/orders`).set(as('consumer2')).send({ quantity: 1, paymentMethod: 'pay_at_pickup' }).expect(201);
    expect(joined.body.order).toMatchObject({ pickupPoint: 'PP-CP-01', amountFen: jujube.unitPriceFen, status: 'reserved' });
    const online = await sf().post(`/campaigns/${jujube.campaignId}/orders`).set(as('consumer2')).send({ quantity: 1, paymentMethod: 'stripe' }).expect(422);
    expect(online.body.code).toBe('PAYMENT_METHOD_UNAVAILABLE');
  });

  it('runs a campaign from creation to pickup: quota reserved, joined, closed as a success, shipped, received, handed over with commission', async () => {
    // Room for the joins and cancels below (two of them wait for projections) before the cut-off.
    const cutoffAt = inMs(12_000);
    const created = await sf().post('/campaigns').set(as('leader1')).send(campaignBody({ minQuantity: 2, cutoffAt })).expect(201);
    const id = created.body.campaign.campaignId as string;
    expect(created.body.campaign).toMatchObject({ status: 'draft', pickupWarehouse: 'LC-VP-DCF-01', saleUnit: { unit: 'kg', base: 1000 } });

    const published = await sf().post(`/campaigns/${id}/publish`).set(as('leader1')).expect(200);
    expect(published.body.campaign.status).toBe('published');
    const hub = await stockOf('SKU-TOMATO-SX', 'LC-HUB-DCF', published.body.position);
    expect(hub.reservations).toEqual(expect.arrayContaining([expect.objectContaining({ holder: id, holderKind: 'campaign', quantity: 20_000 })]));

    const mine = await sf().post(`/campaigns/${id}/orders`).set(as('consumer1')).send({ quantity: 2, paymentMethod: 'pay_at_pickup' }).expect(201);
    expect(mine.body.order).toMatchObject({ status: 'reserved', quantity: 2, amountFen: 1_000, pickupPoint: 'PP-DCF-01' });
    expect(mine.body.order.pickupCode).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(mine.body.payment).toEqual({ method: 'pay_at_pickup', amountFen: 1_000, dueAt: 'pickup' });
    const theirs = await sf().post(`/campaigns/${id}/orders`).set(as('consumer2')).send({ quantity: 3, paymentMethod: 'pay_at_pickup' }).expect(201);
    const tooMany = await sf().post(`/campaigns/${id}/orders`).set(as('consumer1')).send({ quantity: 4, paymentMethod: 'pay_at_pickup' }).expect(409);
    expect(tooMany.body.code).toBe('LIMIT_EXCEEDED');
    await sf().post(`/campaigns/${id}/orders`).set(as('consumer1')).send({ quantity: 0, paymentMethod: 'cash' }).expect(400);

    const orderId = mine.body.order.orderId as string;
    const after = latest(mine.body.position, theirs.body.position);
    const listed = await sf().get(`/campaigns?pickupPoint=PP-DCF-01&status=published&after=${after}`).expect(200);
    expect(listed.body.items.find((c: { campaignId: string }) => c.campaignId === id)).toMatchObject({
      held: 5,
      remaining: 15,
      progress: { minimum: 2, committed: 5, reached: true },
    });
    const cancelled = await sf().post(`/orders/${theirs.body.order.orderId}/cancel`).set(as('consumer2')).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refund: null });
    await sf().post(`/orders/${orderId}/cancel`).set(as('consumer2')).expect(403);

    const campaign = await until('the cut-off', async () => {
      const res = await sf().get(`/campaigns/${id}`).expect(200);
      return res.body.fulfilment?.status === 'done' ? res.body : undefined;
    }, 30_000);
    expect(campaign).toMatchObject({ status: 'succeeded', soldQuantity: 2, fulfilment: { allocated: 2_000, released: 18_000 } });
    const late = await sf().post(`/campaigns/${id}/orders`).set(as('consumer2')).send({ quantity: 1, paymentMethod: 'pay_at_pickup' }).expect(409);
    expect(late.body.code).toBe('CUTOFF_PASSED');

    // The stock projection may trail the group-buy one: wait for the transfer to be visible.
    const transfer = await until('the transfer', async () => {
      const res = await stack.http('operations').get(`/transfers/${campaign.fulfilment.transferId}`).set(as('operator1'));
      return res.status === 200 ? res : undefined;
    });
    expect(transfer.body).toMatchObject({ from: 'LC-HUB-DCF', to: 'LC-VP-DCF-01', quantity: 2_000, status: 'in_transit' });
    const after2 = await until('the campaign hold released at the hub', async () => {
      const level = await stockOf('SKU-TOMATO-SX', 'LC-HUB-DCF', '0');
      return level.reservations.some((r: { holder: string }) => r.holder === id) ? undefined : level;
    });
    expect(after2.reservations.find((r: { holder: string }) => r.holder === id)).toBeUndefined();

    const confirmed = await until('the confirmation', async () => {
      const res = await sf().get(`/orders/${orderId}`).set(as('consumer1')).expect(200);
      return res.body.status === 'confirmed' ? res.body : undefined;
    });
    const early = await sf().post(`/pickups/${confirmed.pickupCode}`).set(as('leader1')).expect(409);
    expect(early.body.code).toBe('GOODS_NOT_ARRIVED');

    // The leader receives the goods at the village point from the storefront; they are held there for the orders.
    const village = () => stockOf('SKU-TOMATO-SX', 'LC-VP-DCF-01', '0');
    const before = ((await village()) as Json)?.onHand ?? 0;
    const transferId = campaign.fulfilment.transferId as string;
    await sf().post(`/pickup-points/PP-CP-01/receipts/${transferId}`).set(as('leader1')).send({}).expect(403);
    const receipt = await sf().post(`/pickup-points/PP-DCF-01/receipts/${transferId}`).set(as('leader1')).send({}).expect(200);
    expect(receipt.body).toMatchObject({ transferId, campaignId: id, warehouse: 'LC-VP-DCF-01', status: 'received', received: 2_000, lost: [] });
    const holder = `${id}:pickup`;
    const ready = await until('the goods held at the pickup point', async () => {
      const res = await sf().get(`/campaigns/${id}`).expect(200);
      return res.body.pickup?.status === 'ready' ? res.body : undefined;
    });
    expect(ready.pickup).toMatchObject({ transferId, received: 2_000, lost: 0, held: 2_000, awaiting: [orderId], unserved: [] });
    const arrived = await until('the hold at the village point', async () => {
      const level = await village();
      return level?.reservations.some((r: Json) => r.holder === holder) ? level : undefined;
    });
    expect(arrived.onHand).toBe(before + 2_000);
    expect(arrived.reservations).toEqual(expect.arrayContaining([expect.objectContaining({ holder, holderKind: 'campaign', quantity: 2_000 })]));
    const overdue = await sf().get(`/pickup-points/PP-DCF-01/uncollected?asOf=${day(3)}`).set(as('leader1')).expect(200);
    expect(overdue.body.items.find((c: Json) => c.campaignId === id)?.pickup).toMatchObject({ awaiting: [orderId] });
    expect((await sf().get(`/pickup-points/PP-DCF-01/uncollected`).set(as('leader1')).expect(200)).body.items.map((c: Json) => c.campaignId)).not.toContain(id);

    const handed = await sf().post(`/pickups/${confirmed.pickupCode}`).set(as('leader1')).expect(200);
    expect(handed.body).toMatchObject({ orderId, status: 'completed', collectedFen: 1_000, commissionBps: 500, commissionFen: 50, leader: 'leader1' });
    expect((await sf().post(`/pickups/${confirmed.pickupCode}`).set(as('leader1')).expect(409)).body.code).toBe('ALREADY_DECIDED');
    await sf().post('/pickups/AAAAAAAA').set(as('leader1')).expect(404);

    const done = await sf().get(`/orders/${orderId}?after=${handed.body.position}`).set(as('consumer1')).expect(200);
    expect(done.body.history.map((h: { status: string }) => h.status)).toEqual(['reserved', 'confirmed', 'completed']);
    expect(done.body.payment).toMatchObject({ status: 'collected' });
    const commissions = await sf().get(`/pickup-points/PP-DCF-01/commissions?after=${handed.body.position}`).set(as('leader1')).expect(200);
    expect(commissions.body.items[0]).toMatchObject({ pickupPoint: 'PP-DCF-01', completedOrders: 1, commissionFen: 50, collectedFen: 1_000 });

    // The hand-over took exactly the order's goods off the village point's books; nothing stays held.
    const settled = await until('the hand-over issued at the pickup point', async () => {
      const res = await sf().get(`/campaigns/${id}`).expect(200);
      return res.body.pickup?.status === 'done' ? res.body : undefined;
    });
    expect(settled.pickup).toMatchObject({ handedOver: 1, issued: 2_000, stillHeld: 0, awaiting: [], unserved: [], issueBlocked: [] });
    const issued = await until('the issue at the village point', async () => {
      const level = await village();
      return level.reservations.some((r: Json) => r.holder === holder) ? undefined : level;
    });
    expect(issued.onHand).toBe(arrived.onHand - 2_000);
    const overdueAfter = await sf().get(`/pickup-points/PP-DCF-01/uncollected?asOf=${day(3)}`).set(as('leader1')).expect(200);
    expect(overdueAfter.body.items.map((c: Json) => c.campaignId)).not.toContain(id);
    const integrity = await stack.http('operations').get('/integrity').set(as('operator1')).expect(200);
    expect(integrity.body).toMatchObject({ ok: true, disagreementCount: 0 });
  }, 60_000);

  it('lets each party see only what is theirs', async () => {
    const created = await sf().post('/campaigns').set(as('operator1')).send(campaignBody({ pickupPoint: 'PP-CP-01', warehouse: 'LC-HUB-SX' })).expect(201);
    const id = created.body.campaign.campaignId as string;
    const forbidden = await sf().post('/campaigns').set(as('leader1')).send(campaignBody({ pickupPoint: 'PP-CP-01', warehouse: 'LC-HUB-SX' })).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    await sf().post(`/campaigns/${id}/publish`).set(as('leader1')).expect(403);
    await sf().post('/campaigns').set(as('consumer1')).send(campaignBody()).expect(403);
    expect((await sf().get(`/campaigns/${id}`).expect(404)).body.code).toBeDefined();
    await sf().post(`/campaigns/${id}/publish`).set(as('operator1')).expect(200);

    const joined = await sf().post(`/campaigns/${id}/orders`).set(as('consumer1')).send({ quantity: 1, paymentMethod: 'pay_at_pickup' }).expect(201);
    const orderId = joined.body.order.orderId as string;
    const after = joined.body.position as string;
    expect((await sf().get(`/orders/${orderId}?after=${after}`).set(as('consumer1')).expect(200)).body.pickupCode).toBe(joined.body.order.pickupCode);
    await sf().get(`/orders/${orderId}?after=${after}`).set(as('consumer2')).expect(404);
    await sf().get(`/orders/${orderId}?after=${after}`).set(as('leader1')).expect(403);
    const staff = await sf().get(`/orders/${orderId}?after=${after}`).set(as('operator1')).expect(200);
    expect(staff.body).not.toHaveProperty('pickupCode');
    await sf().get('/pickup-points/PP-CP-01/orders').set(as('leader1')).expect(403);
    await sf().get('/pickup-points/PP-CP-01/orders').set(as('consumer1')).expect(403);
    await sf().post(`/pickups/${joined.body.order.pickupCode}`).set(as('leader1')).expect(403);
    const mine = await sf().get(`/me/orders?after=${after}`).set(as('consumer2')).expect(200);
    expect(mine.body.items.map((o: { orderId: string }) => o.orderId)).not.toContain(orderId);
    const atPoint = await sf().get(`/pickup-points/PP-CP-01/orders?campaignId=${id}&after=${after}`).set(as('operator1')).expect(200);
    expect(atPoint.body.items).toEqual([expect.objectContaining({ orderId, customer: 'consumer1' })]);
    expect(atPoint.body.items[0]).not.toHaveProperty('pickupCode');
  }, 60_000);

  it('lists drafts only to their managers, and a shared listing follows every change of the read model', async () => {
    const draft = await sf().post('/campaigns').set(as('leader1')).send(campaignBody()).expect(201);
    const id = draft.body.campaign.campaignId as string;
    const ids = (res: { body: { items: Array<{ campaignId: string }> } }) => res.body.items.map((c) => c.campaignId);
    const anonymous = await sf().get(`/campaigns?pickupPoint=PP-DCF-01&after=${draft.body.position}`).expect(200);
    expect(anonymous.headers['content-type']).toMatch(/^application\/json/);
    expect(ids(anonymous)).not.toContain(id);
    expect(ids(await sf().get('/campaigns?pickupPoint=PP-DCF-01').set(as('consumer1')).expect(200))).not.toContain(id);
    expect(ids(await sf().get('/campaigns?pickupPoint=PP-DCF-01').set(as('leader1')).expect(200))).toContain(id);
    expect(ids(await sf().get('/campaigns?pickupPoint=PP-DCF-01').set(as('operator1')).expect(200))).toContain(id);

    // The public listing is shared between requests: after publishing, and after a join, it shows the news.
    const published = await sf().post(`/campaigns/${id}/publish`).set(as('leader1')).expect(200);
    const listed = await sf().get(`/campaigns?pickupPoint=PP-DCF-01&after=${published.body.position}`).expect(200);
    expect(listed.body.items.find((c: { campaignId: string }) => c.campaignId === id)).toMatchObject({ status: 'published', held: 0 });
    const joined = await sf().post(`/campaigns/${id}/orders`).set(as('consumer2')).send({ quantity: 2, paymentMethod: 'pay_at_pickup' }).expect(201);
    const after = await sf().get(`/campaigns?pickupPoint=PP-DCF-01&after=${joined.body.position}`).expect(200);
    expect(after.body.items.find((c: { campaignId: string }) => c.campaignId === id)).toMatchObject({ held: 2 });
    expect((await sf().get('/campaigns?status=nonsense').expect(400)).headers['content-type']).toMatch(/^application\/problem\+json/);
  }, 60_000);

  it('fails a campaign below its minimum at the cut-off: orders cancelled, the quota back in stock', async () => {
    const created = await sf().post('/campaigns').set(as('leader1')).send(campaignBody({ minQuantity: 10, cutoffAt: inMs(4_000) })).expect(201);
    const id = created.body.campaign.campaignId as string;
    await sf().post(`/campaigns/${id}/publish`).set(as('leader1')).expect(200);
    const joined = await sf().post(`/campaigns/${id}/orders`).set(as('consumer2')).send({ quantity: 2, paymentMethod: 'pay_at_pickup' }).expect(201);
    const early = await sf().post('/campaigns').set(as('leader1')).send(campaignBody({ opensAt: inMs(3_600_000), cutoffAt: inMs(7_200_000) })).expect(201);
    const earlyId = early.body.campaign.campaignId as string;
    await sf().post(`/campaigns/${earlyId}/publish`).set(as('leader1')).expect(200);
    expect((await sf().post(`/campaigns/${earlyId}/orders`).set(as('consumer2')).send({ quantity: 1, paymentMethod: 'pay_at_pickup' }).expect(409)).body.code).toBe('NOT_OPEN');

    const campaign = await until('the cut-off', async () => {
      const res = await sf().get(`/campaigns/${id}`).expect(200);
      return res.body.fulfilment?.status === 'done' ? res.body : undefined;
    });
    expect(campaign).toMatchObject({ status: 'failed', fulfilment: { released: 20_000 } });
    const order = await sf().get(`/orders/${joined.body.order.orderId}`).set(as('consumer2')).expect(200);
    expect(order.body).toMatchObject({ status: 'cancelled', payment: { status: 'none' } });
    // The release is a stock movement made by a process manager after the cut-off: wait until the ledger shows it.
    const hub = await until('the quota back in stock', async () => {
      const level = await stockOf('SKU-TOMATO-SX', 'LC-HUB-DCF', '0');
      return level.reservations.some((r: { holder: string }) => r.holder === id) ? undefined : level;
    });
    expect(hub.reservations.find((r: { holder: string }) => r.holder === id)).toBeUndefined();
    const integrity = await stack.http('operations').get('/integrity').set(as('operator1')).expect(200);
    expect(integrity.body).toMatchObject({ ok: true, disagreementCount: 0 });
  }, 60_000);
});
