import type { RecordedEvent } from '@gx/eventstore/event-store.port';
import { ProcessManagerRunner, type ProcessManagerRunnerOptions } from '@gx/readstore/process-managers';
import type { ProcessManager } from '@gx/readstore/projection';
import { SubscriberStatusReader } from '@gx/readstore/subscriber-status';
import {
  append,
  eventually,
  Fixture,
  memoryLogger,
  operator,
  placeOrder,
  refOf,
  type Connection,
} from './projector-fixtures';

describe('ProcessManagerRunner', () => {
  const fixture = new Fixture();
  afterEach(() => fixture.cleanup());

  const runner = (c: Connection, managers: ProcessManager[], options: Partial<ProcessManagerRunnerOptions> = {}) => {
    const started = fixture.track(
      new ProcessManagerRunner({
        events: c.events,
        store: c.store,
        processManagers: managers,
        leaseTtlMs: 300,
        flushMs: 5,
        idleProbeMs: 10,
        retryMs: 10,
        logger: memoryLogger(),
        ...options,
      }),
    );
    started.start();
    return started;
  };
  const recorder = (handled: string[], name = 'fulfilment'): ProcessManager => ({
    name,
    filter: { eventTypes: ['OrderPlaced'] },
    handle: async (event: RecordedEvent) => {
      handled.push((event.data as { orderId: string }).orderId);
    },
  });

  it('hands each event to one process once, in log order, and resumes from its checkpoint after a restart', async () => {
    const dir = fixture.newDir();
    const a = fixture.connect(dir);
    const b = fixture.connect(dir);
    const handled: string[] = [];
    const first = runner(a, [recorder(handled)], { owner: 'a' });
    runner(b, [recorder(handled)], { owner: 'b' });
    for (const id of ['o1', 'o2', 'o3']) await placeOrder(a, id, 'alice', 1);
    const unrelated = await append(a, 'audit-1', 'LoginSucceeded', {});
    await eventually(async () => (await first.status())[0].checkpoint === unrelated);
    expect(handled).toEqual(['o1', 'o2', 'o3']);

    await fixture.shutdown();
    const c = fixture.connect(dir);
    await placeOrder(c, 'o4', 'bob', 1);
    const last = await placeOrder(c, 'o5', 'bob', 1);
    const restarted = runner(c, [recorder(handled)]);
    await eventually(async () => (await restarted.status())[0].checkpoint === last);
    expect(handled).toEqual(['o1', 'o2', 'o3', 'o4', 'o5']);
    expect((await restarted.status())[0]).toMatchObject({
      name: 'fulfilment',
      lag: 0,
      running: true,
      state: 'running',
    });
  });

  it('retries a failing handler without skipping or reordering events', async () => {
    const c = fixture.connect(fixture.newDir());
    const handled: string[] = [];
    let failuresLeft = 2;
    const flaky: ProcessManager = {
      name: 'flaky',
      handle: async (event) => {
        const { orderId } = event.data as { orderId: string };
        if (orderId === 'o2' && failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('payment service unavailable');
        }
        handled.push(orderId);
      },
    };
    const logger = memoryLogger();
    const pm = runner(c, [flaky], { logger, batchSize: 1 });
    await placeOrder(c, 'o1', 'alice', 1);
    await placeOrder(c, 'o2', 'alice', 1);
    const last = await placeOrder(c, 'o3', 'alice', 1);
    await eventually(async () => (await pm.status())[0].checkpoint === last);
    expect(handled).toEqual(['o1', 'o2', 'o3']);
    expect(failuresLeft).toBe(0);
    // The stack of the first failure, then one line per further attempt.
    expect(logger.errors.filter((w) => w.includes('payment service unavailable'))).toHaveLength(1);
    expect(logger.warnings.filter((w) => w.includes('payment service unavailable'))).toHaveLength(1);
    expect((await pm.status())[0].error).toBeUndefined();
  });

  it('reports the event a handler keeps failing on, and skips it once an operator parks it', async () => {
    const c = fixture.connect(fixture.newDir());
    const handled: string[] = [];
    const stubborn: ProcessManager = {
      name: 'stubborn',
      handle: async (event) => {
        const { orderId } = event.data as { orderId: string };
        if (orderId === 'o2') throw new Error('no such warehouse');
        handled.push(orderId);
      },
    };
    const pm = runner(c, [stubborn], { owner: 'worker-a' });
    const reader = new SubscriberStatusReader(c.events, c.store);
    await placeOrder(c, 'o1', 'alice', 1);
    const stuckAt = await placeOrder(c, 'o2', 'alice', 1);
    const last = await placeOrder(c, 'o3', 'alice', 1);
    await eventually(async () => ((await pm.status())[0].failing?.attempts ?? 0) >= 2);

    expect(await reader.processManagers()).toEqual(['stubborn']);
    const seen = await reader.read('process-manager', 'stubborn', await c.events.headPosition());
    expect(seen).toMatchObject({
      state: 'failing',
      owner: 'worker-a',
      failing: { position: stuckAt, type: 'OrderPlaced', streamId: 'order-o2', error: 'no such warehouse' },
    });
    expect(handled).toEqual(['o1']);

    await operator(c, {
      type: 'ParkEvent',
      kind: 'process-manager',
      name: 'stubborn',
      event: refOf(seen.failing as NonNullable<typeof seen.failing>),
      reason: 'warehouse closed',
    });
    await eventually(async () => (await pm.status())[0].checkpoint === last);
    expect(handled).toEqual(['o1', 'o3']);
    const after = await reader.read('process-manager', 'stubborn', await c.events.headPosition());
    expect(after.state).toBe('running');
    expect(after.parked).toEqual([
      expect.objectContaining({ position: stuckAt, reason: 'warehouse closed', parkedBy: 'operator1' }),
    ]);
  });
});
