import type { RecordedEvent } from '@gx/eventstore/event-store.port';
import type { Projection } from '@gx/readstore/projection';
import { ReadModels } from '@gx/readstore/read-models';
import { SubscriberStatusReader } from '@gx/readstore/subscriber-status';
import {
  append,
  eventually,
  Fixture,
  memoryLogger,
  operator,
  ordersProjection,
  placeOrder,
  refOf,
  type Connection,
} from './projector-fixtures';

describe('Projector: an event that keeps failing', () => {
  const fixture = new Fixture();
  afterEach(() => fixture.cleanup());

  const overview = (c: Connection, name = 'orders') =>
    c.events
      .headPosition()
      .then((head) => new SubscriberStatusReader(c.events, c.store).read('projection', name, head));

  it('is retried with backoff, named with its event and error in the store, and skipped once an operator parks it', async () => {
    const c = fixture.connect(fixture.newDir());
    const logger = memoryLogger();
    const projector = fixture.projector(c, [ordersProjection()], { logger, retryMs: 20 });
    const good = await placeOrder(c, 'o1', 'alice', 10);
    expect(await new ReadModels(c.store).waitFor('orders', good, 3000)).toBe(true);
    const poison = await placeOrder(c, 'poison', 'mallory', 1);
    const after = await placeOrder(c, 'o2', 'bob', 2);

    await eventually(async () => ((await overview(c)).failing?.attempts ?? 0) >= 3);
    const stuck = await overview(c);
    expect(stuck).toMatchObject({ state: 'failing', running: true, owner: projector.owner, checkpoint: good });
    expect(stuck.failing).toMatchObject({
      position: poison,
      type: 'OrderPlaced',
      streamId: 'order-poison',
      revision: 0,
    });
    expect(stuck.failing?.error).toContain('cannot project the poison order');
    expect((await projector.status())[0]).toMatchObject({ state: 'failing', failing: { position: poison } });
    // One stack for the first failure; later attempts are one line each.
    expect(logger.errors).toHaveLength(1);

    const failing = stuck.failing as NonNullable<typeof stuck.failing>;
    await operator(c, {
      type: 'ParkEvent',
      kind: 'projection',
      name: 'orders',
      event: refOf(failing),
      reason: 'test data, entered by mistake',
    });
    expect(await new ReadModels(c.store).waitFor('orders', after, 3000)).toBe(true);
    await eventually(async () => (await overview(c)).state === 'running');
    const healed = await overview(c);
    expect(healed.failing).toBeUndefined();
    expect(healed.parked).toEqual([
      expect.objectContaining({
        position: poison,
        type: 'OrderPlaced',
        streamId: 'order-poison',
        reason: 'test data, entered by mistake',
        parkedBy: 'operator1',
      }),
    ]);
    const reads = new ReadModels(c.store);
    expect(await reads.get('orders', 'poison')).toBeNull();
    expect(await reads.get('orders', 'o2')).toMatchObject({ customer: 'bob' });
    // The park's own audit event lies beyond the projection's filter: the checkpoint still passes it.
    await eventually(async () => (await projector.status())[0].lag === 0);
  });

  /** A projection whose evolve throws on `OrderPlaced` of `fragile` while `broken.now` is true. */
  const fragile = (broken: { now: boolean }): Projection => {
    const base = ordersProjection();
    const [orders, totals] = base.readModels;
    return {
      ...base,
      readModels: [
        {
          ...orders,
          evolve: (doc, event: RecordedEvent, id) => {
            if (broken.now && id === 'fragile') throw new Error('price service unreachable');
            return orders.evolve(doc, event, id);
          },
        },
        totals,
      ],
    };
  };

  it('heals by itself once the cause clears', async () => {
    const c = fixture.connect(fixture.newDir());
    const broken = { now: true };
    fixture.projector(c, [fragile(broken)], { retryMs: 20 });
    const position = await placeOrder(c, 'fragile', 'alice', 3);
    await eventually(async () => ((await overview(c)).failing?.attempts ?? 0) >= 2);
    broken.now = false;
    expect(await new ReadModels(c.store).waitFor('orders', position, 3000)).toBe(true);
    await eventually(async () => (await overview(c)).state === 'running');
    expect((await overview(c)).parked).toEqual([]);
  });

  it('retries at once when an operator asks, long before its backoff is over', async () => {
    const c = fixture.connect(fixture.newDir());
    const broken = { now: true };
    fixture.projector(c, [fragile(broken)], { retryMs: 60_000 });
    const position = await placeOrder(c, 'fragile', 'alice', 3);
    await eventually(async () => (await overview(c)).state === 'failing');
    broken.now = false;
    const failing = (await overview(c)).failing as NonNullable<Awaited<ReturnType<typeof overview>>['failing']>;
    expect(Date.parse(failing.nextAttemptAt) - Date.now()).toBeGreaterThan(25_000);
    await operator(c, { type: 'RequestRetry', kind: 'projection', name: 'orders', event: refOf(failing) });
    expect(await new ReadModels(c.store).waitFor('orders', position, 3000)).toBe(true);
    expect(await new ReadModels(c.store).get('orders', 'fragile')).toMatchObject({ customer: 'alice' });
  });

  it('pins a batch the store refuses on the one event that breaks a unique index, and retries it once the conflict is gone', async () => {
    const c = fixture.connect(fixture.newDir());
    const base = ordersProjection();
    const unique: Projection = {
      ...base,
      readModels: [{ ...base.readModels[0], indexes: [{ fields: [['customer', 1]], unique: true }] }],
    };
    const projector = fixture.projector(c, [unique], { retryMs: 20, batchSize: 50, flushMs: 30 });
    const first = await placeOrder(c, 'o1', 'alice', 1);
    expect(await new ReadModels(c.store).waitFor('orders', first, 3000)).toBe(true);
    await projector.stop();
    await placeOrder(c, 'o2', 'bob', 1);
    const clash = await placeOrder(c, 'o3', 'alice', 1);
    const last = await placeOrder(c, 'o4', 'carol', 1);
    fixture.projector(c, [unique], { retryMs: 20, batchSize: 50, flushMs: 30 });

    await eventually(async () => (await overview(c)).state === 'failing');
    const stuck = await overview(c);
    expect(stuck.failing).toMatchObject({ position: clash, streamId: 'order-o3' });
    expect(stuck.failing?.error).toMatch(/duplicate key/i);
    expect(await new ReadModels(c.store).get('orders', 'o2')).toMatchObject({ customer: 'bob' });

    // The cause goes away (here: the conflicting document is removed), and the next attempt passes.
    await c.store.write({ ops: [{ kind: 'delete', collection: 'orders__g1', id: 'o1' }] });
    expect(await new ReadModels(c.store).waitFor('orders', last, 5000)).toBe(true);
    await eventually(async () => (await overview(c)).state === 'running');
  });

  it('is skipped when the first build meets it after it was parked', async () => {
    const c = fixture.connect(fixture.newDir());
    await placeOrder(c, 'o1', 'alice', 1);
    const poison = await placeOrder(c, 'poison', 'mallory', 1);
    const last = await placeOrder(c, 'o2', 'bob', 2);
    const projector = fixture.projector(c, [ordersProjection()], { retryMs: 20 });
    await eventually(async () => (await overview(c)).state === 'failing');
    expect((await overview(c)).failing).toMatchObject({ position: poison });
    const failing = (await projector.status())[0].failing as NonNullable<
      Awaited<ReturnType<typeof overview>>['failing']
    >;
    await operator(c, {
      type: 'ParkEvent',
      kind: 'projection',
      name: 'orders',
      event: refOf(failing),
      reason: 'bad import',
    });
    expect(await new ReadModels(c.store).waitFor('orders', last, 3000)).toBe(true);
    expect(await new ReadModels(c.store).get('orders', 'poison')).toBeNull();
  });

  it('shows running with its owner and lag 0 while a worker runs it, and stopped once none does', async () => {
    const c = fixture.connect(fixture.newDir());
    const projector = fixture.projector(c, [ordersProjection()]);
    const last = await append(c, 'order-o1', 'OrderPlaced', { orderId: 'o1', customer: 'alice', total: 1 });
    await eventually(async () => {
      const o = await overview(c);
      return o.state === 'running' && o.checkpoint === last;
    });
    expect(await overview(c)).toMatchObject({
      state: 'running',
      running: true,
      owner: projector.owner,
      lag: 0,
      generation: 1,
    });
    await projector.stop();
    const stopped = await overview(c);
    expect(stopped).toMatchObject({ state: 'stopped', running: false, checkpoint: last, lag: 0 });
    expect(stopped.owner).toBeUndefined();
  });
});
