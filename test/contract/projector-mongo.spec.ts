import { foldBatch } from '@gx/readstore/projector/fold-batch';
import { ReadModels } from '@gx/readstore/read-models';
import { mongoTarget } from './mongo-target';
import {
  append,
  eventually,
  Fixture,
  leaseRenewals,
  ordersProjection,
  placeOrder,
  plain,
  type Connection,
} from './projector-fixtures';

/**
 * The projector on the MongoDB adapter (the real server at MONGODB_URI, else the wire double; the
 * deadline scheduler's MongoDB runs are in deadline-scheduler.spec.ts): the same behaviour the
 * SQLite specs pin, now without transactions, where only the position guard makes a replayed batch
 * harmless. Each data directory gets a database named after it, and every
 * connection to it is a client of its own, as separate worker processes would have.
 */
const mongo = mongoTarget();

describe(`Projector on MongoDB (${mongo.label})`, () => {
  const fixture = new Fixture(mongo.open);
  beforeAll(() => mongo.start());
  afterEach(() => fixture.cleanup());
  afterAll(() => mongo.stop());

  const snapshot = async (c: Connection) => {
    const reads = new ReadModels(c.store, { cacheMs: 0 });
    return {
      orders: plain(await reads.find('orders', {}, { sort: [['_id', 1]] })),
      totals: plain(await reads.find('customer_totals', {}, { sort: [['_id', 1]] })),
    };
  };

  it('catches up with the log, then follows new events live', async () => {
    const c = fixture.connect(fixture.newDir());
    await placeOrder(c, 'o1', 'alice', 30);
    await placeOrder(c, 'o2', 'bob', 50);
    const paid = await append(c, 'order-o1', 'OrderPaid', { orderId: 'o1' });
    const projector = fixture.projector(c, [ordersProjection()]);
    const reads = new ReadModels(c.store);
    expect(await reads.waitFor('orders', paid, 3000)).toBe(true);
    expect(plain(await reads.find('orders', {}, { sort: [['_id', 1]] }))).toEqual([
      { _id: 'o1', customer: 'alice', total: 30, status: 'paid' },
      { _id: 'o2', customer: 'bob', total: 50, status: 'placed' },
    ]);

    await placeOrder(c, 'o3', 'alice', 20);
    const cancelled = await append(c, 'order-o2', 'OrderCancelled', { orderId: 'o2' });
    expect(await reads.waitFor('orders', cancelled, 3000)).toBe(true);
    expect(await reads.get('orders', 'o2')).toBeNull();
    expect((await snapshot(c)).totals).toEqual([
      { _id: 'alice', orders: 2, spent: 50 },
      { _id: 'bob', orders: 1, spent: 50 },
    ]);
    expect((await projector.status())[0]).toMatchObject({
      checkpoint: cancelled,
      head: cancelled,
      lag: 0,
      running: true,
    });
  });

  it('changes nothing when events it already applied are delivered again', async () => {
    const c = fixture.connect(fixture.newDir());
    const first = await placeOrder(c, 'o1', 'alice', 10);
    await placeOrder(c, 'o2', 'alice', 20);
    await append(c, 'order-o1', 'OrderPaid', { orderId: 'o1' });
    const last = await placeOrder(c, 'o3', 'bob', 5);
    const projector = fixture.projector(c, [ordersProjection()]);
    expect(await new ReadModels(c.store).waitFor('orders', last, 3000)).toBe(true);
    const before = await snapshot(c);
    await projector.stop();

    // As after a crash between the bulk writes and the checkpoint: the checkpoint is behind the documents.
    await c.store.write({ ops: [], checkpoint: { name: 'projection:orders:v1', position: first } });
    fixture.projector(c, [ordersProjection()], { batchSize: 2 });
    await eventually(async () => (await c.store.getCheckpoint('projection:orders:v1')) === last);
    expect(await snapshot(c)).toEqual(before);
  });

  it('ignores a late batch from a worker that folded old events, as after losing its lease', async () => {
    const dir = fixture.newDir();
    const c = fixture.connect(dir);
    await placeOrder(c, 'o1', 'alice', 10);
    await append(c, 'order-o1', 'OrderPaid', { orderId: 'o1' });
    const last = await placeOrder(c, 'o2', 'alice', 20);
    fixture.projector(c, [ordersProjection()]);
    expect(await new ReadModels(c.store).waitFor('orders', last, 3000)).toBe(true);
    const before = await snapshot(c);

    // The stale worker saw empty read models and only the first event; its writes arrive now.
    const stale = fixture.connect(fixture.newDir());
    const [placed] = await c.events.readAll({ maxCount: 1 });
    const targets = ordersProjection().readModels.map((model) => ({ model, physical: `${model.collection}__g1` }));
    const ops = await foldBatch(stale.store, 'orders', targets, [placed]);
    expect(ops.map((op) => op.kind)).toEqual(['put', 'put']);
    await c.store.write({ ops });
    expect(await snapshot(c)).toEqual(before);
  });

  it('resumes from its checkpoint in another process without applying anything twice', async () => {
    const dir = fixture.newDir();
    const first = fixture.connect(dir);
    await placeOrder(first, 'o1', 'alice', 10);
    const p1 = await placeOrder(first, 'o2', 'alice', 20);
    const projector = fixture.projector(first, [ordersProjection()]);
    expect(await new ReadModels(first.store).waitFor('orders', p1, 3000)).toBe(true);
    await projector.stop();
    await placeOrder(first, 'o3', 'alice', 5);

    const second = fixture.connect(dir);
    const p2 = await placeOrder(second, 'o4', 'bob', 1);
    fixture.projector(second, [ordersProjection()]);
    expect(await new ReadModels(second.store).waitFor('orders', p2, 3000)).toBe(true);
    expect((await snapshot(second)).totals).toEqual([
      { _id: 'alice', orders: 3, spent: 35 },
      { _id: 'bob', orders: 1, spent: 1 },
    ]);
  });

  it('rebuilds into new generations with identical documents', async () => {
    const c = fixture.connect(fixture.newDir());
    let seeded = '0';
    for (let i = 0; i < 240; i += 1)
      seeded = await placeOrder(c, `o${String(i).padStart(3, '0')}`, `customer-${i % 7}`, i % 13);
    const projector = fixture.projector(c, [ordersProjection()], { rebuildBatchSize: 50 });
    const reads = new ReadModels(c.store, { cacheMs: 0 });
    expect(await reads.waitFor('orders', seeded, 5000)).toBe(true);
    const before = await snapshot(c);

    await projector.rebuild('orders');
    expect(await reads.resolve('orders')).toBe('orders__g2');
    expect(await snapshot(c)).toEqual(before);
    expect(await c.store.count('orders__g1')).toBe(240);

    const during = await placeOrder(c, 'o999', 'customer-0', 100);
    expect(await reads.waitFor('orders', during, 3000)).toBe(true);
    await projector.rebuild('orders');
    expect(await reads.resolve('orders')).toBe('orders__g3');
    expect(await c.store.count('orders__g1')).toBe(0);
    expect((await snapshot(c)).orders).toEqual([
      ...before.orders,
      { _id: 'o999', customer: 'customer-0', total: 100, status: 'placed' },
    ]);
    expect((await projector.status())[0]).toMatchObject({ generation: 3, state: 'running', lag: 0 });
  });

  it('runs a projection in one process only, and another takes over once it stops', async () => {
    const dir = fixture.newDir();
    const a = fixture.connect(dir);
    const b = fixture.connect(dir);
    const first = fixture.projector(a, [ordersProjection()], { owner: 'worker-a' });
    await eventually(async () => (await first.status())[0].running);
    const second = fixture.projector(b, [ordersProjection()], { owner: 'worker-b' });
    const p1 = await placeOrder(b, 'o1', 'alice', 1);
    expect(await new ReadModels(b.store).waitFor('orders', p1, 3000)).toBe(true);
    await leaseRenewals(a.store, 'orders', 3);
    expect((await second.status())[0]).toMatchObject({ running: false, state: 'standby' });

    await first.stop();
    await eventually(async () => (await second.status())[0].running, 2000);
    const p2 = await placeOrder(a, 'o2', 'alice', 2);
    expect(await new ReadModels(a.store).waitFor('orders', p2, 3000)).toBe(true);
    expect((await snapshot(a)).totals).toEqual([{ _id: 'alice', orders: 2, spent: 3 }]);
  });
});
