import {
  ConcurrencyError,
  type EventMetadata,
  type NewEvent,
  type RecordedEvent,
} from '@gx/eventstore/event-store.port';
import { EsdbEventStore } from '@gx/eventstore/esdb/esdb-event-store';
import { startEsdbFake, type EsdbFake, type EsdbFakeOptions } from '@gx/testing/esdb-fake/esdb-fake';
import { eventStoreContract } from './event-store.contract';

describe('EventStoreDB adapter on the in-process fake (BatchAppend, as real nodes offer)', () => {
  let fake: EsdbFake;
  beforeAll(async () => {
    fake = await startEsdbFake();
  });
  afterAll(() => fake.stop());
  eventStoreContract('esdb (fake)', async () => new EsdbEventStore(fake.url));
});

describe('EventStoreDB adapter on the in-process fake (a node without BatchAppend)', () => {
  let fake: EsdbFake;
  beforeAll(async () => {
    fake = await startEsdbFake({ batchAppend: false });
  });
  afterAll(() => fake.stop());
  eventStoreContract('esdb (fake, Append path)', async () => new EsdbEventStore(fake.url));
});

const realUrl = process.env.EVENTSTORE_URL;
if (realUrl === undefined) {
  // Said once per run, so that a green run cannot be mistaken for one against a real node.
  console.info(
    'EventStore contract on a real EventStoreDB node skipped: EVENTSTORE_URL is not set (e.g. esdb://localhost:2113?tls=false).',
  );
}
const onRealNode = realUrl === undefined ? describe.skip : describe;
onRealNode(
  realUrl === undefined
    ? 'EventStoreDB adapter on a real node: skipped because EVENTSTORE_URL is not set'
    : 'EventStoreDB adapter on the real node at EVENTSTORE_URL',
  () => {
    eventStoreContract('esdb (real node)', async () => new EsdbEventStore(realUrl ?? ''), { waitMs: 10_000 });
  },
);

const metadata: EventMetadata = {
  schemaVersion: 1,
  correlationId: 'c-1',
  causationId: 'c-1',
  actor: 'user:test',
  occurredAt: '2025-03-01T08:00:00.000Z',
};
const ev = (type: string, data: unknown = {}): NewEvent => ({ type, data, metadata });

describe('EsdbEventStore', () => {
  const fakes: EsdbFake[] = [];
  const stores: EsdbEventStore[] = [];
  const open = async (options: EsdbFakeOptions = {}): Promise<{ fake: EsdbFake; store: EsdbEventStore }> => {
    const fake = await startEsdbFake(options);
    fakes.push(fake);
    const store = new EsdbEventStore(fake.url);
    stores.push(store);
    return { fake, store };
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await Promise.all(fakes.splice(0).map((fake) => fake.stop()));
  });

  it('appends through BatchAppend when the node offers it', async () => {
    const { fake, store } = await open();
    await store.append('order-1', [ev('OrderPlaced')], 'no_stream');
    await expect(store.append('order-1', [ev('OrderPlaced')], 'no_stream')).rejects.toBeInstanceOf(ConcurrencyError);
    expect(fake.calls()).toMatchObject({ batchAppend: 1 });
    expect(fake.calls().append).toBeUndefined();
  });

  it('keeps positions beyond 2^53 exact in appends, reads and subscriptions', async () => {
    const { store } = await open({ firstPosition: 2n ** 60n + 3n });
    const { position } = await store.append('order-1', [ev('A'), ev('B')], 'no_stream');
    expect(BigInt(position)).toBeGreaterThan(2n ** 60n);
    const [a, b] = await store.readStream('order-1');
    expect(b?.position).toBe(position);
    expect((await store.readAll({ after: a?.position })).map((e) => e.position)).toEqual([position]);
    const subscription = store.subscribeToAll({ after: a?.position });
    for await (const event of subscription) {
      expect(event.position).toBe(position);
      break;
    }
  });

  it('never delivers events of $-prefixed types, even from user streams (a tombstone is $streamDeleted)', async () => {
    const { store } = await open();
    const head = await store.headPosition();
    await store.append('order-1', [ev('$streamDeleted'), ev('OrderPlaced')], 'no_stream');
    expect((await store.readAll({ after: head })).map((e) => e.type)).toEqual(['OrderPlaced']);
    expect(
      (await store.readAll({ after: head, filter: { eventTypes: ['$streamDeleted', 'OrderPlaced'] } })).map(
        (e) => e.type,
      ),
    ).toEqual(['OrderPlaced']);
  });

  it('matches event types exactly, even when they contain regex characters', async () => {
    const { store } = await open();
    const head = await store.headPosition();
    await store.append('order-1', [ev('Order.Placed'), ev('OrderXPlaced'), ev('Order.Placed.V2')], 'no_stream');
    expect((await store.readAll({ after: head, filter: { eventTypes: ['Order.Placed'] } })).map((e) => e.type)).toEqual(
      ['Order.Placed'],
    );
  });

  it('reads past a long run of filtered-out events (checkpoints only, no matches)', async () => {
    const { store } = await open();
    const head = await store.headPosition();
    await store.append(
      'noise-1',
      Array.from({ length: 300 }, (_, i) => ev('Noise', { i })),
      'no_stream',
    );
    await store.append('order-1', [ev('OrderPlaced')], 'no_stream');
    expect(
      (await store.readAll({ after: head, filter: { streamPrefixes: ['order-'] } })).map((e) => e.streamId),
    ).toEqual(['order-1']);
  });

  it('a slow consumer of a long catch-up gets every event once, in order', async () => {
    const { store } = await open();
    const head = await store.headPosition();
    const text = '白菜'.repeat(100);
    for (let batch = 0; batch < 6; batch++) {
      await store.append(
        'bulk-1',
        Array.from({ length: 500 }, (_, i) => ev('Counted', { n: batch * 500 + i, text })),
        'any',
      );
    }
    const seen: number[] = [];
    const subscription = store.subscribeToAll({ after: head });
    for await (const event of subscription) {
      seen.push((event.data as { n: number }).n);
      // A pause long enough for the client to receive more than the adapter buffers.
      if (seen.length % 1000 === 0) await new Promise((resolve) => setTimeout(resolve, 150));
      if (seen.length === 3000) break;
    }
    expect(seen).toEqual(Array.from({ length: 3000 }, (_, n) => n));
  });

  it('close ends a running subscription, and the store refuses further calls', async () => {
    const { store } = await open();
    let caughtUp = (): void => undefined;
    const live = new Promise<void>((resolve) => {
      caughtUp = resolve;
    });
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ onCaughtUp: () => caughtUp() });
    const ended = (async () => {
      for await (const event of subscription) seen.push(event);
    })();
    await live;
    await store.close();
    await ended;
    expect(seen).toEqual([]);
    await expect(store.append('order-1', [ev('A')], 'any')).rejects.toThrow('EsdbEventStore is closed');
  });

  it('close lets appends and reads in flight finish first', async () => {
    const { store } = await open();
    // Large enough that the client still queues BatchAppend writes when close() is called.
    const text = '菜'.repeat(600);
    const batch = (i: number): NewEvent[] => Array.from({ length: 200 }, (_, n) => ev('Counted', { i, n, text }));
    await store.append('warm-up', [ev('Opened')], 'no_stream');
    const appends = Array.from({ length: 12 }, (_, i) => store.append(`bulk-${i}`, batch(i), 'no_stream'));
    const read = store.readStream('bulk-0');
    await store.close();
    expect((await Promise.all(appends)).map((r) => r.nextRevision)).toEqual(Array.from({ length: 12 }, () => 199));
    await expect(read).resolves.toBeInstanceOf(Array);
  });

  it('reports a node that went away instead of waiting for it', async () => {
    const { fake, store } = await open();
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['order-'] } });
    const iteration = (async () => {
      for await (const event of subscription) void event;
    })();
    await store.append('order-1', [ev('OrderPlaced')], 'no_stream');
    await fake.stop();
    await expect(iteration).rejects.toThrow();
    await expect(store.append('order-1', [ev('OrderPaid')], 0)).rejects.toThrow();
    await expect(store.readAll()).rejects.toThrow();
  });

  it('rejects malformed arguments before calling the node', async () => {
    const { fake, store } = await open();
    await expect(store.append('a-1', [ev('A')], -1)).rejects.toThrow(RangeError);
    await expect(store.append('', [ev('A')], 'any')).rejects.toThrow(TypeError);
    await expect(store.append('a-1', [{ type: 'A', data: undefined, metadata }], 'any')).rejects.toThrow(
      'data is not JSON',
    );
    await expect(store.readAll({ after: '12abc' })).rejects.toThrow('invalid log position');
    expect(() => store.subscribeToAll({ after: '-1' })).toThrow('invalid log position');
    await expect(store.readStream('a-1', { maxCount: 1.5 })).rejects.toThrow(RangeError);
    expect(fake.calls()).toEqual({});
  });

  it('refuses a connection string that turns throwOnAppendFailure off', () => {
    expect(() => new EsdbEventStore('esdb://127.0.0.1:2113?tls=false&throwOnAppendFailure=false')).toThrow(
      'throwOnAppendFailure=false is not supported',
    );
  });
});
