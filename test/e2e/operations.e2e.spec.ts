import { startStack, type Stack } from './support/stack';

const receipt = {
  sku: 'SKU-PEAR-GX',
  warehouse: 'LC-HUB-CP',
  producer: 'COOP-GX-PEAR',
  quantityBase: 120_000,
  origin: { village: '冠县东古城镇前屯村', plot: 'A-3' },
  harvestDate: '2026-11-20',
  grade: '特级',
  inspection: { result: 'pass', testId: 'NC-2026-1120-07' },
};

describe('operations: master data and receipts from HTTP to read model', () => {
  let stack: Stack;
  let operator: string;
  const auth = () => ({ Authorization: `Bearer ${operator}` });

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations']);
    operator = await stack.login('operations', 'operator1');
  });
  afterAll(async () => {
    await stack.close();
  });

  const head = async () => (await stack.http('worker').get('/health')).body.checks.eventStore.details.head as string;

  it('lists the seeded Liaocheng catalog', async () => {
    const res = await stack.http('operations').get('/warehouses').set(auth()).expect(200);
    const codes = (res.body.items as Array<{ code: string }>).map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['LC-HUB-DCF', 'LC-MKT-01', 'LC-VP-DCF-01']));
    const skus = await stack.http('operations').get('/skus').set(auth()).expect(200);
    expect(skus.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'SKU-PEAR-GX', name: '冠县鸭梨' })]),
    );
  });

  it('registers a warehouse and reads it back at the returned position', async () => {
    const created = await stack
      .http('operations')
      .post('/warehouses')
      .set(auth())
      .send({ code: 'LC-TS-CP-HZ', name: '茌平区韩集乡供销综合服务站', kind: 'township_station', county: '茌平区' })
      .expect(201);
    expect(created.body.position).toMatch(/^\d+$/);
    const res = await stack
      .http('operations')
      .get(`/warehouses?after=${created.body.position}`)
      .set(auth())
      .expect(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'LC-TS-CP-HZ', kind: 'township_station' })]),
    );
    const again = await stack
      .http('operations')
      .post('/warehouses')
      .set(auth())
      .send({ code: 'LC-TS-CP-HZ', name: '重复', kind: 'township_station', county: '茌平区' })
      .expect(409);
    expect(again.body.code).toBe('ALREADY_EXISTS');
  });

  it('receives a batch and shows it in stock, defaulting expiry from shelf life and cost from the SKU', async () => {
    const before = await stack
      .http('operations')
      .get('/stock?sku=SKU-PEAR-GX&warehouse=LC-HUB-CP')
      .set(auth())
      .expect(200);
    const onHandBefore = before.body.items[0]?.onHandBase ?? 0;
    const res = await stack.http('operations').post('/receipts').set(auth()).send(receipt).expect(201);
    expect(res.body).toMatchObject({
      sku: 'SKU-PEAR-GX',
      warehouse: 'LC-HUB-CP',
      quantityBase: 120_000,
      baseUnit: 'g',
      expiryDate: '2027-01-19',
    });
    const stock = await stack
      .http('operations')
      .get(`/stock?sku=SKU-PEAR-GX&warehouse=LC-HUB-CP&after=${res.body.position}`)
      .set(auth())
      .expect(200);
    const level = stock.body.items[0];
    expect(level.onHandBase).toBe(onHandBefore + 120_000);
    expect(level.availableBase).toBe(level.onHandBase - level.reservedBase);
    expect(level.batches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ batchId: res.body.batchId, onHandBase: 120_000, grade: '特级' }),
      ]),
    );
  });

  it('replays a retried receipt with the same Idempotency-Key and appends nothing', async () => {
    const key = 'receipt-2026-11-28-0001';
    const first = await stack
      .http('operations')
      .post('/receipts')
      .set(auth())
      .set('Idempotency-Key', key)
      .send(receipt)
      .expect(201);
    const headAfterFirst = await head();
    const retries = await Promise.all(
      Array.from({ length: 5 }, () =>
        stack.http('operations').post('/receipts').set(auth()).set('Idempotency-Key', key).send(receipt),
      ),
    );
    for (const r of retries) {
      expect(r.status).toBe(201);
      expect(r.body).toEqual(first.body);
    }
    expect(await head()).toBe(headAfterFirst);
    const reused = await stack
      .http('operations')
      .post('/receipts')
      .set(auth())
      .set('Idempotency-Key', key)
      .send({ ...receipt, quantityBase: 1 })
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    ['a negative quantity', { quantityBase: -5 }, 'quantityBase'],
    ['a fractional quantity', { quantityBase: 2.5 }, 'quantityBase'],
    ['an impossible date', { harvestDate: '2026-02-30' }, 'harvestDate'],
    ['an unknown grade', { grade: '三级' }, 'grade'],
    ['a missing inspection', { inspection: undefined }, 'inspection'],
    ['an unexpected field', { price: 3 }, 'price'],
    ['a nested bad field', { origin: { village: '' } }, 'origin.village'],
  ])('rejects %s with 400 naming the field and writes nothing', async (_name, change, field) => {
    const before = await head();
    const res = await stack
      .http('operations')
      .post('/receipts')
      .set(auth())
      .send({ ...receipt, ...change })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await head()).toBe(before);
  });

  it.each([
    ['an unknown SKU', { sku: 'SKU-NOPE' }, 'UNKNOWN_SKU', 'sku'],
    ['an unknown warehouse', { warehouse: 'LC-NOPE' }, 'UNKNOWN_WAREHOUSE', 'warehouse'],
    ['an unknown producer', { producer: 'COOP-NOPE' }, 'UNKNOWN_PRODUCER', 'producer'],
    ['an expiry before the harvest', { expiryDate: '2026-11-01' }, 'INVALID_DATES', 'expiryDate'],
  ])('rejects %s with 422 and its code, writing nothing', async (_name, change, code, field) => {
    const before = await head();
    const res = await stack
      .http('operations')
      .post('/receipts')
      .set(auth())
      .send({ ...receipt, ...change })
      .expect(422);
    expect(res.body).toMatchObject({ code, errors: [expect.objectContaining({ field })] });
    expect(await head()).toBe(before);
  });

  it('is for operators only', async () => {
    const consumer = await stack.login('operations', 'consumer1');
    const res = await stack
      .http('operations')
      .post('/receipts')
      .set({ Authorization: `Bearer ${consumer}` })
      .send(receipt)
      .expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await stack.http('operations').get('/stock').expect(401);
  });
});
