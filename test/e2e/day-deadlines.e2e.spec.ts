import { shanghaiDate, shanghaiIso } from '@gx/domain';
import { cutoffIn, kitchenData, purchaserToken, receipt, until } from './kitchen-support';
import { startStack, type Stack } from './support/stack';

interface DayDeadlines {
  date: string;
  campaignCutoffs: Array<{ campaignId: string; cutoffAt: string; status: string; warehouse: string; sku: string }>;
  lotCloses: Array<{ lotId: string; closesAt: string; phase: string; batchId: string }>;
  kitchenCutoffs: Array<{
    standingOrderId: string;
    kitchen: string;
    deliveryDate: string;
    cutoffAt: string;
    deliveryId: string | null;
  }>;
}

const dayOf = (iso: string): string => shanghaiDate(new Date(iso));

describe("operations: a day's cut-offs and lot closes across the channels", () => {
  let stack: Stack;
  let operator: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const deadlines = async (date: string): Promise<DayDeadlines> =>
    (await stack.http('operations').get(`/reports/deadlines?date=${date}`).set(as(operator)).expect(200)).body;

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'storefront', 'wholesale', 'kitchen']);
    operator = await stack.login('operations', 'operator1');
  }, 90_000);
  afterAll(async () => {
    await stack?.close();
  }, 30_000);

  it("lists each seeded campaign on its cut-off's Beijing date and each lot on its close's, as the channels show them", async () => {
    const campaigns = (await stack.http('storefront').get('/campaigns').expect(200)).body.items as Array<{
      campaignId: string;
      cutoffAt: string;
      status: string;
    }>;
    expect(campaigns.length).toBeGreaterThan(0);
    for (const date of new Set(campaigns.map((c) => dayOf(c.cutoffAt)))) {
      const day = await deadlines(date);
      expect(day.date).toBe(date);
      const expected = campaigns.filter((c) => dayOf(c.cutoffAt) === date);
      expect(day.campaignCutoffs.map((c) => [c.campaignId, c.cutoffAt, c.status]).sort()).toEqual(
        expected.map((c) => [c.campaignId, c.cutoffAt, c.status]).sort(),
      );
      // Sorted by time.
      expect(day.campaignCutoffs.map((c) => c.cutoffAt)).toEqual(
        [...day.campaignCutoffs.map((c) => c.cutoffAt)].sort(),
      );
    }

    const lots = (
      await stack
        .http('wholesale')
        .get('/lots')
        .set(as(await stack.login('wholesale', 'operator1')))
        .expect(200)
    ).body.items as Array<{ lotId: string; closesAt: string; status: string }>;
    expect(lots.length).toBeGreaterThan(0);
    for (const date of new Set(lots.map((l) => dayOf(l.closesAt)))) {
      const day = await deadlines(date);
      const expected = lots.filter((l) => dayOf(l.closesAt) === date);
      // The report answers in Beijing time (+08:00), as the wholesale desk's lots do: the same instants.
      expect(day.lotCloses.every((l) => l.closesAt.endsWith('+08:00'))).toBe(true);
      const instant = (at: string) => new Date(at).toISOString();
      expect(day.lotCloses.map((l) => [l.lotId, instant(l.closesAt), l.phase]).sort()).toEqual(
        expected.map((l) => [l.lotId, instant(l.closesAt), l.status]).sort(),
      );
      expect(day.lotCloses.every((l) => l.batchId.startsWith('B-'))).toBe(true);
    }

    // A day with nothing due answers empty lists, and the default day is today in Beijing.
    expect(await deadlines('2020-01-01')).toEqual({
      date: '2020-01-01',
      campaignCutoffs: [],
      lotCloses: [],
      kitchenCutoffs: [],
    });
    const today = await stack.http('operations').get('/reports/deadlines').set(as(operator)).expect(200);
    expect(today.body.date).toBe(shanghaiDate(new Date()));
  }, 60_000);

  it("shows a standing order's cut-off as pending, then with the delivery it generated once passed", async () => {
    const ops = stack.http.bind(stack, 'operations');
    await ops()
      .post('/warehouses')
      .set(as(operator))
      .send({ code: 'LC-TEST-DEADLINES', name: '截单测试仓', kind: 'township_station', county: '东昌府区' })
      .expect(201);
    await ops()
      .post('/receipts')
      .set(as(operator))
      .send(receipt('SKU-CABBAGE', 'LC-TEST-DEADLINES', 100_000))
      .expect(201);
    await ops().post('/kitchens').set(as(operator)).send(kitchenData('KITCHEN-E2E-DL')).expect(201);
    const kitchenOperator = await stack.login('kitchen', 'operator1');
    const from = shanghaiDate(new Date(Date.now() - 86_400_000));
    const to = shanghaiDate(new Date(Date.now() + 30 * 86_400_000));
    const contract = await stack
      .http('kitchen')
      .post('/contracts')
      .set(as(kitchenOperator))
      .send({
        kitchen: 'KITCHEN-E2E-DL',
        title: '截单测试协议',
        from,
        to,
        lines: [{ sku: 'SKU-CABBAGE', saleUnit: 'kg', unitPriceFen: 260 }],
      })
      .expect(201);
    const purchaser = purchaserToken(stack.config, 'purchaser-dl', 'KITCHEN-E2E-DL');
    const first = cutoffIn(5_000);
    const placed = await stack
      .http('kitchen')
      .post('/standing-orders')
      .set(as(purchaser))
      .send({
        contractId: contract.body.contractId,
        warehouse: 'LC-TEST-DEADLINES',
        address: '截单测试食堂',
        lines: [{ sku: 'SKU-CABBAGE', quantityBase: 10_000 }],
        schedule: { rrule: 'FREQ=DAILY' },
        startDate: first.date,
        cutoff: first.cutoff,
      })
      .expect(201);
    const id = placed.body.standingOrderId as string;
    const cutoffDay = dayOf(first.cutoffAt);

    const before = await stack
      .http('operations')
      .get(`/reports/deadlines?date=${cutoffDay}&after=${placed.body.position}`)
      .set(as(operator))
      .expect(200);
    expect((before.body as DayDeadlines).kitchenCutoffs.filter((k) => k.standingOrderId === id)).toEqual([
      {
        standingOrderId: id,
        kitchen: 'KITCHEN-E2E-DL',
        warehouse: 'LC-TEST-DEADLINES',
        deliveryDate: first.date,
        cutoffAt: shanghaiIso(first.cutoffAt),
        deliveryId: null,
      },
    ]);

    const generated = await until(async () => {
      const mine = (await deadlines(cutoffDay)).kitchenCutoffs.filter((k) => k.standingOrderId === id);
      return mine.length === 1 && mine[0]?.deliveryId ? mine[0] : undefined;
    }, 'the cut-off to generate its delivery');
    expect(generated).toEqual({
      standingOrderId: id,
      kitchen: 'KITCHEN-E2E-DL',
      warehouse: 'LC-TEST-DEADLINES',
      deliveryDate: first.date,
      cutoffAt: shanghaiIso(first.cutoffAt),
      deliveryId: `${id}-${first.date.replaceAll('-', '')}`,
    });
  }, 60_000);

  it('refuses a day that is not a date, naming it, and anyone but an operator', async () => {
    const bad = await stack.http('operations').get('/reports/deadlines?date=2026-02-30').set(as(operator)).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'date' })] });
    const buyer = await stack.login('operations', 'buyer1');
    expect((await stack.http('operations').get('/reports/deadlines').set(as(buyer)).expect(403)).body.code).toBe(
      'FORBIDDEN',
    );
    await stack.http('operations').get('/reports/deadlines').expect(401);
  });
});
