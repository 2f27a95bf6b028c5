import { shanghaiDate } from '@gx/domain';
import { startStack, type Stack } from './support/stack';
import { undocumentedKeys } from './support/undocumented';

/** Pears cost 600 fen/kg, lingzhi 20 000 fen/kg, eggs 60 fen each, jujubes 2 400 fen/kg (demo catalog). */
const receipt = (sku: string, warehouse: string, quantity: number, producer: string) => ({
  sku,
  warehouse,
  producer,
  quantityBase: quantity,
  origin: { village: '冠县东古城镇前屯村' },
  // Harvested today, so every batch is sellable whatever day the suite runs.
  harvestDate: shanghaiDate(new Date()),
  grade: '一级',
  inspection: { result: 'pass', testId: 'NC-TEST' },
});

interface CountLineView {
  sku: string;
  batchId: string;
  baseUnit: string;
  countedBase: number;
  bookBase?: number;
  varianceBase?: number;
  varianceValueFen?: number;
  costFen?: number;
  costPerBase?: number;
  adjustment?: { status: string; deltaBase: number; valueFen: number; code?: string; reason?: string };
}

describe('stock counts (盘点) from opening to approved adjustments', () => {
  let stack: Stack;
  let operator1: string;
  let operator2: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ops = () => stack.http('operations');

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations']);
    [operator1, operator2] = await Promise.all([
      stack.login('operations', 'operator1'),
      stack.login('operations', 'operator2'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  const head = async () => (await stack.http('worker').get('/health')).body.checks.eventStore.details.head as string;
  const receive = async (sku: string, warehouse: string, quantity: number, producer = 'COOP-GX-PEAR') =>
    (
      await ops()
        .post('/receipts')
        .set(as(operator1))
        .send(receipt(sku, warehouse, quantity, producer))
        .expect(201)
    ).body as {
      batchId: string;
      position: string;
    };
  const writeOff = (sku: string, warehouse: string, batchId: string, quantity: number) =>
    ops()
      .post('/write-offs')
      .set(as(operator1))
      .send({ sku, warehouse, batchId, quantityBase: quantity, reason: 'spoilage' })
      .expect(201);
  const enter = (countId: string, lines: Array<{ sku: string; batchId: string; countedBase: number }>) =>
    ops().put(`/counts/${countId}/lines`).set(as(operator1)).send({ lines });
  const getCount = async (countId: string, after?: string) =>
    (
      await ops()
        .get(`/counts/${countId}${after ? `?after=${after}` : ''}`)
        .set(as(operator1))
        .expect(200)
    ).body;
  const batchesAt = async (sku: string, warehouse: string) => {
    const res = await ops()
      .get(`/stock?sku=${sku}&warehouse=${warehouse}&after=${await head()}`)
      .set(as(operator1))
      .expect(200);
    return new Map(
      (res.body.items[0].batches as Array<{ batchId: string; onHandBase: number }>).map((b) => [
        b.batchId,
        b.onHandBase,
      ]),
    );
  };
  /** The worker posts adjustments asynchronously: poll the count, bounded, until none is pending. */
  const settled = async (countId: string, approvedAt: string) => {
    for (let i = 0; i < 100; i++) {
      const count = await getCount(countId, approvedAt);
      if (count.status === 'approved' && count.adjustments.pending === 0) return count;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`count ${countId}: adjustments still pending after 5 s`);
  };
  /** A fresh, empty warehouse, so that the demo stock seeded at start cannot change the figures. */
  const newWarehouse = async (code: string) => {
    const res = await ops()
      .post('/warehouses')
      .set(as(operator1))
      .send({ code, name: `盘点测试仓 ${code}`, kind: 'township_station', county: '东昌府区' });
    expect(res.status).toBe(201);
    return code;
  };
  const lineOf = (count: { lines: CountLineView[] }, batchId: string): CountLineView | undefined =>
    count.lines.find((l) => l.batchId === batchId);

  it('uses the book figure of the moment each line was counted, and ends with counted + later movements on hand', async () => {
    const [sku, wh] = ['SKU-PEAR-GX', await newWarehouse('LC-TEST-COUNT-1')];
    const a = await receive(sku, wh, 100_000);
    const b = await receive(sku, wh, 50_000);
    const opened = await ops()
      .post('/counts')
      .set(as(operator1))
      .send({ warehouse: wh, skus: [sku] })
      .expect(201);
    const { countId } = opened.body;
    expect(opened.body).toMatchObject({
      countId: expect.stringMatching(/^C-[0-9a-f]{12}$/),
      skus: [sku],
      position: expect.stringMatching(/^\d+$/),
    });

    await enter(countId, [{ sku, batchId: a.batchId, countedBase: 98_000 }]).expect(200);
    await writeOff(sku, wh, a.batchId, 5_000); // after A was counted: not part of A's variance
    await writeOff(sku, wh, b.batchId, 1_000); // before B is counted: B's book is already 49 000
    const c = await receive(sku, wh, 20_000); // received during the count, then counted
    await enter(countId, [
      { sku, batchId: b.batchId, countedBase: 49_500 },
      { sku, batchId: c.batchId, countedBase: 20_000 },
    ]).expect(200);

    const submitted = await ops().post(`/counts/${countId}/submit`).set(as(operator1)).expect(200);
    expect(submitted.body).toMatchObject({ countId, status: 'submitted' });
    const review = await getCount(countId, submitted.body.position);
    expect(lineOf(review, a.batchId)).toEqual(
      expect.objectContaining({
        baseUnit: 'g',
        bookBase: 100_000,
        countedBase: 98_000,
        varianceBase: -2_000,
        varianceValueFen: -1_200,
        costFen: 600,
        costPerBase: 1_000,
      }),
    );
    expect(lineOf(review, b.batchId)).toMatchObject({
      bookBase: 49_000,
      countedBase: 49_500,
      varianceBase: 500,
      varianceValueFen: 300,
    });
    expect(lineOf(review, c.batchId)).toMatchObject({
      bookBase: 20_000,
      countedBase: 20_000,
      varianceBase: 0,
      varianceValueFen: 0,
    });
    expect(review.totals).toEqual({
      lines: 3,
      baseUnit: 'g',
      countedBase: 167_500,
      bookBase: 169_000,
      varianceBase: -1_500,
      gainValueFen: 300,
      lossValueFen: 1_200,
      netValueFen: -900,
      absoluteValueFen: 1_500,
    });

    const approved = await ops().post(`/counts/${countId}/approve`).set(as(operator1)).expect(200);
    expect(approved.body).toMatchObject({ countId, status: 'approved', approvers: ['operator1'] });
    const done = await settled(countId, approved.body.position);
    expect(done.adjustments).toEqual({ pending: 0, posted: 2, blocked: 0 });
    expect(lineOf(done, a.batchId)?.adjustment).toEqual({ status: 'posted', deltaBase: -2_000, valueFen: -1_200 });
    expect(lineOf(done, c.batchId)?.adjustment).toMatchObject({ status: 'none' });

    const onHand = await batchesAt(sku, wh);
    expect(onHand.get(a.batchId)).toBe(98_000 - 5_000);
    expect(onHand.get(b.batchId)).toBe(49_500);
    expect(onHand.get(c.batchId)).toBe(20_000);

    // Received 170 kg (102 000 fen), wrote off 6 kg (3 600), the count lost 2 kg (1 200) and found 0.5 kg (300).
    const report = await ops().get(`/reports/variances?warehouse=${wh}&sku=${sku}`).set(as(operator1)).expect(200);
    expect(report.body.totals).toEqual({
      baseUnit: 'g',
      received: { quantityBase: 170_000, valueFen: 102_000 },
      transferredIn: { quantityBase: 0, valueFen: 0 },
      lostInTransit: { quantityBase: 0, valueFen: 0 },
      writtenOff: { quantityBase: 6_000, valueFen: 3_600 },
      countGain: { quantityBase: 500, valueFen: 300 },
      countLoss: { quantityBase: 2_000, valueFen: 1_200 },
      otherAdjustments: { quantityBase: 0, valueFen: 0 },
      shrinkageValueFen: 4_500,
      shrinkageRate: 0.044118,
    });
    const month = report.body.rows[0].month as string;
    expect(report.body.rows).toEqual([
      expect.objectContaining({
        warehouse: wh,
        sku,
        month,
        baseUnit: 'g',
        countLoss: { quantityBase: 2_000, valueFen: 1_200 },
        shrinkageValueFen: 4_500,
        shrinkageRate: 0.044118,
      }),
    ]);
    const inRange = await ops()
      .get(`/reports/variances?warehouse=${wh}&from=${month}&to=${month}`)
      .set(as(operator1))
      .expect(200);
    expect(inRange.body.rows).toHaveLength(1);
    const later = await ops().get(`/reports/variances?warehouse=${wh}&from=2999-01`).set(as(operator1)).expect(200);
    expect(later.body).toMatchObject({ rows: [], totals: { shrinkageRate: null } });

    // Every field of these answers is in their schema in /docs (and so in the UI's generated types).
    const docs = (await ops().get('/docs-json').expect(200)).body;
    const listed = await ops().get(`/counts?warehouse=${wh}`).set(as(operator1)).expect(200);
    expect(undocumentedKeys(docs, 'CountView', done)).toEqual([]);
    expect(undocumentedKeys(docs, 'CountListView', listed.body)).toEqual([]);
    expect(undocumentedKeys(docs, 'VarianceReportView', report.body)).toEqual([]);
    expect(undocumentedKeys(docs, 'CountView', { ...done, lines: [{ ...done.lines[0], stray: 1 }] })).toEqual([
      'lines[0].stray',
    ]);
  });

  it('is blind while open: neither entering lines nor reading the count shows a book figure; a recount takes a fresh one', async () => {
    const [sku, wh] = ['SKU-JUJUBE-CP', await newWarehouse('LC-TEST-COUNT-2')];
    const batch = await receive(sku, wh, 10_000, 'COOP-CP-JUJUBE');
    await ops().get(`/stock?warehouse=${wh}&after=${batch.position}`).set(as(operator1)).expect(200);
    const opened = await ops().post('/counts').set(as(operator1)).send({ warehouse: wh }).expect(201);
    expect(opened.body.skus).toEqual([sku]); // no SKUs named: everything with stock there
    const { countId } = opened.body;

    const entered = await enter(countId, [{ sku, batchId: batch.batchId, countedBase: 9_990 }]).expect(200);
    expect(Object.keys(entered.body).sort()).toEqual(['countId', 'position', 'recorded']);
    const blind = await getCount(countId, entered.body.position);
    expect(blind.status).toBe('open');
    expect(blind.lines).toEqual([expect.objectContaining({ sku, batchId: batch.batchId, countedBase: 9_990 })]);
    expect(JSON.stringify(blind)).not.toMatch(/book|variance|Value/);
    const listed = await ops().get(`/counts?warehouse=${wh}&status=open`).set(as(operator1)).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ countId, status: 'open' })]);
    expect(JSON.stringify(listed.body)).not.toMatch(/book|variance|Value|cost/);

    await writeOff(sku, wh, batch.batchId, 1_000);
    await enter(countId, [{ sku, batchId: batch.batchId, countedBase: 8_990 }]).expect(200);
    const submitted = await ops().post(`/counts/${countId}/submit`).set(as(operator1)).expect(200);
    const review = await getCount(countId, submitted.body.position);
    expect(review.lines).toEqual([expect.objectContaining({ countedBase: 8_990, bookBase: 9_000, varianceBase: -10 })]);

    const locked = await enter(countId, [{ sku, batchId: batch.batchId, countedBase: 1 }]).expect(409);
    expect(locked.body.code).toBe('INVALID_STATE');
    const cancelled = await ops()
      .post(`/counts/${countId}/cancel`)
      .set(as(operator1))
      .send({ reason: '重新盘点' })
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await ops().post(`/counts/${countId}/approve`).set(as(operator1)).expect(409)).body.code).toBe(
      'ALREADY_DECIDED',
    );
  });

  it('needs a second, different operator to approve a variance above the threshold', async () => {
    const [sku, wh] = ['SKU-LINGZHI-GX', await newWarehouse('LC-TEST-COUNT-3')];
    const batch = await receive(sku, wh, 5_000);
    const { countId } = (
      await ops()
        .post('/counts')
        .set(as(operator1))
        .send({ warehouse: wh, skus: [sku] })
        .expect(201)
    ).body;
    await enter(countId, [{ sku, batchId: batch.batchId, countedBase: 2_000 }]).expect(200); // 3 kg × ¥200 = ¥600 > ¥500
    await ops().post(`/counts/${countId}/submit`).set(as(operator1)).expect(200);

    const first = await ops().post(`/counts/${countId}/approve`).set(as(operator1)).expect(200);
    expect(first.body).toMatchObject({ status: 'approval_pending', approvers: ['operator1'] });
    const again = await ops().post(`/counts/${countId}/approve`).set(as(operator1)).expect(403);
    expect(again.body).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('second operator') });
    const pending = await getCount(countId, first.body.position);
    expect(pending).toMatchObject({
      status: 'approval_pending',
      approvals: [expect.objectContaining({ by: 'operator1' })],
    });
    expect(pending.adjustments).toEqual({ pending: 0, posted: 0, blocked: 0 });

    const second = await ops().post(`/counts/${countId}/approve`).set(as(operator2)).expect(200);
    expect(second.body).toMatchObject({ status: 'approved', approvers: ['operator1', 'operator2'] });
    const done = await settled(countId, second.body.position);
    expect(lineOf(done, batch.batchId)?.adjustment).toEqual({ status: 'posted', deltaBase: -3_000, valueFen: -60_000 });
    expect((await batchesAt(sku, wh)).get(batch.batchId)).toBe(2_000);
    const approvedList = await ops().get(`/counts?status=approved&warehouse=${wh}`).set(as(operator1)).expect(200);
    expect(approvedList.body.items).toEqual([
      expect.objectContaining({ countId, approvals: [expect.anything(), expect.anything()] }),
    ]);
  });

  it('shows a loss the ledger cannot post because the stock is promised to holders as blocked, and posts nothing', async () => {
    const [sku, wh] = ['SKU-EGG', await newWarehouse('LC-TEST-COUNT-4')];
    const batch = await receive(sku, wh, 1_000, 'FSC-DCF-01');
    const { countId } = (
      await ops()
        .post('/counts')
        .set(as(operator1))
        .send({ warehouse: wh, skus: [sku] })
        .expect(201)
    ).body;
    await enter(countId, [{ sku, batchId: batch.batchId, countedBase: 900 }]).expect(200);
    await ops()
      .post('/reservations')
      .set(as(operator1))
      .send({ sku, warehouse: wh, holder: 'PHONE-ORDER-1', holderKind: 'order', quantityBase: 950 })
      .expect(201);
    await ops().post(`/counts/${countId}/submit`).set(as(operator1)).expect(200);
    const approved = await ops().post(`/counts/${countId}/approve`).set(as(operator1)).expect(200);

    const done = await settled(countId, approved.body.position);
    expect(done.adjustments).toEqual({ pending: 0, posted: 0, blocked: 1 });
    expect(lineOf(done, batch.batchId)?.adjustment).toMatchObject({
      status: 'blocked',
      deltaBase: -100,
      code: 'INSUFFICIENT_STOCK',
      reason: expect.any(String),
    });
    expect((await batchesAt(sku, wh)).get(batch.batchId)).toBe(1_000);
  });

  it.each([
    ['a negative count', [{ sku: 'SKU-CABBAGE', batchId: 'B-1', countedBase: -1 }], 'lines.0.countedBase'],
    ['a fractional count', [{ sku: 'SKU-CABBAGE', batchId: 'B-1', countedBase: 1.5 }], 'lines.0.countedBase'],
    ['no lines', [], 'lines'],
    [
      'the same batch twice',
      [
        { sku: 'SKU-CABBAGE', batchId: 'B-1', countedBase: 1 },
        { sku: 'SKU-CABBAGE', batchId: 'B-1', countedBase: 2 },
      ],
      'lines',
    ],
  ])('refuses %s with 400 naming the field, writing nothing', async (_name, lines, field) => {
    const before = await head();
    const res = await ops().put('/counts/C-000000000000/lines').set(as(operator1)).send({ lines }).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await head()).toBe(before);
  });

  it('refuses lines for a SKU outside the count or a batch not in its stock with 422, and unknown counts with 404', async () => {
    const [sku, wh] = ['SKU-POTATO', await newWarehouse('LC-TEST-COUNT-5')];
    const batch = await receive(sku, wh, 3_000, 'COOP-SX-VEG');
    const { countId } = (
      await ops()
        .post('/counts')
        .set(as(operator1))
        .send({ warehouse: wh, skus: [sku] })
        .expect(201)
    ).body;
    const before = await head();
    const otherSku = await enter(countId, [
      { sku, batchId: batch.batchId, countedBase: 1 },
      { sku: 'SKU-EGG', batchId: batch.batchId, countedBase: 1 },
    ]).expect(422);
    expect(otherSku.body).toMatchObject({
      code: 'UNKNOWN_SKU',
      errors: [expect.objectContaining({ field: 'lines.1.sku' })],
    });
    const otherBatch = await enter(countId, [{ sku, batchId: 'B-20260101-000000000000', countedBase: 1 }]).expect(422);
    expect(otherBatch.body).toMatchObject({
      code: 'UNKNOWN_BATCH',
      errors: [expect.objectContaining({ field: 'lines.0.batchId' })],
    });
    expect(await head()).toBe(before);
    await ops().get('/counts/C-ffffffffffff').set(as(operator1)).expect(404);
    await enter('C-ffffffffffff', [{ sku, batchId: batch.batchId, countedBase: 1 }]).expect(404);
    const badWarehouse = await ops().post('/counts').set(as(operator1)).send({ warehouse: 'LC-NOPE' }).expect(422);
    expect(badWarehouse.body.code).toBe('UNKNOWN_WAREHOUSE');
    await ops().get('/reports/variances?from=2026-13').set(as(operator1)).expect(400);
    const reversed = await ops().get('/reports/variances?from=2026-12&to=2026-11').set(as(operator1)).expect(400);
    expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
  });

  it('adds up quantities only over one base unit: a count and a report of grams and pieces total their values alone', async () => {
    const wh = await newWarehouse('LC-TEST-COUNT-6');
    const pears = await receive('SKU-PEAR-GX', wh, 10_000); // 10 kg × ¥6 = ¥60
    const eggs = await receive('SKU-EGG', wh, 100, 'FSC-DCF-01'); // 100 × ¥0.60 = ¥60
    const { countId } = (
      await ops()
        .post('/counts')
        .set(as(operator1))
        .send({ warehouse: wh, skus: ['SKU-PEAR-GX', 'SKU-EGG'] })
        .expect(201)
    ).body;
    const entered = await enter(countId, [
      { sku: 'SKU-PEAR-GX', batchId: pears.batchId, countedBase: 9_000 },
      { sku: 'SKU-EGG', batchId: eggs.batchId, countedBase: 100 },
    ]).expect(200);
    expect((await getCount(countId, entered.body.position)).totals).toEqual({ lines: 2 });
    const submitted = await ops().post(`/counts/${countId}/submit`).set(as(operator1)).expect(200);
    const review = await getCount(countId, submitted.body.position);
    expect(lineOf(review, pears.batchId)).toMatchObject({
      baseUnit: 'g',
      varianceBase: -1_000,
      varianceValueFen: -600,
    });
    expect(lineOf(review, eggs.batchId)).toMatchObject({
      baseUnit: 'piece',
      varianceBase: 0,
      costFen: 60,
      costPerBase: 1,
    });
    expect(review.totals).toEqual({
      lines: 2,
      gainValueFen: 0,
      lossValueFen: 600,
      netValueFen: -600,
      absoluteValueFen: 600,
    });

    const report = await ops()
      .get(`/reports/variances?warehouse=${wh}&after=${eggs.position}`)
      .set(as(operator1))
      .expect(200);
    expect(
      report.body.rows
        .map((r: { sku: string; baseUnit: string; received: unknown }) => [r.sku, r.baseUnit, r.received])
        .sort(),
    ).toEqual([
      ['SKU-EGG', 'piece', { quantityBase: 100, valueFen: 6_000 }],
      ['SKU-PEAR-GX', 'g', { quantityBase: 10_000, valueFen: 6_000 }],
    ]);
    expect(report.body.totals).toMatchObject({
      received: { valueFen: 12_000 },
      shrinkageValueFen: 0,
      shrinkageRate: 0,
    });
    expect(report.body.totals).not.toHaveProperty('baseUnit');
    expect(report.body.totals.received).not.toHaveProperty('quantityBase');
  });

  it('is for operators only', async () => {
    const consumer = await stack.login('operations', 'consumer1');
    await ops().post('/counts').set(as(consumer)).send({ warehouse: 'LC-HUB-DCF' }).expect(403);
    await ops().get('/reports/variances').expect(401);
  });
});
