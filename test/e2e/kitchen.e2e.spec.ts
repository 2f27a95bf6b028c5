import { addDays } from '@gx/application';
import { shanghaiIso } from '@gx/domain';
import { startStack, type Stack } from './support/stack';
import { cutoffIn, day, purchaserToken, receipt, until, waitUntilPast, kitchenData } from './kitchen-support';

interface LineView {
  sku: string;
  baseUnit: string;
  saleUnit: { unit: string; base: number };
  unitPriceFen: number;
  orderedBase: number;
  reservedBase?: number;
  dispatchedBase?: number;
  receivedBase?: number;
  shortage?: {
    quantityBase: number;
    reason: string;
    status: string;
    substitute: { sku: string; quantityBase: number; onContract: boolean } | null;
  };
  issue?: { status: string };
}
const line = (sku: string, quantity: number) => ({ sku, quantityBase: quantity });

interface DeliveryView {
  deliveryId: string;
  status: string;
  date: string;
  openShortages: number;
  lines: LineView[];
}

describe('kitchen portal: contracts, standing orders, cut-off generation, deliveries and statements', () => {
  let stack: Stack;
  let operator: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const kitchen = () => stack.http('kitchen');
  const ops = () => stack.http('operations');

  beforeAll(async () => {
    stack = await startStack(['worker', 'kitchen', 'operations']);
    operator = await stack.login('kitchen', 'operator1');
  }, 60_000);
  afterAll(async () => {
    await stack.close();
  }, 30_000);

  /** A fresh warehouse holding exactly `stock`, so that demo stock cannot change the figures. */
  async function warehouseWith(code: string, stock: Record<string, number>): Promise<string> {
    await ops()
      .post('/warehouses')
      .set(as(operator))
      .send({ code, name: `厨房测试仓 ${code}`, kind: 'township_station', county: '东昌府区' })
      .expect(201);
    for (const [sku, quantity] of Object.entries(stock))
      await ops()
        .post('/receipts')
        .set(as(operator))
        .send(receipt(sku, code, quantity))
        .expect(201);
    return code;
  }
  async function contractFor(kitchenCode: string, lines: object[]): Promise<{ contractId: string; position: string }> {
    // Contracts name a registered kitchen (UNKNOWN_KITCHEN otherwise): register it once.
    const registered = await ops().post('/kitchens').set(as(operator)).send(kitchenData(kitchenCode));
    expect([201, 409]).toContain(registered.status);
    const res = await kitchen()
      .post('/contracts')
      .set(as(operator))
      .send({ kitchen: kitchenCode, title: '测试供货协议', from: day(-1), to: day(60), lines })
      .expect(201);
    return res.body;
  }
  const deliveryOn = (token: string, date: string) =>
    until(async () => {
      const res = await kitchen().get(`/deliveries?from=${date}&to=${date}`).set(as(token)).expect(200);
      return (res.body.items as DeliveryView[]).find((d) => d.status !== 'reserving');
    }, `the delivery of ${date}`);

  it('changes dates until the cut-off; at the cut-off the date becomes one delivery reserved at contract prices; afterwards changes are refused', async () => {
    const purchaser = purchaserToken(stack.config, 'purchaser-a', 'KITCHEN-E2E-A');
    const wh = await warehouseWith('LC-TEST-KITCHEN-A', { 'SKU-CABBAGE': 100_000, 'SKU-EGG': 1_000 });
    const { contractId } = await contractFor('KITCHEN-E2E-A', [
      { sku: 'SKU-CABBAGE', saleUnit: 'kg', unitPriceFen: 260 },
      { sku: 'SKU-EGG', saleUnit: 'piece', unitPriceFen: 80 },
    ]);
    const first = cutoffIn(6_000);
    const placed = await kitchen()
      .post('/standing-orders')
      .set(as(purchaser))
      .send({
        contractId,
        warehouse: wh,
        address: '测试食堂',
        lines: [line('SKU-CABBAGE', 30_000), line('SKU-EGG', 300)],
        schedule: { rrule: 'FREQ=DAILY' },
        startDate: first.date,
        cutoff: first.cutoff,
      })
      .expect(201);
    expect(placed.body.next).toEqual({ date: first.date, cutoffAt: shanghaiIso(first.cutoffAt) });
    const id = placed.body.standingOrderId as string;
    // Only the listed SKU changes: the date keeps its egg line.
    await kitchen()
      .put(`/standing-orders/${id}/dates/${first.date}`)
      .set(as(purchaser))
      .send({ lines: [line('SKU-CABBAGE', 20_000)] })
      .expect(200);
    const skipped = await kitchen()
      .post(`/standing-orders/${id}/skip`)
      .set(as(purchaser))
      .send({ date: addDays(first.date, 1) })
      .expect(200);
    const view = await kitchen()
      .get(`/standing-orders/${id}?after=${skipped.body.position}&upcoming=3`)
      .set(as(purchaser))
      .expect(200);
    expect(
      view.body.upcoming.map((u: { date: string; status: string; open: boolean }) => [u.date, u.status, u.open]),
    ).toEqual([
      [first.date, 'changed', true],
      [addDays(first.date, 1), 'skipped', true],
      [addDays(first.date, 2), 'scheduled', true],
    ]);

    const delivery = await deliveryOn(purchaser, first.date);
    expect(delivery).toMatchObject({
      deliveryId: `${id}-${first.date.replaceAll('-', '')}`,
      status: 'ready',
      openShortages: 0,
    });
    // 20 kg of cabbage at ¥2.60/kg: base units say so, beside the base unit and the price's unit.
    expect(
      delivery.lines.map((l) => [l.sku, l.baseUnit, l.saleUnit, l.unitPriceFen, l.orderedBase, l.reservedBase]),
    ).toEqual([
      ['SKU-CABBAGE', 'g', { unit: 'kg', base: 1000 }, 260, 20_000, 20_000],
      ['SKU-EGG', 'piece', { unit: 'piece', base: 1 }, 80, 300, 300],
    ]);
    await waitUntilPast(first.cutoffAt, 1_000);
    const late = await kitchen()
      .put(`/standing-orders/${id}/dates/${first.date}`)
      .set(as(purchaser))
      .send({ lines: [{ sku: 'SKU-EGG', quantityBase: 1 }] })
      .expect(409);
    expect(late.body.code).toBe('CUTOFF_PASSED');
    expect(
      (await kitchen().post(`/standing-orders/${id}/skip`).set(as(purchaser)).send({ date: first.date }).expect(409))
        .body.code,
    ).toBe('CUTOFF_PASSED');
    const after = await kitchen().get(`/standing-orders/${id}`).set(as(purchaser)).expect(200);
    expect(after.body).toMatchObject({ lastDelivery: { date: first.date }, next: { date: addDays(first.date, 2) } });

    // The stock projection runs apart from the kitchen's: wait for it to show the hold.
    const holds = await until(async () => {
      const res = await ops().get(`/stock?sku=SKU-CABBAGE&warehouse=${wh}`).set(as(operator)).expect(200);
      const reservations = (res.body.items[0]?.reservations ?? []) as Array<{ holder: string }>;
      return reservations.length > 0 ? reservations : undefined;
    }, 'the stock projection to show the hold');
    expect(holds).toEqual([
      expect.objectContaining({
        holder: `delivery-${delivery.deliveryId}`,
        holderKind: 'delivery',
        quantityBase: 20_000,
      }),
    ]);

    // Another kitchen sees none of it.
    const stranger = purchaserToken(stack.config, 'purchaser-x', 'KITCHEN-E2E-X');
    await kitchen().get(`/deliveries/${delivery.deliveryId}`).set(as(stranger)).expect(404);
    await kitchen().post(`/deliveries/${delivery.deliveryId}/receive`).set(as(stranger)).send({}).expect(404);
    expect(
      (await kitchen().get(`/deliveries?from=${first.date}&to=${first.date}`).set(as(stranger)).expect(200)).body.items,
    ).toEqual([]);
    await kitchen().get(`/standing-orders/${id}`).set(as(stranger)).expect(404);
    await kitchen()
      .post(`/standing-orders/${id}/pause`)
      .set(as(stranger))
      .send({ until: day(30) })
      .expect(404);

    // Called off before dispatch, the delivery gives its stock back.
    const cancelled = await kitchen()
      .post(`/deliveries/${delivery.deliveryId}/cancel`)
      .set(as(operator))
      .send({ reason: '测试取消' })
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await until(async () => {
      const res = await ops().get(`/stock?sku=SKU-CABBAGE&warehouse=${wh}`).set(as(operator)).expect(200);
      return res.body.items[0]?.reservations.length === 0 ? true : undefined;
    }, 'the cancelled delivery to release its stock');
  }, 60_000);

  it('reserves a shortage partially and flags it with a substitute; dispatch issues stock; receipt claims; the statement sums and is settled', async () => {
    const purchaser = purchaserToken(stack.config, 'purchaser-b', 'KITCHEN-E2E-B');
    const wh = await warehouseWith('LC-TEST-KITCHEN-B', { 'SKU-CABBAGE': 10_000, 'SKU-POTATO': 50_000 });
    const { contractId } = await contractFor('KITCHEN-E2E-B', [
      { sku: 'SKU-CABBAGE', saleUnit: 'kg', unitPriceFen: 260 },
      { sku: 'SKU-POTATO', saleUnit: 'kg', unitPriceFen: 300 },
    ]);
    const first = cutoffIn(4_000);
    await kitchen()
      .post('/standing-orders')
      .set(as(purchaser))
      .send({
        contractId,
        warehouse: wh,
        address: '测试食堂 B',
        lines: [line('SKU-CABBAGE', 30_000)],
        schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7] },
        startDate: first.date,
        cutoff: first.cutoff,
      })
      .expect(201);

    const short = await deliveryOn(purchaser, first.date);
    expect(short.openShortages).toBe(1);
    expect(short.lines[0]).toMatchObject({
      sku: 'SKU-CABBAGE',
      orderedBase: 30_000,
      reservedBase: 10_000,
      shortage: {
        quantityBase: 20_000,
        reason: 'stock',
        status: 'open',
        substitute: { sku: 'SKU-POTATO', quantityBase: 20_000, onContract: true },
      },
    });
    const flagged = await kitchen()
      .get('/deliveries?shortage=open&kitchen=KITCHEN-E2E-B')
      .set(as(operator))
      .expect(200);
    expect(flagged.body.items.map((d: DeliveryView) => d.deliveryId)).toEqual([short.deliveryId]);

    await kitchen().post(`/deliveries/${short.deliveryId}/dispatch`).set(as(purchaser)).expect(403);
    const accepted = await kitchen()
      .post(`/deliveries/${short.deliveryId}/shortages/SKU-CABBAGE/substitute`)
      .set(as(operator))
      .send({})
      .expect(200);
    expect(accepted.body.status).toBe('reserving');
    const substituted = await until(async () => {
      const res = await kitchen()
        .get(`/deliveries/${short.deliveryId}?after=${accepted.body.position}`)
        .set(as(purchaser))
        .expect(200);
      return res.body.status === 'ready' ? (res.body as DeliveryView) : undefined;
    }, 'the substitute to be reserved');
    expect(substituted.lines.map((l) => [l.sku, l.orderedBase, l.reservedBase, l.shortage?.status])).toEqual([
      ['SKU-CABBAGE', 30_000, 10_000, 'substituted'],
      ['SKU-POTATO', 20_000, 20_000, undefined],
    ]);

    const dispatched = await kitchen().post(`/deliveries/${short.deliveryId}/dispatch`).set(as(operator)).expect(200);
    expect(dispatched.body).toMatchObject({ status: 'dispatched', grossFen: 2_600 + 6_000 });
    await until(async () => {
      const res = await kitchen().get(`/deliveries/${short.deliveryId}`).set(as(operator)).expect(200);
      return (res.body.lines as LineView[]).every((l) => l.issue?.status === 'issued') ? true : undefined;
    }, 'the stock to be issued');
    const cabbage = await until(async () => {
      const res = await ops().get(`/stock?sku=SKU-CABBAGE&warehouse=${wh}`).set(as(operator)).expect(200);
      return res.body.items[0]?.onHandBase === 0 ? res.body.items[0] : undefined;
    }, 'the stock projection to show the issue');
    expect(cabbage).toMatchObject({ onHandBase: 0, reservedBase: 0, allocatedBase: 0, reservations: [] });

    const received = await kitchen()
      .post(`/deliveries/${short.deliveryId}/receive`)
      .set(as(purchaser))
      .send({
        lines: [{ sku: 'SKU-CABBAGE', receivedBase: 9_000, damagedBase: 500 }],
        note: '白菜少半公斤，压坏半公斤',
      })
      .expect(200);
    expect(received.body).toMatchObject({ status: 'received', grossFen: 8_600, claimsTotalFen: 260, amountFen: 8_340 });

    const month = first.date.slice(0, 7);
    const statement = await kitchen()
      .get(`/statements/${month}?after=${received.body.position}`)
      .set(as(purchaser))
      .expect(200);
    expect(statement.body.totals).toEqual({ deliveries: 1, grossFen: 8_600, claimsFen: 260, amountFen: 8_340 });
    expect(statement.body.claims.map((c: { kind: string; amountFen: number }) => [c.kind, c.amountFen])).toEqual([
      ['shortage', 130],
      ['damage', 130],
    ]);
    expect(statement.body.deliveries[0].lines).toEqual([
      expect.objectContaining({
        sku: 'SKU-CABBAGE',
        baseUnit: 'g',
        orderedBase: 30_000,
        dispatchedBase: 10_000,
        receivedBase: 9_000,
        damagedBase: 500,
        missingBase: 500,
      }),
      expect.objectContaining({ sku: 'SKU-POTATO', orderedBase: 20_000, dispatchedBase: 20_000, receivedBase: 20_000 }),
    ]);
    expect(statement.body).toMatchObject({ status: 'unpaid', unpaidFen: 8_340 });

    const payment = { kitchen: 'KITCHEN-E2E-B', amountFen: 8_340, reference: 'ICBC-E2E-0001', paidOn: day(0) };
    const paid = await kitchen().post(`/statements/${month}/payments`).set(as(operator)).send(payment).expect(201);
    const settled = await kitchen()
      .get(`/statements/${month}?kitchen=KITCHEN-E2E-B&after=${paid.body.position}`)
      .set(as(operator))
      .expect(200);
    expect(settled.body).toMatchObject({ status: 'paid', paidFen: 8_340, unpaidFen: 0 });
    expect(
      (await kitchen().post(`/statements/${month}/payments`).set(as(operator)).send(payment).expect(409)).body.code,
    ).toBe('ALREADY_EXISTS');
  }, 60_000);

  it('keeps each kitchen to its own contracts and statements; operators see all', async () => {
    const mine = purchaserToken(stack.config, 'purchaser-c', 'KITCHEN-E2E-C');
    const other = await contractFor('KITCHEN-E2E-D', [{ sku: 'SKU-EGG', saleUnit: 'piece', unitPriceFen: 80 }]);
    const own = await contractFor('KITCHEN-E2E-C', [{ sku: 'SKU-EGG', saleUnit: '盒(30枚)', unitPriceFen: 2_400 }]);

    const listed = await kitchen().get(`/contracts?after=${own.position}`).set(as(mine)).expect(200);
    expect(listed.body.items.map((c: { contractId: string }) => c.contractId)).toEqual([own.contractId]);
    expect(listed.body.items[0].lines).toEqual([
      expect.objectContaining({
        sku: 'SKU-EGG',
        saleUnit: { unit: '盒(30枚)', base: 30 },
        unitPriceFen: 2_400,
        baseUnit: 'piece',
      }),
    ]);
    expect((await kitchen().get('/contracts?kitchen=KITCHEN-E2E-D').set(as(mine)).expect(403)).body.code).toBe(
      'FORBIDDEN',
    );
    await kitchen().get(`/contracts/${other.contractId}?after=${other.position}`).set(as(mine)).expect(404);
    await kitchen().get(`/contracts/${other.contractId}`).set(as(operator)).expect(200);
    const all = await kitchen().get('/contracts').set(as(operator)).expect(200);
    expect(all.body.items.map((c: { kitchen: string }) => c.kitchen)).toEqual(
      expect.arrayContaining(['KITCHEN-E2E-C', 'KITCHEN-E2E-D', 'KITCHEN-LC-01']),
    );

    const order = {
      contractId: other.contractId,
      warehouse: 'LC-HUB-DCF',
      address: '食堂',
      lines: [{ sku: 'SKU-EGG', quantityBase: 30 }],
      schedule: { weekdays: [1] },
      startDate: day(2),
    };
    await kitchen().post('/standing-orders').set(as(mine)).send(order).expect(404);
    await kitchen()
      .post('/contracts')
      .set(as(mine))
      .send({
        kitchen: 'KITCHEN-E2E-C',
        title: 'x',
        from: day(0),
        to: day(1),
        lines: [{ sku: 'SKU-EGG', saleUnit: 'piece', unitPriceFen: 1 }],
      })
      .expect(403);

    const month = day(0).slice(0, 7);
    expect(
      (await kitchen().get(`/statements/${month}?kitchen=KITCHEN-E2E-D`).set(as(mine)).expect(403)).body.code,
    ).toBe('FORBIDDEN');
    await kitchen().get(`/statements/${month}`).set(as(mine)).expect(200);
    const unnamed = await kitchen().get(`/statements/${month}`).set(as(operator)).expect(400);
    expect(unnamed.body.errors).toEqual([expect.objectContaining({ field: 'kitchen' })]);
    await kitchen().get(`/statements/${month}?kitchen=KITCHEN-E2E-D`).set(as(operator)).expect(200);
  }, 30_000);

  it('refuses a schedule that is not one (422) and asks for exactly one of weekdays and rrule (400)', async () => {
    const purchaser = purchaserToken(stack.config, 'purchaser-e', 'KITCHEN-E2E-E');
    const { contractId } = await contractFor('KITCHEN-E2E-E', [
      { sku: 'SKU-EGG', saleUnit: 'piece', unitPriceFen: 80 },
    ]);
    const base = {
      contractId,
      warehouse: 'LC-HUB-DCF',
      address: '食堂',
      lines: [{ sku: 'SKU-EGG', quantityBase: 30 }],
      startDate: day(2),
    };
    const hourly = await kitchen()
      .post('/standing-orders')
      .set(as(purchaser))
      .send({ ...base, schedule: { rrule: 'FREQ=HOURLY' } })
      .expect(422);
    expect(hourly.body).toMatchObject({
      code: 'INVALID_SCHEDULE',
      errors: [expect.objectContaining({ field: 'schedule.rrule' })],
    });
    await kitchen()
      .post('/standing-orders')
      .set(as(purchaser))
      .send({ ...base, schedule: { rrule: 'FREQ=DAILY', weekdays: [1] } })
      .expect(400);
    await kitchen()
      .post('/standing-orders')
      .set(as(purchaser))
      .send({ ...base, schedule: { weekdays: [1] }, cutoff: { daysBefore: 1, time: '25:00' } })
      .expect(400);
  }, 30_000);

  it('seeds the demo kitchen with a contract and a running weekday standing order', async () => {
    const kitchen1 = await stack.login('kitchen', 'kitchen1');
    const contracts = await kitchen().get('/contracts').set(as(kitchen1)).expect(200);
    expect(contracts.body.items).toEqual([
      expect.objectContaining({
        kitchen: 'KITCHEN-LC-01',
        lines: expect.arrayContaining([expect.objectContaining({ sku: 'SKU-EGG', limitBase: 60_000 })]),
      }),
    ]);
    const orders = await kitchen().get('/standing-orders').set(as(kitchen1)).expect(200);
    expect(orders.body.items).toEqual([
      expect.objectContaining({
        status: 'active',
        warehouse: 'LC-HUB-DCF',
        schedule: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5] },
        cutoff: { daysBefore: 1, time: '16:00' },
      }),
    ]);
    // 16:00 in Shanghai is 08:00 UTC.
    expect(orders.body.items[0].next.cutoffAt).toMatch(/T16:00:00\+08:00$/);
  }, 30_000);
});
