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
      quantity,
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
    const sent = await post('/transfers', { sku: tomato.sku, from: tomato.warehouse, to: 'LC-TS-SX-ZZ', quantity: 4_000 }).expect(201);
    expect(sent.body.picks).toEqual([{ batchId: batch, quantity: 4_000 }]);
    const source = await level(tomato.sku, tomato.warehouse, sent.body.position);
    expect(source.onHand).toBe(before.onHand - 4_000);
    const inTransit = await get(`/transfers/${sent.body.transferId}?after=${sent.body.position}`).expect(200);
    expect(inTransit.body).toMatchObject({ status: 'in_transit', from: tomato.warehouse, to: 'LC-TS-SX-ZZ', quantity: 4_000 });

    const received = await post(`/transfers/${sent.body.transferId}/receive`, { received: [{ batchId: batch, quantity: 3_900 }] }).expect(200);
    expect(received.body.lost).toEqual([{ batchId: batch, quantity: 100 }]);
    const dest = await level(tomato.sku, 'LC-TS-SX-ZZ', received.body.position);
    expect(dest.batches).toEqual([expect.objectContaining({ batchId: batch, onHand: 3_900, producer: 'COOP-SX-VEG' })]);
    const again = await post(`/transfers/${sent.body.transferId}/receive`, {}).expect(409);
    expect(again.body.code).toBe('ALREADY_DECIDED');

    const trace = await get(`/batches/${batch}/trace?after=${received.body.position}`).expect(200);
    expect(trace.body.origin).toEqual({ village: '莘县张鲁回族镇刘庄村', plot: 'G-7' });
    expect(trace.body.movements.map((m: { type: string; warehouse: string; quantity: number }) => [m.type, m.warehouse, m.quantity])).toEqual([
      ['StockReceived', tomato.warehouse, 10_000],
      ['StockTransferredOut', tomato.warehouse, -4_000],
      ['StockTransferredIn', 'LC-TS-SX-ZZ', 3_900],
    ]);
  });

  it('refuses a transfer to the same warehouse (400) and one larger than what is available (409)', async () => {
    const same = await post('/transfers', { sku: at.sku, from: at.warehouse, to: at.warehouse, quantity: 1 }).expect(400);
    expect(same.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    const tooMuch = await post('/transfers', { sku: at.sku, from: at.warehouse, to: 'LC-HUB-DCF', quantity: 999_999_999 }).expect(409);
    expect(tooMuch.body.code).toBe('INSUFFICIENT_STOCK');
  });

  it('writes off spoilage with its value at cost, and never below what holders were promised', async () => {
    const batch = (await receive(1_000)).body.batchId as string;
    const off = await post('/write-offs', { ...at, batchId: batch, quantity: 500, reason: 'spoilage', note: '冷链中断' }).expect(201);
    expect(off.body.value).toBe(200);
    const bad = await post('/write-offs', { ...at, batchId: batch, quantity: 1, reason: 'stolen' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const tooMuch = await post('/write-offs', { ...at, batchId: batch, quantity: 501, reason: 'damage' }).expect(409);
    expect(tooMuch.body.code).toBe('INSUFFICIENT_STOCK');
  });

  it('keeps uninspected stock unsellable until an operator clears it', async () => {
    const sku = 'SKU-LINGZHI-GX';
    const warehouse = 'LC-HUB-CP';
    const batch = (await post('/receipts', { sku, warehouse, producer: 'COOP-GX-PEAR', quantity: 500, origin: { village: '冠县' }, harvestDate: day(-30), grade: '特级', inspection: { result: 'missing' } }).expect(201)).body.batchId;
    const held = await post('/reservations', { sku, warehouse, holder: 'PHONE-1', holderKind: 'order', quantity: 1 }).expect(409);
    expect(held.body.code).toBe('INSUFFICIENT_STOCK');
    const cleared = await post(`/batches/${batch}/inspection`, { sku, warehouse, inspection: { result: 'pass', testId: 'NC-RETEST-1' } }).expect(200);
    const lvl = await level(sku, warehouse, cleared.body.position);
    expect(lvl).toMatchObject({ onHand: 500, available: 500, unsellable: 0 });
    await post('/reservations', { sku, warehouse, holder: 'PHONE-1', holderKind: 'order', quantity: 100 }).expect(201);
  });

  it('reserves, allocates FEFO, issues, and reports stuck holds and expiring batches', async () => {
    const soon = (await receive(300, { harvestDate: day(-8), expiryDate: day(0) })).body.batchId as string;
    const reserved = await post('/reservations', { ...at, holder: 'PHONE-ORDER-7', holderKind: 'order', quantity: 200 }).expect(201);
    const stuck = await get(`/reports/stuck-reservations?hours=0&after=${reserved.body.position}`).expect(200);
    expect(stuck.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ holder: 'PHONE-ORDER-7', quantity: 200, sku: at.sku })]));
    const allocated = await post('/reservations/allocate', { ...at, holder: 'PHONE-ORDER-7' }).expect(200);
    expect(allocated.body.picks[0].batchId).toBe(soon);
    const issued = await post('/reservations/issue', { ...at, holder: 'PHONE-ORDER-7', reason: 'picked up' }).expect(200);
    const none = await get(`/reports/stuck-reservations?hours=0&after=${issued.body.position}`).expect(200);
    expect(none.body.items.find((r: { holder: string }) => r.holder === 'PHONE-ORDER-7')).toBeUndefined();
    const expiring = await get(`/reports/expiring?days=3&warehouse=${at.warehouse}`).expect(200);
    expect(expiring.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ batchId: soon, onHand: 100 })]));
    await get('/reports/expiring?days=soon').expect(400);
  });

  it('answers what was held at a past moment, from the log', async () => {
    const first = await receive(111);
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await receive(222);
    const then = await get(`/stock/history?sku=${at.sku}&warehouse=${at.warehouse}&asOf=${between}`).expect(200);
    const now = await get(`/stock/history?sku=${at.sku}&warehouse=${at.warehouse}`).expect(200);
    expect(now.body.position.onHand - then.body.position.onHand).toBe(222);
    expect(then.body.entries.at(-1)).toMatchObject({ type: 'StockReceived', onHandDelta: 111, actor: 'operator1', position: first.body.position });
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
      expect.objectContaining({ projection: 'stock', collection: 'stock_levels', id, problem: 'different', fields: ['_position', 'onHand'] }),
    ]);
  });
});
