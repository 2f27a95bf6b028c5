import type { Response } from 'supertest';
import { shanghaiDate } from '@gx/domain';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(60_000);

/** 400 VALIDATION_FAILED in problem+json naming `field`. */
function expectInvalid(res: Response, field: string): void {
  if (res.status !== 400)
    throw new Error(`expected 400 naming ${field}, got ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
}

/** Identifier text that looks like one reference but is not: each must be refused. */
const HOSTILE_IDENTIFIERS: Record<string, string> = {
  'whitespace only': '   ',
  NUL: 'NC-2026\u0000',
  'CR LF': 'NC-2026\r\nX-Injected: 1',
  'right-to-left override': 'NC-\u202E7011-6202',
  'first strong isolate': 'NC-2026\u2068',
  'zero-width space': 'NC-20\u200B26',
  'trailing space': 'NC-2026 ',
};

describe('input rules: nested objects, identifier text and text for people', () => {
  let stack: Stack;
  let operator: string;
  let purchaser: string;
  let kitchenOperator: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ops = () => stack.http('operations');
  const kitchen = () => stack.http('kitchen');
  const today = shanghaiDate(new Date());
  const receipt = (testId: string, extra: object = {}) => ({
    sku: 'SKU-PEAR-GX',
    warehouse: 'LC-HUB-DCF',
    producer: 'COOP-GX-PEAR',
    quantityBase: 1_000,
    origin: { village: '冠县东古城镇前屯村' },
    harvestDate: today,
    grade: '一级',
    inspection: { result: 'pass', testId },
    ...extra,
  });
  const ledgerLength = async () =>
    (
      (await ops().get('/stock/history?sku=SKU-PEAR-GX&warehouse=LC-HUB-DCF').set(as(operator)).expect(200)).body
        .entries as unknown[]
    ).length;
  const standingOrder = (overrides: object) => ({
    contractId: 'CT-1a2b3c4d5e6f',
    warehouse: 'LC-HUB-DCF',
    address: '聊城一中食堂 后厨收货口',
    lines: [{ sku: 'SKU-CABBAGE', quantityBase: 30_000 }],
    schedule: { weekdays: [1, 3, 5] },
    startDate: today,
    ...overrides,
  });

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'kitchen']);
    [operator, purchaser, kitchenOperator] = await Promise.all([
      stack.login('operations', 'operator1'),
      stack.login('kitchen', 'kitchen1'),
      stack.login('kitchen', 'operator1'),
    ]);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('refuses a standing order without a schedule, or with nested arrays, naming the field', async () => {
    const { schedule: _none, ...withoutSchedule } = standingOrder({});
    expectInvalid(await kitchen().post('/standing-orders').set(as(purchaser)).send(withoutSchedule), 'schedule');
    expectInvalid(
      await kitchen()
        .post('/standing-orders')
        .set(as(purchaser))
        .send(standingOrder({ schedule: [] })),
      'schedule',
    );
    expectInvalid(
      await kitchen()
        .post('/standing-orders')
        .set(as(purchaser))
        .send(standingOrder({ lines: [[]] })),
      'lines',
    );
    expectInvalid(
      await kitchen()
        .post('/standing-orders')
        .set(as(purchaser))
        .send(standingOrder({ lines: [[{ sku: 'SKU-CABBAGE', quantityBase: 1 }]] })),
      'lines',
    );
  });

  it('refuses a SKU whose sale units hold a nested array, and stores nothing', async () => {
    const sku = {
      code: 'SKU-TEST-NESTED',
      name: '测试商品',
      category: 'fruit',
      baseUnit: 'g',
      saleUnits: [[]],
      shelfLifeDays: 30,
      storage: 'ambient',
      regionalBrand: false,
      costFen: 600,
      costPerBase: 1000,
    };
    expectInvalid(await ops().post('/skus').set(as(operator)).send(sku), 'saleUnits');
    expectInvalid(
      await ops()
        .post('/skus')
        .set(as(operator))
        .send({ ...sku, saleUnits: [{ unit: '斤', base: 500 }, [[]]] }),
      'saleUnits',
    );
    const created = await ops()
      .post('/skus')
      .set(as(operator))
      .send({ ...sku, saleUnits: [{ unit: '斤', base: 500 }] })
      .expect(201);
    const stored = await ops().get(`/skus/${sku.code}?after=${created.body.position}`).set(as(operator)).expect(200);
    expect(stored.body.saleUnits).toEqual([{ unit: '斤', base: 500 }]);
  });

  it.each(Object.entries(HOSTILE_IDENTIFIERS))(
    'refuses an inspection test id with %s, and appends nothing',
    async (_what, testId) => {
      const before = await ledgerLength();
      expectInvalid(await ops().post('/receipts').set(as(operator)).send(receipt(testId)), 'inspection.testId');
      expect(await ledgerLength()).toBe(before);
    },
  );

  it.each(Object.entries(HOSTILE_IDENTIFIERS))(
    'refuses a statement payment reference with %s',
    async (_what, reference) => {
      const res = await kitchen()
        .post('/statements/2026-11/payments')
        .set(as(kitchenOperator))
        .send({ kitchen: 'KITCHEN-LC-01', amount: 100, reference, paidOn: today });
      expectInvalid(res, 'reference');
    },
  );

  it('refuses control and bidi-override characters in text for people, and keeps line breaks in notes', async () => {
    expectInvalid(
      await ops()
        .post('/receipts')
        .set(as(operator))
        .send(receipt('NC-OK', { origin: { village: '前屯村\u0000' } })),
      'origin.village',
    );
    expectInvalid(
      await ops()
        .post('/receipts')
        .set(as(operator))
        .send(receipt('NC-OK', { origin: { village: '前屯\u202E村' } })),
      'origin.village',
    );
    expectInvalid(
      await ops()
        .post('/receipts')
        .set(as(operator))
        .send(receipt('NC-OK', { origin: { village: ' \t ' } })),
      'origin.village',
    );
    const { batchId } = (await ops().post('/receipts').set(as(operator)).send(receipt('NC-2026-1120-07')).expect(201))
      .body as { batchId: string };
    const writeOff = { sku: 'SKU-PEAR-GX', warehouse: 'LC-HUB-DCF', batchId, quantityBase: 1, reason: 'damage' };
    expectInvalid(
      await ops()
        .post('/write-offs')
        .set(as(operator))
        .send({ ...writeOff, note: '冷库\u0007故障' }),
      'note',
    );
    await ops()
      .post('/write-offs')
      .set(as(operator))
      .send({ ...writeOff, note: '冷库温控故障\n两箱压伤' })
      .expect(201);
  });
});
