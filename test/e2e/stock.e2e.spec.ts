import { addDays, openDocumentStore } from '@gx/application';
import { shanghaiDate } from '@gx/domain';
import { ReadModels } from '@gx/readstore';
import { startStack, type Stack } from './support/stack';

const at = { sku: 'SKU-CUCUMBER-SX', warehouse: 'LC-HUB-SX' };

/** A business date `offset` days from today, so that the test means the same on any day it runs. */
const day = (offset: number): string => addDays(shanghaiDate(new Date()), offset);

describe('stock ledger: movements, reports, traceability and integrity', () => {
  let stack: Stack;
  let operator: string;
  const ops = () => stack.http('operations');
  const auth = () => ({ Authorization: `Bearer ${operator}` });
  const post = (path: string, body: object) => ops().post(path).set(auth()).send(body);
  const get = (path: string) => ops().get(path).set(auth());
  const level = async (sku: string, warehouse: string, after: string) =>
    (await get(`/stock?sku=${sku}&warehouse=${warehouse}&after=${after}`).expect(200)).body.items[0];

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations']);
    operator = await stack.login('operations', 'operator1');
  });
  afterAll(async () => {
    await stack.close();
  });

  const receive = (quantity: number, extra: object = {}) =>
    post('/receipts', {
      ...at,
      producer: 'COOP-SX-VEG',
      quantityBase: quantity,
      origin: { village: '莘县张鲁回族镇刘庄村', plot: 'G-7' },
      harvestDate: day(-1),
      grade: '一级',
      inspection: { result: 'pass', testId: 'NC-E2E' },
      ...extra,
    }).expect(201);

  it('transfers stock first-expiry-first, keeps it in transit, and receives it with a shortfall recorded', async () => {
    const tomato = { sku: 'SKU-TOMATO-SX', warehouse: at.warehouse };
    const receipt = await receive(10_000, { ...tomato, harvestDate: day(-2), expiryDate: day(1) });
    const batch = receipt.body.batchId as string;
    const before = await level(tomato.sku, tomato.warehouse, receipt.body.position);
    const sent = await post('/transfers', {
      sku: tomato.sku,
      from: tomato.warehouse,
      to: 'LC-TS-SX-ZZ',
      quantityBase: 4_000,
    }).expect(201);
    expect(sent.body.picks).toEqual([{ batchId: batch, quantityBase: 4_000 }]);
    const source = await level(tomato.sku, tomato.warehouse, sent.body.position);
    expect(source.onHandBase).toBe(before.onHandBase - 4_000);
    const inTransit = await get(`/transfers/${sent.body.transferId}?after=${sent.body.position}`).expect(200);
    expect(inTransit.body).toMatchObject({
      status: 'in_transit',
      from: tomato.warehouse,
      to: 'LC-TS-SX-ZZ',
      quantityBase: 4_000,
    });
    // One shape for a transfer in the list and alone, without storage fields.
    expect(inTransit.body).not.toHaveProperty('_id');
    expect(inTransit.body).not.toHaveProperty('_position');
    const listed = await get(`/transfers?warehouse=LC-TS-SX-ZZ&after=${sent.body.position}`).expect(200);
    expect(listed.body.items.find((t: { transferId: string }) => t.transferId === sent.body.transferId)).toEqual(
      inTransit.body,
    );

    const received = await post(`/transfers/${sent.body.transferId}/receive`, {
      received: [{ batchId: batch, quantityBase: 3_900 }],
    }).expect(200);
    expect(received.body.lost).toEqual([{ batchId: batch, quantityBase: 100 }]);
    const dest = await level(tomato.sku, 'LC-TS-SX-ZZ', received.body.position);
    expect(dest.batches).toEqual([
      expect.objectContaining({ batchId: batch, onHandBase: 3_900, producer: 'COOP-SX-VEG' }),
    ]);
    const again = await post(`/transfers/${sent.body.transferId}/receive`, {}).expect(409);
    expect(again.body.code).toBe('ALREADY_DECIDED');

    const trace = await get(`/batches/${batch}/trace?after=${received.body.position}`).expect(200);
    expect(trace.body.origin).toEqual({ village: '莘县张鲁回族镇刘庄村', plot: 'G-7' });
    expect(trace.body).toMatchObject({ expiryDate: day(1), inspection: { result: 'pass', testId: 'NC-E2E' } });
    expect(
      trace.body.movements.map((m: { type: string; warehouse: string; quantityBase: number; lostBase?: number }) => [
        m.type,
        m.warehouse,
        m.quantityBase,
        m.lostBase ?? 0,
      ]),
    ).toEqual([
      ['StockReceived', tomato.warehouse, 10_000, 0],
      ['StockTransferredOut', tomato.warehouse, -4_000, 0],
      ['StockTransferredIn', 'LC-TS-SX-ZZ', 3_900, 100],
    ]);
    // The station received by transfer: it has a shrinkage rate, and the loss in transit is part of it.
    const report = await get(
      `/reports/variances?warehouse=LC-TS-SX-ZZ&sku=${tomato.sku}&after=${received.body.position}`,
    ).expect(200);
    expect(report.body.totals).toMatchObject({
      transferredIn: { quantityBase: 3_900 },
      lostInTransit: { quantityBase: 100 },
      received: { quantityBase: 0 },
    });
    expect(report.body.totals.shrinkageRate).toBeCloseTo(100 / 3_900, 5);
  });

  it('refuses a transfer to the same warehouse (400) and one larger than what is available (409)', async () => {
    const same = await post('/transfers', {
      sku: at.sku,
      from: at.warehouse,
      to: at.warehouse,
      quantityBase: 1,
    }).expect(400);
    expect(same.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    const tooMuch = await post('/transfers', {
      sku: at.sku,
      from: at.warehouse,
      to: 'LC-HUB-DCF',
      quantityBase: 999_999_999,
    }).expect(409);
    expect(tooMuch.body.code).toBe('INSUFFICIENT_STOCK');
  });

  it('writes off spoilage with its value at cost, and never below what holders were promised', async () => {
    const batch = (await receive(1_000)).body.batchId as string;
    const off = await post('/write-offs', {
      ...at,
      batchId: batch,
      quantityBase: 500,
      reason: 'spoilage',
      note: '冷链中断',
    }).expect(201);
    expect(off.body.valueFen).toBe(200);
    const bad = await post('/write-offs', { ...at, batchId: batch, quantityBase: 1, reason: 'stolen' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const tooMuch = await post('/write-offs', { ...at, batchId: batch, quantityBase: 501, reason: 'damage' }).expect(
      409,
    );
    expect(tooMuch.body.code).toBe('INSUFFICIENT_STOCK');
  });

  it('keeps uninspected stock unsellable until an operator clears it', async () => {
    const sku = 'SKU-LINGZHI-GX';
    const warehouse = 'LC-HUB-CP';
    const batch = (
      await post('/receipts', {
        sku,
        warehouse,
        producer: 'COOP-GX-PEAR',
        quantityBase: 500,
        origin: { village: '冠县' },
        harvestDate: day(-30),
        grade: '特级',
        inspection: { result: 'missing' },
      }).expect(201)
    ).body.batchId;
    const held = await post('/reservations', {
      sku,
      warehouse,
      holder: 'PHONE-1',
      holderKind: 'order',
      quantityBase: 1,
    }).expect(409);
    expect(held.body.code).toBe('INSUFFICIENT_STOCK');
    const cleared = await post(`/batches/${batch}/inspection`, {
      sku,
      warehouse,
      inspection: { result: 'pass', testId: 'NC-RETEST-1' },
    }).expect(200);
    const lvl = await level(sku, warehouse, cleared.body.position);
    expect(lvl).toMatchObject({ onHandBase: 500, availableBase: 500, unsellableBase: 0 });
    await post('/reservations', { sku, warehouse, holder: 'PHONE-1', holderKind: 'order', quantityBase: 100 }).expect(
      201,
    );
  });

  it('reserves, allocates FEFO, issues, and reports stuck holds and expiring batches', async () => {
    const soon = (await receive(300, { harvestDate: day(-8), expiryDate: day(0) })).body.batchId as string;
    const reserved = await post('/reservations', {
      ...at,
      holder: 'PHONE-ORDER-7',
      holderKind: 'order',
      quantityBase: 200,
    }).expect(201);
    const stuck = await get(`/reports/stuck-reservations?hours=0&after=${reserved.body.position}`).expect(200);
    expect(stuck.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ holder: 'PHONE-ORDER-7', quantityBase: 200, sku: at.sku })]),
    );
    const allocated = await post('/reservations/allocate', { ...at, holder: 'PHONE-ORDER-7' }).expect(200);
    expect(allocated.body.picks[0].batchId).toBe(soon);
    const issued = await post('/reservations/issue', { ...at, holder: 'PHONE-ORDER-7', reason: 'picked up' }).expect(
      200,
    );
    const none = await get(`/reports/stuck-reservations?hours=0&after=${issued.body.position}`).expect(200);
    expect(none.body.items.find((r: { holder: string }) => r.holder === 'PHONE-ORDER-7')).toBeUndefined();
    const expiring = await get(`/reports/expiring?days=3&warehouse=${at.warehouse}`).expect(200);
    expect(expiring.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ batchId: soon, onHandBase: 100 })]),
    );
    await get('/reports/expiring?days=soon').expect(400);
  });

  it('moves a channel’s hold only through its channel: an operator cannot release a campaign’s quota by hand', async () => {
    const hub = (await get('/stock?warehouse=LC-HUB-DCF').expect(200)).body.items as Array<{
      sku: string;
      reservations: Array<{ holder: string; holderKind: string; quantityBase: number }>;
    }>;
    const level = hub.find((l) => l.reservations.some((r) => r.holderKind === 'campaign'));
    if (!level) throw new Error('the demo has a campaign holding quota at LC-HUB-DCF');
    const quota = level.reservations.find((r) => r.holderKind === 'campaign');
    if (!quota) throw new Error('unreachable');
    const where = { sku: level.sku, warehouse: 'LC-HUB-DCF' };
    const bodies: Array<[string, object]> = [
      ['/reservations/release', { quantityBase: 1, reason: 'manual' }],
      ['/reservations/allocate', { quantityBase: 1 }],
      ['/reservations/issue', { reason: 'manual' }],
    ];
    for (const [path, body] of bodies) {
      const refused = await post(path, { ...where, holder: quota.holder, ...body }).expect(409);
      expect(refused.body).toMatchObject({
        code: 'HOLD_OWNED_BY_CHANNEL',
        detail: expect.stringContaining(quota.holder),
      });
    }
    const after = (await get(`/stock?sku=${where.sku}&warehouse=${where.warehouse}`).expect(200)).body.items[0];
    expect(after.reservations.find((r: { holder: string }) => r.holder === quota.holder)).toMatchObject({
      quantityBase: quota.quantityBase,
    });
    expect((await get('/integrity').expect(200)).body).toMatchObject({ ok: true });
    // Manual holds are for orders taken by hand and goods set aside; the answer is shaped, not raw events.
    await post('/reservations', {
      ...where,
      holder: 'CAMPAIGN-BY-HAND',
      holderKind: 'campaign',
      quantityBase: 1,
    }).expect(400);
    await post('/reservations', { ...at, holder: 'SET-ASIDE-1', holderKind: 'other', quantityBase: 50 }).expect(201);
    const released = await post('/reservations/release', {
      ...at,
      holder: 'SET-ASIDE-1',
      quantityBase: 50,
      reason: 'not needed',
    }).expect(200);
    expect(released.body).toMatchObject({ releasedBase: 50, picks: [], baseUnit: 'g' });
  });

  it('answers what was held at a past moment, from the log', async () => {
    const first = await receive(111);
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await receive(222);
    const then = await get(`/stock/history?sku=${at.sku}&warehouse=${at.warehouse}&asOf=${between}`).expect(200);
    const now = await get(`/stock/history?sku=${at.sku}&warehouse=${at.warehouse}`).expect(200);
    expect(now.body.position.onHandBase - then.body.position.onHandBase).toBe(222);
    expect(then.body.entries.at(-1)).toMatchObject({
      type: 'StockReceived',
      onHandDeltaBase: 111,
      actor: 'operator1',
      position: first.body.position,
    });
  });

  it('finds a read model that disagrees with the log', async () => {
    const clean = await get('/integrity').expect(200);
    expect(clean.body).toMatchObject({ ok: true, disagreementCount: 0 });

    const documents = openDocumentStore(stack.config);
    const physical = await new ReadModels(documents).resolve('stock_levels');
    const id = `${at.sku}@${at.warehouse}`;
    const { _position, ...doc } = (await documents.get(physical, id)) ?? { _id: id };
    // Written without a position, as a stray write would be: the projector's position guard does not stop it.
    await documents.write({ ops: [{ kind: 'put', collection: physical, doc: { ...doc, onHand: 1 } }] });
    await documents.close();

    const report = await get('/integrity').expect(200);
    expect(report.body.ok).toBe(false);
    expect(report.body.disagreements).toEqual([
      expect.objectContaining({
        projection: 'stock',
        collection: 'stock_levels',
        id,
        problem: 'different',
        fields: ['_position', 'onHand'],
      }),
    ]);
  });
});
