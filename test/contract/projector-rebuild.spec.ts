import type { EventStore } from '@gx/eventstore/event-store.port';
import { ReadModels } from '@gx/readstore/read-models';
import { eventually, Fixture, ordersProjection, placeOrder, plain, type Connection } from './projector-fixtures';

describe('Projector rebuilds', () => {
  const fixture = new Fixture();
  afterEach(() => fixture.cleanup());

  const snapshot = async (c: Connection) => {
    const reads = new ReadModels(c.store, { cacheMs: 0 });
    return {
      orders: plain(await reads.find('orders', {}, { sort: [['_id', 1]] })),
      totals: plain(await reads.find('customer_totals', {}, { sort: [['_id', 1]] })),
    };
  };

  async function seed(c: Connection, count: number): Promise<string> {
    let position = '0';
    for (let i = 0; i < count; i += 1)
      position = await placeOrder(c, `o${String(i).padStart(4, '0')}`, `customer-${i % 7}`, i % 13);
    return position;
  }

  it('rebuilds into a new generation with identical documents while reads keep working', async () => {
    const c = fixture.connect(fixture.newDir());
    const seeded = await seed(c, 1200);
    // Page reads (not the 1-event probes) wait for the gate while it is closed.
    let gate: Promise<void> | undefined;
    const events: EventStore = {
      append: (...args) => c.events.append(...args),
      readStream: (...args) => c.events.readStream(...args),
      readAll: async (options) => {
        if ((options?.maxCount ?? 2) > 1) await gate;
        return c.events.readAll(options);
      },
      subscribeToAll: (options) => c.events.subscribeToAll(options),
      headPosition: () => c.events.headPosition(),
      ping: () => c.events.ping(),
      close: async () => undefined,
    };
    const projector = fixture.projector({ ...c, events }, [ordersProjection()], { rebuildBatchSize: 100 });
    const reads = new ReadModels(c.store, { cacheMs: 0 });
    expect(await reads.waitFor('orders', seeded, 5000)).toBe(true);
    const before = await snapshot(c);

    let reading = true;
    const seen: number[] = [];
    const reader = (async () => {
      const cached = new ReadModels(c.store);
      while (reading) {
        seen.push(await cached.count('orders'));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    let openGate = (): void => undefined;
    gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const rebuilt = projector.rebuild('orders');
    // The active generation keeps following the log while the rebuild is held at its first page.
    const during = await placeOrder(c, 'o9999', 'customer-0', 100);
    expect(await reads.waitFor('orders', during, 3000)).toBe(true);
    expect((await projector.status())[0].state).toBe('rebuilding');
    openGate();
    await rebuilt;
    reading = false;
    await reader;

    const after = await snapshot(c);
    expect(after.orders).toEqual([
      ...before.orders,
      { _id: 'o9999', customer: 'customer-0', total: 100, status: 'placed' },
    ]);
    expect(after.totals.find((t) => t._id === 'customer-1')).toEqual(before.totals.find((t) => t._id === 'customer-1'));
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(1200);
    expect(seen.length).toBeGreaterThan(1);
    expect(await reads.resolve('orders')).toBe('orders__g2');
    const [status] = await projector.status();
    expect(status).toMatchObject({ generation: 2, state: 'running', lag: 0 });
    // The previous generation stays for readers that resolved it a moment ago.
    expect(await c.store.count('orders__g1')).toBeGreaterThan(0);

    await projector.rebuild('orders');
    expect(await reads.resolve('orders')).toBe('orders__g3');
    expect(await c.store.count('orders__g1')).toBe(0);
    expect(await c.store.count('orders__g2')).toBe(1201);
    expect(await snapshot(c)).toEqual(after);
  });

  it('rebuilds a projection whose version changed when it starts', async () => {
    const dir = fixture.newDir();
    const c = fixture.connect(dir);
    const seeded = await seed(c, 30);
    const v1 = fixture.projector(c, [ordersProjection(1)]);
    const reads = new ReadModels(c.store, { cacheMs: 0 });
    expect(await reads.waitFor('orders', seeded, 3000)).toBe(true);
    const before = await snapshot(c);
    await v1.stop();

    const v2 = fixture.projector(c, [ordersProjection(2)]);
    await eventually(async () => (await v2.status())[0].generation === 2);
    expect(await reads.waitFor('orders', seeded, 3000)).toBe(true);
    const after = await snapshot(c);
    expect(after.totals).toEqual(before.totals);
    expect(after.orders).toEqual(before.orders.map((o) => ({ ...o, large: false })));
    expect(await c.store.getCheckpoint('projection:orders:v2')).toBe(seeded);
    expect((await v2.status())[0]).toMatchObject({ version: 2, checkpoint: seeded, lag: 0 });
  });

  it('refuses to rebuild where the projection does not run', async () => {
    const dir = fixture.newDir();
    const holder = fixture.projector(fixture.connect(dir), [ordersProjection()], { owner: 'holder' });
    await eventually(async () => (await holder.status())[0].running);
    const standby = fixture.projector(fixture.connect(dir), [ordersProjection()], { owner: 'standby' });
    await expect(standby.rebuild('orders')).rejects.toThrow('does not run in this process');
    await expect(holder.rebuild('nope')).rejects.toThrow('unknown projection');
  });
});
