import { shanghaiDate } from '@gx/domain';
import { startStack, type Stack } from './support/stack';

interface WriteOffView {
  sku: string;
  warehouse: string;
  batchId: string;
  quantityBase: number;
  valueFen: number;
  reason: string;
  note?: string;
  by: string;
  at: string;
  saleUnit: { unit: string; base: number } | null;
}

describe('operations: the log of write-offs', () => {
  let stack: Stack;
  let operator: string;
  const auth = () => ({ Authorization: `Bearer ${operator}` });
  const ops = () => stack.http('operations');

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations']);
    operator = await stack.login('operations', 'operator1');
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('lists each write-off with its batch, quantity in base units and sale unit, value at cost, reason, note and operator, the latest first; filters by warehouse, SKU and day', async () => {
    const receipt = (warehouse: string) => ({
      sku: 'SKU-TOMATO-SX',
      warehouse,
      producer: 'COOP-SX-VEG',
      quantityBase: 100_000,
      origin: { village: '莘县燕店镇东王村' },
      harvestDate: shanghaiDate(new Date()),
      grade: '一级',
      inspection: { result: 'pass', testId: 'NC-E2E-WO' },
      costFen: 150,
      costPerBase: 500,
    });
    const hub = await ops().post('/receipts').set(auth()).send(receipt('LC-HUB-SX')).expect(201);
    const station = await ops().post('/receipts').set(auth()).send(receipt('LC-TS-SX-ZZ')).expect(201);
    await ops()
      .post('/write-offs')
      .set(auth())
      .send({
        sku: 'SKU-TOMATO-SX',
        warehouse: 'LC-HUB-SX',
        batchId: hub.body.batchId,
        quantityBase: 5_000,
        reason: 'spoilage',
        note: '冷库温控故障',
      })
      .expect(201);
    const last = await ops()
      .post('/write-offs')
      .set(auth())
      .send({
        sku: 'SKU-TOMATO-SX',
        warehouse: 'LC-TS-SX-ZZ',
        batchId: station.body.batchId,
        quantityBase: 1_000,
        reason: 'damage',
      })
      .expect(201);

    const all = await ops().get(`/write-offs?after=${last.body.position}`).set(auth()).expect(200);
    const items = all.body.items as WriteOffView[];
    expect(items.slice(0, 2)).toEqual([
      expect.objectContaining({
        warehouse: 'LC-TS-SX-ZZ',
        batchId: station.body.batchId,
        baseUnit: 'g',
        quantityBase: 1_000,
        valueFen: 300,
        reason: 'damage',
        by: 'operator1',
        at: expect.stringMatching(/\+08:00$/),
      }),
      expect.objectContaining({
        warehouse: 'LC-HUB-SX',
        batchId: hub.body.batchId,
        quantityBase: 5_000,
        valueFen: 1_500,
        reason: 'spoilage',
        note: '冷库温控故障',
        by: 'operator1',
      }),
    ]);
    expect(items[0]).not.toHaveProperty('note');
    expect(items[0]?.saleUnit).toEqual({ unit: '斤', base: 500 });
    expect(items[0]).not.toHaveProperty('_id');

    const atHub = (await ops().get('/write-offs?warehouse=LC-HUB-SX&sku=SKU-TOMATO-SX').set(auth()).expect(200)).body
      .items as WriteOffView[];
    expect(atHub.map((w) => w.batchId)).toEqual([hub.body.batchId]);
    const today = shanghaiDate(new Date());
    expect(
      ((await ops().get(`/write-offs?from=${today}&to=${today}`).set(auth()).expect(200)).body.items as WriteOffView[])
        .length,
    ).toBe(2);
    expect((await ops().get('/write-offs?to=2020-01-01').set(auth()).expect(200)).body.items).toEqual([]);
  });

  it('refuses a day that is not a date and a warehouse that is not a code, naming them, and anyone but an operator', async () => {
    const bad = await ops().get('/write-offs?from=2026-13-01&warehouse=lower').set(auth()).expect(400);
    expect((bad.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['from', 'warehouse']);
    const buyer = await stack.login('operations', 'buyer1');
    await ops()
      .get('/write-offs')
      .set({ Authorization: `Bearer ${buyer}` })
      .expect(403);
  });
});
