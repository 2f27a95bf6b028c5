import { randomUUID } from 'node:crypto';
import {
  comparePositions,
  ConcurrencyError,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '@gx/eventstore/event-store.port';

/** Knobs for adapters whose live delivery is slower than a local file's. */
export interface EventStoreContractOptions {
  /** How long a test waits for an expected delivery before failing (default 5000 ms). */
  waitMs?: number;
}

const meta = (extra: Record<string, unknown> = {}): EventMetadata => ({
  schemaVersion: 1,
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: 'user:contract',
  occurredAt: '2025-03-01T08:00:00.000Z',
  ...extra,
});
const ev = (type: string, data: unknown = {}, extra?: Partial<NewEvent>): NewEvent => ({
  type,
  data,
  metadata: meta(),
  ...extra,
});
/** A run-unique prefix, so that the suite can share a real server with other runs and tests. */
const unique = (): string => `ct${randomUUID().replace(/-/g, '').slice(0, 12)}`;

function expectIncreasing(events: RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) expect(comparePositions(events[i - 1].position, events[i].position)).toBe(-1);
}

/** Drains a subscription in the background, so that tests can wait for deliveries and onCaughtUp. */
class Collector {
  readonly events: RecordedEvent[] = [];
  readonly subscription: Subscription;
  readonly ended: Promise<void>;
  caughtUpCalls = 0;
  /** How many events had been delivered when onCaughtUp was first called. */
  deliveredAtCaughtUp = -1;
  private readonly listeners = new Set<() => void>();

  constructor(
    store: EventStore,
    options: Omit<SubscribeOptions, 'onCaughtUp'>,
    private readonly waitMs: number,
  ) {
    const onCaughtUp = (): void => {
      if (this.caughtUpCalls++ === 0) this.deliveredAtCaughtUp = this.events.length;
      this.notify();
    };
    this.subscription = store.subscribeToAll({ ...options, onCaughtUp });
    this.ended = (async () => {
      for await (const event of this.subscription) {
        this.events.push(event);
        this.notify();
      }
    })();
    // A failed iteration is reported by the next take()/until(); this only keeps it from being "unhandled".
    this.ended.catch(() => undefined);
  }

  /** Resolves with the first `count` events once they were delivered. */
  async take(count: number): Promise<RecordedEvent[]> {
    await this.until(() => this.events.length >= count, `${count} events`);
    return this.events.slice(0, count);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  async until(done: () => boolean, what: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let listener = (): void => undefined;
    try {
      await Promise.race([
        this.ended.then(() => {
          if (!done()) throw new Error(`subscription ended before ${what}`);
        }),
        new Promise<void>((resolve, reject) => {
          listener = () => {
            if (done()) resolve();
          };
          this.listeners.add(listener);
          listener();
          timer = setTimeout(
            () => reject(new Error(`timed out waiting for ${what} (${this.events.length} delivered)`)),
            this.waitMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
      this.listeners.delete(listener);
    }
  }
}

async function expectConflict(
  p: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
) {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConcurrencyError);
  expect(err).toMatchObject({ streamId, expected, actual });
}

/** The behaviour every EventStore adapter must show; run it from each adapter's spec. */
export function eventStoreContract(
  name: string,
  open: () => Promise<EventStore>,
  opts: EventStoreContractOptions = {},
): void {
  const waitMs = opts.waitMs ?? 5000;
  // Longer than a wait, so that a missing delivery fails with the wait's message, not Jest's.
  const testTimeoutMs = waitMs + 5000;

  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const collectors: Collector[] = [];
    const subscribe = (options: Omit<SubscribeOptions, 'onCaughtUp'> = {}): Collector => {
      const collector = new Collector(store, options, waitMs);
      collectors.push(collector);
      return collector;
    };
    /** Subscribe and wait until the catch-up phase is over. */
    const subscribeLive = async (options: Omit<SubscribeOptions, 'onCaughtUp'>): Promise<Collector> => {
      const collector = subscribe(options);
      await collector.until(() => collector.caughtUpCalls > 0, 'onCaughtUp');
      return collector;
    };

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await Promise.all(collectors.splice(0).map((c) => c.subscription.stop()));
      await store.close();
    });

    describe('append and readStream', () => {
      it('reads back what was appended, with ids, metadata and Chinese text intact', async () => {
        const stream = `${unique()}-order-1`;
        const id = randomUUID();
        const data = {
          品名: '大白菜',
          产地: '山东寿光',
          qty: 12.5,
          tags: ['新鲜', 'organic'],
          note: null,
          nested: { ok: true },
        };
        const metadata = meta({ commandId: 'cmd-1', tenant: '供销社' });
        const result = await store.append(
          stream,
          [{ id, type: 'OrderPlaced', data, metadata }, ev('OrderPaid')],
          'no_stream',
        );
        const events = await store.readStream(stream);
        expect(events).toHaveLength(2);
        expect(events[0]).toEqual({
          id,
          streamId: stream,
          revision: 0,
          position: expect.any(String),
          type: 'OrderPlaced',
          data,
          metadata,
        });
        expect(events[1]).toMatchObject({ streamId: stream, revision: 1, type: 'OrderPaid' });
        expect(events[1].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(result).toEqual({ nextRevision: 1, position: events[1].position });
        expectIncreasing(events);
      });

      it('reading a stream that does not exist gives []', async () => {
        expect(await store.readStream(`${unique()}-none`)).toEqual([]);
      });

      it('readStream honours fromRevision (inclusive) and maxCount', async () => {
        const stream = `${unique()}-s`;
        await store.append(
          stream,
          [0, 1, 2, 3, 4].map((n) => ev('Counted', { n })),
          'no_stream',
        );
        const revs = (events: RecordedEvent[]) => events.map((e) => e.revision);
        expect(revs(await store.readStream(stream, { fromRevision: 2 }))).toEqual([2, 3, 4]);
        expect(revs(await store.readStream(stream, { maxCount: 2 }))).toEqual([0, 1]);
        expect(revs(await store.readStream(stream, { fromRevision: 1, maxCount: 3 }))).toEqual([1, 2, 3]);
        expect(await store.readStream(stream, { fromRevision: 5 })).toEqual([]);
      });

      it('appends several events atomically with consecutive revisions', async () => {
        const stream = `${unique()}-batch`;
        await store.append(stream, [ev('A')], 'no_stream');
        const result = await store.append(stream, [ev('B'), ev('C'), ev('D')], 0);
        const events = await store.readStream(stream);
        expect(events.map((e) => [e.revision, e.type])).toEqual([
          [0, 'A'],
          [1, 'B'],
          [2, 'C'],
          [3, 'D'],
        ]);
        expect(result).toEqual({ nextRevision: 3, position: events[3].position });
        expectIncreasing(events);
      });

      it('appending no events returns the current revision, and still checks the expected revision', async () => {
        const stream = `${unique()}-empty`;
        await store.append(stream, [ev('A'), ev('B')], 'no_stream');
        expect((await store.append(stream, [], 1)).nextRevision).toBe(1);
        expect((await store.append(stream, [], 'stream_exists')).nextRevision).toBe(1);
        await expectConflict(store.append(stream, [], 0), stream, 0, 1);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('expected revision', () => {
      it.each<[string, ExpectedRevision]>([
        ['no_stream', 'no_stream'],
        ['any', 'any'],
      ])('%s creates a new stream', async (_label, expected) => {
        const stream = `${unique()}-new`;
        expect((await store.append(stream, [ev('A')], expected)).nextRevision).toBe(0);
      });

      it('stream_exists, any and the exact revision append to an existing stream', async () => {
        const stream = `${unique()}-x`;
        await store.append(stream, [ev('A')], 'no_stream');
        expect((await store.append(stream, [ev('B')], 'stream_exists')).nextRevision).toBe(1);
        expect((await store.append(stream, [ev('C')], 'any')).nextRevision).toBe(2);
        expect((await store.append(stream, [ev('D')], 2)).nextRevision).toBe(3);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
      });

      it('a stale or wrong expectation throws ConcurrencyError and writes nothing', async () => {
        const stream = `${unique()}-c`;
        await store.append(stream, [ev('A'), ev('B')], 'no_stream');
        await expectConflict(store.append(stream, [ev('X'), ev('Y')], 'no_stream'), stream, 'no_stream', 1);
        await expectConflict(store.append(stream, [ev('X'), ev('Y')], 0), stream, 0, 1);
        await expectConflict(store.append(stream, [ev('X')], 5), stream, 5, 1);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('expecting a missing stream to exist throws ConcurrencyError and creates nothing', async () => {
        const stream = `${unique()}-missing`;
        await expectConflict(store.append(stream, [ev('X')], 'stream_exists'), stream, 'stream_exists', 'no_stream');
        await expectConflict(store.append(stream, [ev('X')], 0), stream, 0, 'no_stream');
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('of many writers expecting the same revision exactly one wins', async () => {
        const stream = `${unique()}-race`;
        await store.append(stream, [ev('Opened')], 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, () => store.append(stream, [ev('Bid')], 0)),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('concurrent appends with any all land, each with its own revision', async () => {
        const stream = `${unique()}-any`;
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.append(stream, [ev('Tick', { i })], 'any')),
        );
        expect(results.map((r) => r.nextRevision).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, i) => i),
        );
        const events = await store.readStream(stream);
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i));
        expect(new Set(events.map((e) => (e.data as { i: number }).i)).size).toBe(20);
      });
    });

    describe('readAll', () => {
      it('delivers events of all streams in position order, strictly after the given position', async () => {
        const p = unique();
        const head = await store.headPosition();
        await store.append(`${p}-a`, [ev('A1')], 'no_stream');
        await store.append(`${p}-b`, [ev('B1'), ev('B2')], 'no_stream');
        await store.append(`${p}-a`, [ev('A2')], 0);
        const ours = (await store.readAll({ after: head })).filter((e) => e.streamId.startsWith(p));
        expect(ours.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
        expectIncreasing(ours);
        const rest = await store.readAll({ after: ours[1].position, filter: { streamPrefixes: [p] } });
        expect(rest.map((e) => e.type)).toEqual(['B2', 'A2']);
        expect(comparePositions(await store.headPosition(), ours[3].position)).toBeGreaterThanOrEqual(0);
      });

      it('honours maxCount', async () => {
        const p = unique();
        const head = await store.headPosition();
        await store.append(`${p}-a`, [ev('A'), ev('B'), ev('C')], 'no_stream');
        const page = await store.readAll({ after: head, maxCount: 2, filter: { streamPrefixes: [p] } });
        expect(page.map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('filters by stream prefixes and by event types', async () => {
        const p = unique();
        const head = await store.headPosition();
        await store.append(`${p}-stock-1`, [ev('StockReceived'), ev('StockReserved')], 'no_stream');
        await store.append(`${p}-order-1`, [ev('OrderPlaced')], 'no_stream');
        await store.append(`${p}-lot-1`, [ev('LotOpened'), ev('StockReserved')], 'no_stream');
        const types = (events: RecordedEvent[]) => events.map((e) => `${e.streamId.slice(p.length + 1)}:${e.type}`);
        const byPrefix = await store.readAll({ after: head, filter: { streamPrefixes: [`${p}-stock-`, `${p}-lot-`] } });
        expect(types(byPrefix)).toEqual([
          'stock-1:StockReceived',
          'stock-1:StockReserved',
          'lot-1:LotOpened',
          'lot-1:StockReserved',
        ]);
        const both = await store.readAll({
          after: head,
          filter: { streamPrefixes: [p], eventTypes: ['StockReserved', 'OrderPlaced'] },
        });
        expect(types(both)).toEqual(['stock-1:StockReserved', 'order-1:OrderPlaced', 'lot-1:StockReserved']);
        const typeName = `${p}Only`;
        await store.append(`${unique()}-other`, [ev(typeName)], 'no_stream');
        expect((await store.readAll({ after: head, filter: { eventTypes: [typeName] } })).map((e) => e.type)).toEqual([
          typeName,
        ]);
      });

      it('never delivers system ($-prefixed) streams, which stay readable by name', async () => {
        const p = unique();
        const head = await store.headPosition();
        await store.append(`$${p}-settings`, [ev('SettingsChanged')], 'no_stream');
        await store.append(`${p}-a`, [ev('A')], 'no_stream');
        const all = await store.readAll({ after: head });
        expect(all.filter((e) => e.streamId.startsWith('$'))).toEqual([]);
        expect(all.filter((e) => e.streamId.startsWith(p)).map((e) => e.type)).toEqual(['A']);
        expect(await store.readAll({ after: head, filter: { streamPrefixes: [`$${p}`] } })).toEqual([]);
        expect((await store.readStream(`$${p}-settings`)).map((e) => e.type)).toEqual(['SettingsChanged']);
      });

      it('headPosition is at least the position of the last append, and ping answers', async () => {
        const { position } = await store.append(`${unique()}-h`, [ev('A')], 'no_stream');
        expect(comparePositions(await store.headPosition(), position)).toBeGreaterThanOrEqual(0);
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('subscribeToAll', () => {
      it(
        'catches up, calls onCaughtUp once, then delivers live appends in order',
        async () => {
          const p = unique();
          const head = await store.headPosition();
          await store.append(`${p}-a`, [ev('A1'), ev('A2')], 'no_stream');
          await store.append(`${p}-b`, [ev('B1')], 'no_stream');
          const sub = await subscribeLive({ after: head, filter: { streamPrefixes: [p] } });
          expect(sub.deliveredAtCaughtUp).toBe(3);
          await store.append(`${p}-a`, [ev('A3')], 1);
          await store.append(`${p}-c`, [ev('C1'), ev('C2')], 'no_stream');
          const events = await sub.take(6);
          expect(events.map((e) => e.type)).toEqual(['A1', 'A2', 'B1', 'A3', 'C1', 'C2']);
          expect(events[3]).toMatchObject({ streamId: `${p}-a`, revision: 2 });
          expectIncreasing(events);
          expect(sub.caughtUpCalls).toBe(1);
        },
        testTimeoutMs,
      );

      it(
        'calls onCaughtUp even when there is nothing to catch up on',
        async () => {
          const p = unique();
          const sub = await subscribeLive({ after: await store.headPosition(), filter: { streamPrefixes: [p] } });
          expect(sub.events).toEqual([]);
          await store.append(`${p}-a`, [ev('A')], 'no_stream');
          expect((await sub.take(1))[0]).toMatchObject({ streamId: `${p}-a`, type: 'A', revision: 0 });
        },
        testTimeoutMs,
      );

      it(
        'starts strictly after the given position',
        async () => {
          const p = unique();
          await store.append(`${p}-a`, [ev('A1'), ev('A2'), ev('A3')], 'no_stream');
          const [, second] = await store.readStream(`${p}-a`);
          const sub = subscribe({ after: second.position, filter: { streamPrefixes: [p] } });
          expect((await sub.take(1))[0].type).toBe('A3');
        },
        testTimeoutMs,
      );

      it(
        'delivers the whole log from the start when no position is given',
        async () => {
          const p = unique();
          await store.append(`${p}-a`, [ev('A')], 'no_stream');
          const sub = subscribe({ filter: { streamPrefixes: [p] } });
          expect((await sub.take(1))[0].type).toBe('A');
        },
        testTimeoutMs,
      );

      it(
        'applies the filter to catch-up and live events, and skips system streams',
        async () => {
          const p = unique();
          const head = await store.headPosition();
          await store.append(`${p}-a`, [ev('Wanted', { n: 1 }), ev('Other')], 'no_stream');
          const sub = await subscribeLive({ after: head, filter: { eventTypes: ['Wanted', 'Other'] } });
          const live = await subscribeLive({ after: head, filter: { streamPrefixes: [p], eventTypes: ['Wanted'] } });
          await store.append(`$${p}-sys`, [ev('Wanted', { n: 0 })], 'no_stream');
          await store.append(`${p}-a`, [ev('Other'), ev('Wanted', { n: 2 })], 1);
          const events = await live.take(2);
          expect(events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
          await sub.until(() => sub.events.some((e) => e.revision === 3 && e.streamId === `${p}-a`), 'the last event');
          expect(sub.events.filter((e) => e.streamId.startsWith('$'))).toEqual([]);
        },
        testTimeoutMs,
      );

      it(
        'a long catch-up delivers every event exactly once, in order',
        async () => {
          const p = unique();
          const head = await store.headPosition();
          for (let batch = 0; batch < 5; batch++) {
            await store.append(
              `${p}-bulk`,
              Array.from({ length: 50 }, (_, i) => ev('Counted', { n: batch * 50 + i })),
              'any',
            );
          }
          const events = await subscribe({ after: head, filter: { streamPrefixes: [p] } }).take(250);
          expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 250 }, (_, i) => i));
          expectIncreasing(events);
        },
        testTimeoutMs,
      );

      it(
        'several subscriptions at once each receive every event',
        async () => {
          const p = unique();
          const filter = { streamPrefixes: [p] };
          const head = await store.headPosition();
          const [one, two] = await Promise.all([
            subscribeLive({ after: head, filter }),
            subscribeLive({ after: head, filter }),
          ]);
          await Promise.all([0, 1, 2].map((n) => store.append(`${p}-${n}`, [ev('A'), ev('B')], 'no_stream')));
          const [a, b] = await Promise.all([one.take(6), two.take(6)]);
          expect(b.map((e) => e.id)).toEqual(a.map((e) => e.id));
          expect(new Set(a.map((e) => e.id)).size).toBe(6);
          expectIncreasing(a);
        },
        testTimeoutMs,
      );

      it(
        'stop ends an iteration that is waiting for live events, and nothing is delivered after it',
        async () => {
          const p = unique();
          const sub = await subscribeLive({ after: await store.headPosition(), filter: { streamPrefixes: [p] } });
          await sub.subscription.stop();
          await expect(sub.until(() => false, 'the end')).rejects.toThrow('subscription ended before the end');
          await store.append(`${p}-a`, [ev('A')], 'no_stream');
          expect(sub.events).toEqual([]);
        },
        testTimeoutMs,
      );

      it(
        'leaving a for-await loop early ends the subscription cleanly',
        async () => {
          const p = unique();
          await store.append(`${p}-a`, [ev('A1'), ev('A2'), ev('A3')], 'no_stream');
          const subscription = store.subscribeToAll({ filter: { streamPrefixes: [p] } });
          const seen: string[] = [];
          for await (const event of subscription) {
            seen.push(event.type);
            if (seen.length === 2) break;
          }
          expect(seen).toEqual(['A1', 'A2']);
          await subscription.stop();
        },
        testTimeoutMs,
      );
    });
  });
}
