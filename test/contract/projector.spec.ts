import { ReadModels } from '@gx/readstore/read-models';
import {
  append,
  eventually,
  Fixture,
  memoryLogger,
  ordersProjection,
  placeOrder,
  plain,
  type Connection,
} from './projector-fixtures';

describe('Projector', () => {
  const fixture = new Fixture();
  afterEach(() => fixture.cleanup());

  const totals = async (c: Connection) =>
    plain(await new ReadModels(c.store).find('customer_totals', {}, { sort: [['_id', 1]] }));

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
    expect((await reads.find('orders', { customer: 'alice' })).map((d) => d._id).sort()).toEqual(['o1', 'o3']);
    expect(await reads.get('orders', 'o2')).toBeNull();
    expect(await totals(c)).toEqual([
      { _id: 'alice', orders: 2, spent: 50 },
      { _id: 'bob', orders: 1, spent: 50 },
    ]);
    const [status] = await projector.status();
    expect(status).toMatchObject({
      name: 'orders',
      version: 1,
      generation: 1,
      checkpoint: cancelled,
      head: cancelled,
      lag: 0,
      running: true,
    });
    expect(status.owner).toBe(projector.owner);
  });

  it('changes nothing when events it already applied are delivered again', async () => {
    const dir = fixture.newDir();
    const c = fixture.connect(dir);
    const first = await placeOrder(c, 'o1', 'alice', 10);
    await placeOrder(c, 'o2', 'alice', 20);
    await append(c, 'order-o1', 'OrderPaid', { orderId: 'o1' });
    const last = await placeOrder(c, 'o3', 'bob', 5);
    const projector = fixture.projector(c, [ordersProjection()]);
    const reads = new ReadModels(c.store);
    expect(await reads.waitFor('orders', last, 3000)).toBe(true);
    const before = { orders: await reads.find('orders', {}, { sort: [['_id', 1]] }), totals: await totals(c) };
    await projector.stop();

    // As after a crash between writing documents and the checkpoint: the checkpoint is behind them.
    await c.store.write({ ops: [], checkpoint: { name: 'projection:orders:v1', position: first } });
    fixture.projector(c, [ordersProjection()], { batchSize: 2 });
    await eventually(async () => (await c.store.getCheckpoint('projection:orders:v1')) === last);
    expect({ orders: await reads.find('orders', {}, { sort: [['_id', 1]] }), totals: await totals(c) }).toEqual(before);
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
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
    const restarted = fixture.projector(second, [ordersProjection()]);
    expect(await new ReadModels(second.store).waitFor('orders', p2, 3000)).toBe(true);
    expect(await totals(second)).toEqual([
      { _id: 'alice', orders: 3, spent: 35 },
      { _id: 'bob', orders: 1, spent: 1 },
    ]);
    expect((await restarted.status())[0].generation).toBe(1);
  });

  it('lets a reader in another process wait past events the projection filters out', async () => {
    const dir = fixture.newDir();
    const worker = fixture.connect(dir);
    const app = fixture.connect(dir);
    fixture.projector(worker, [ordersProjection()]);
    const reads = new ReadModels(app.store);
    const placed = await placeOrder(app, 'o1', 'alice', 10);
    expect(await reads.waitFor('orders', placed, 3000)).toBe(true);

    let unrelated = '';
    for (let i = 0; i < 5; i += 1) unrelated = await append(app, `audit-${i}`, 'LoginSucceeded', { user: 'u' });
    const started = Date.now();
    expect(await reads.waitFor(['orders'], unrelated, 3000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await reads.waitFor('orders', (BigInt(unrelated) + 10n).toString(), 50)).toBe(false);
    expect(await reads.waitFor('nonexistent', placed, 20)).toBe(false);
  });

  it('holds up only a projection whose code throws, retrying the event with its checkpoint just before it', async () => {
    const c = fixture.connect(fixture.newDir());
    const logger = memoryLogger();
    const other = {
      ...ordersProjection(),
      name: 'orders-copy',
      readModels: [{ ...ordersProjection().readModels[1], collection: 'totals_copy' }],
    };
    const projector = fixture.projector(c, [ordersProjection(), other], { logger });
    const good = await placeOrder(c, 'o1', 'alice', 10);
    const reads = new ReadModels(c.store);
    expect(await reads.waitFor('orders', good, 3000)).toBe(true);

    const poison = await placeOrder(c, 'poison', 'mallory', 1);
    const after = await placeOrder(c, 'o2', 'bob', 2);
    await eventually(async () => ((await projector.status())[0].failing?.attempts ?? 0) >= 2);
    expect(await reads.waitFor('orders-copy', after, 3000)).toBe(true);

    const [failing, healthy] = await projector.status();
    expect(failing).toMatchObject({
      name: 'orders',
      state: 'failing',
      running: true,
      checkpoint: good,
      failing: { position: poison, type: 'OrderPlaced' },
    });
    expect(failing.failing?.error).toContain('cannot project the poison order');
    expect(failing.lag).toBeGreaterThan(0);
    expect(healthy).toMatchObject({ name: 'orders-copy', state: 'running', lag: 0 });
    expect(logger.errors.join('\n')).toContain('cannot project the poison order');
    expect(await reads.get('orders', 'o2')).toBeNull();
  });
});
