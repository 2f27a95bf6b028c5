import { startStack, type Stack } from './support/stack';
import { day, kitchenData, purchaserToken, receipt, until } from './kitchen-support';

interface Source {
  batchId: string;
  quantityBase: number;
  producer: string;
  county: string;
  designated: boolean;
}
interface LineView {
  sku: string;
  orderedBase: number;
  reservedBase?: number;
  dispatchedBase?: number;
  substituteFor?: string;
  kitchenDecision?: string;
  sources?: Source[];
  issue?: { status: string };
}
interface DeliveryView {
  deliveryId: string;
  status: string;
  date: string;
  lines: LineView[];
}

// What the portal adds to the kitchen API: an operator's run-now of a cut-off, the purchaser's answer to a
// substitute, quality claims, the batches of each line with their designation, and the 832 share.
describe('kitchen portal additions: run a cut-off now, substitutes the kitchen answers, batches and the designated share', () => {
  let stack: Stack;
  let operator: string;
  let opsOperator: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const kitchen = () => stack.http('kitchen');
  const ops = () => stack.http('operations');

  beforeAll(async () => {
    stack = await startStack(['worker', 'kitchen', 'operations']);
    operator = await stack.login('kitchen', 'operator1');
    opsOperator = await stack.login('operations', 'operator1');
  }, 60_000);
  afterAll(async () => {
    await stack.close();
  }, 30_000);

  it('runs a cut-off before its time once, audited; the kitchen accepts the substitute, claims quality, and the statement shows the designated share', async () => {
    const purchaser = purchaserToken(stack.config, 'purchaser-p', 'KITCHEN-E2E-P');
    const wh = 'LC-TEST-KITCHEN-P';
    await ops()
      .post('/warehouses')
      .set(as(opsOperator))
      .send({ code: wh, name: '厨房测试仓 P', kind: 'township_station', county: '东昌府区' })
      .expect(201);
    // Both SKUs from the 东昌府区 service centre, whose county is designated below.
    await ops()
      .post('/receipts')
      .set(as(opsOperator))
      .send(receipt('SKU-CABBAGE', wh, 10_000))
      .expect(201);
    await ops()
      .post('/receipts')
      .set(as(opsOperator))
      .send(receipt('SKU-POTATO', wh, 50_000))
      .expect(201);
    const designated = await ops()
      .put(`/designated-counties/${encodeURIComponent('东昌府区')}`)
      .set(as(opsOperator))
      .send({ note: '测试' })
      .expect(200);
    expect(designated.body).toMatchObject({ county: '东昌府区', designated: true });
    const listed = await ops()
      .get(`/designated-counties?after=${designated.body.position}`)
      .set(as(opsOperator))
      .expect(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ county: '东昌府区', designated: true, note: '测试', by: 'operator1' }),
    );
    await ops()
      .put(`/designated-counties/${encodeURIComponent('东昌府区')}`)
      .set(as(purchaser))
      .send({})
      .expect(403);

    await ops().post('/kitchens').set(as(opsOperator)).send(kitchenData('KITCHEN-E2E-P')).expect(201);
    const contract = await kitchen()
      .post('/contracts')
      .set(as(operator))
      .send({
        kitchen: 'KITCHEN-E2E-P',
        title: '测试供货协议',
        from: day(-1),
        to: day(60),
        lines: [
          { sku: 'SKU-CABBAGE', saleUnit: 'kg', unitPriceFen: 260 },
          { sku: 'SKU-POTATO', saleUnit: 'kg', unitPriceFen: 300 },
        ],
      })
      .expect(201);
    // The first date is a week ahead: its cut-off is days away, and only a run-now makes it a delivery today.
    const date = day(7);
    const placed = await kitchen()
      .post('/standing-orders')
      .set(as(purchaser))
      .send({
        contractId: contract.body.contractId,
        warehouse: wh,
        address: '测试食堂 P',
        lines: [{ sku: 'SKU-CABBAGE', quantityBase: 30_000 }],
        schedule: { rrule: 'FREQ=DAILY' },
        startDate: date,
      })
      .expect(201);
    const id = placed.body.standingOrderId as string;

    await kitchen().post(`/standing-orders/${id}/cutoff`).set(as(purchaser)).send({}).expect(403);
    const wrong = await kitchen()
      .post(`/standing-orders/${id}/cutoff`)
      .set(as(operator))
      .send({ date: day(8) })
      .expect(409);
    expect(wrong.body.code).toBe('INVALID_STATE');
    const run = await kitchen().post(`/standing-orders/${id}/cutoff`).set(as(operator)).send({}).expect(200);
    expect(run.body).toMatchObject({
      standingOrderId: id,
      date,
      deliveryId: `${id}-${date.replaceAll('-', '')}`,
      outcome: 'generated',
      next: { date: day(8), cutoffAt: expect.stringMatching(/\+08:00$/) },
    });
    // Run again (a double click, or the deadline later): the same date is not generated twice.
    const again = await kitchen().post(`/standing-orders/${id}/cutoff`).set(as(operator)).send({ date }).expect(200);
    expect(again.body).toMatchObject({ date, deliveryId: run.body.deliveryId });
    const due = await stack.events.readStream(`standing-${id}`);
    const generated = due.filter((e) => e.type === 'StandingDeliveryDue');
    expect(generated).toHaveLength(1);
    expect(generated[0]?.data).toMatchObject({ date, runNow: { by: 'operator1' } });
    expect(generated[0]?.metadata.actor).toBe('operator1');
    const late = await kitchen().post(`/standing-orders/${id}/skip`).set(as(purchaser)).send({ date }).expect(409);
    expect(late.body.code).toBe('CUTOFF_PASSED');

    const deliveryId = run.body.deliveryId as string;
    await until(async () => {
      const res = await kitchen().get(`/deliveries/${deliveryId}`).set(as(operator));
      return res.status === 200 && res.body.status === 'ready' ? true : undefined;
    }, 'the delivery to be reserved');
    const substituted = await kitchen()
      .post(`/deliveries/${deliveryId}/shortages/SKU-CABBAGE/substitute`)
      .set(as(operator))
      .send({})
      .expect(200);
    await until(async () => {
      const res = await kitchen()
        .get(`/deliveries/${deliveryId}?after=${substituted.body.position}`)
        .set(as(operator))
        .expect(200);
      return res.body.status === 'ready' ? true : undefined;
    }, 'the substitute to be reserved');
    await kitchen().post(`/deliveries/${deliveryId}/dispatch`).set(as(operator)).expect(200);
    const issued = await until(async () => {
      const res = await kitchen().get(`/deliveries/${deliveryId}`).set(as(purchaser)).expect(200);
      const view = res.body as DeliveryView;
      return view.lines.every((l) => l.issue?.status === 'issued') ? view : undefined;
    }, 'the stock to be issued');
    // Each line names the batches it came from, with the producer's county and its designation.
    for (const l of issued.lines) {
      expect(l.sources).toEqual([
        expect.objectContaining({
          quantityBase: l.dispatchedBase,
          producer: 'FSC-DCF-01',
          county: '东昌府区',
          designated: true,
        }),
      ]);
      expect(l.sources?.[0]?.batchId).toMatch(/^B-/);
    }

    // The purchaser answers the substitute: not a substitute line → 409; another kitchen → 404.
    expect(
      (await kitchen().post(`/deliveries/${deliveryId}/substitutes/SKU-CABBAGE/accept`).set(as(purchaser)).expect(409))
        .body.code,
    ).toBe('INVALID_STATE');
    const stranger = purchaserToken(stack.config, 'purchaser-q', 'KITCHEN-E2E-Q');
    await kitchen().post(`/deliveries/${deliveryId}/substitutes/SKU-POTATO/accept`).set(as(stranger)).expect(404);
    await kitchen().post(`/deliveries/${deliveryId}/substitutes/SKU-POTATO/accept`).set(as(operator)).expect(403);
    const accepted = await kitchen()
      .post(`/deliveries/${deliveryId}/substitutes/SKU-POTATO/accept`)
      .set(as(purchaser))
      .expect(200);
    const shown = await kitchen()
      .get(`/deliveries/${deliveryId}?after=${accepted.body.position}`)
      .set(as(purchaser))
      .expect(200);
    expect((shown.body as DeliveryView).lines.find((l) => l.sku === 'SKU-POTATO')).toMatchObject({
      substituteFor: 'SKU-CABBAGE',
      kitchenDecision: 'accepted',
    });

    const bad = await kitchen()
      .post(`/deliveries/${deliveryId}/receive`)
      .set(as(purchaser))
      .send({ lines: [{ sku: 'SKU-POTATO', receivedBase: 0, qualityBase: -1 }] })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'lines.0.qualityBase' })]);
    const received = await kitchen()
      .post(`/deliveries/${deliveryId}/receive`)
      .set(as(purchaser))
      .send({
        lines: [
          { sku: 'SKU-CABBAGE', receivedBase: 9_000, damagedBase: 1_000 },
          { sku: 'SKU-POTATO', receivedBase: 18_000, qualityBase: 2_000 },
        ],
      })
      .expect(200);
    expect(
      received.body.claims.map((c: { sku: string; kind: string; amountFen: number }) => [c.sku, c.kind, c.amountFen]),
    ).toEqual([
      ['SKU-CABBAGE', 'damage', 260],
      ['SKU-POTATO', 'quality', 600],
    ]);
    expect(received.body).toMatchObject({ grossFen: 2_600 + 6_000, claimsTotalFen: 860, amountFen: 7_740 });

    const month = date.slice(0, 7);
    const statement = await kitchen()
      .get(`/statements/${month}?after=${received.body.position}`)
      .set(as(purchaser))
      .expect(200);
    // Every batch came from a designated county: the whole amount counts.
    expect(statement.body.designated).toEqual({ designatedFen: 7_740, share: 1, target: 0.1, meetsTarget: true });
    expect(statement.body.claims.map((c: { kind: string }) => c.kind)).toEqual(['damage', 'quality']);

    const spending = await kitchen().get(`/spending?from=${month}&to=${month}`).set(as(purchaser)).expect(200);
    expect(spending.body.months).toEqual([
      expect.objectContaining({ month, deliveries: 1, amountFen: 7_740, designatedFen: 7_740, share: 1 }),
    ]);
    expect(spending.body.bySku).toEqual([
      {
        sku: 'SKU-POTATO',
        name: expect.any(String),
        amountFen: 5_400,
        baseUnit: 'g',
        receivedBase: 18_000,
        saleUnit: { unit: 'kg', base: 1000 },
      },
      {
        sku: 'SKU-CABBAGE',
        name: expect.any(String),
        amountFen: 2_340,
        baseUnit: 'g',
        receivedBase: 9_000,
        saleUnit: { unit: 'kg', base: 1000 },
      },
    ]);
    await kitchen().get(`/spending?from=${month}&to=${month}`).set(as(operator)).expect(400);
    expect((await kitchen().get(`/spending?from=${month}&to=2020-01`).set(as(purchaser)).expect(422)).body.code).toBe(
      'INVALID_DATES',
    );
    expect(
      (await kitchen().get(`/spending?from=2026-13&to=${month}`).set(as(purchaser)).expect(400)).body.errors,
    ).toEqual([expect.objectContaining({ field: 'from' })]);
  }, 90_000);
});
