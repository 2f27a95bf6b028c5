/**
 * Catch-up subscriptions as a real EventStoreDB node serves them, pinned on the fake through the
 * real `@eventstore/db-client`: exclusive start, CaughtUp after the catch-up events, checkpoints,
 * server-side filters, live events.
 */
import {
  EventStoreDBClient,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
  type StreamSubscription,
  type AllStreamSubscription,
} from '@eventstore/db-client';
import { startEsdbFake, type EsdbFake } from './esdb-fake';

let fake: EsdbFake;
let client: EventStoreDBClient;
const subscriptions: (AllStreamSubscription | StreamSubscription)[] = [];
beforeEach(async () => {
  fake = await startEsdbFake();
  client = EventStoreDBClient.connectionString(fake.url);
});
afterEach(async () => {
  await Promise.all(subscriptions.splice(0).map((s) => s.unsubscribe()));
  await client.dispose();
  await fake.stop();
});

const event = (type: string, data: Record<string, unknown> = {}) => jsonEvent({ type, data });

/** Records what a subscription reports; `caughtUpAfter` counts the events parsed before CaughtUp. */
function watch<E extends ResolvedEvent | AllStreamResolvedEvent>(
  subscription: AllStreamSubscription | StreamSubscription,
) {
  subscriptions.push(subscription);
  const seen = {
    events: [] as E[],
    caughtUpAfter: -1,
    checkpoints: [] as bigint[],
    confirmed: false,
    error: undefined as unknown,
  };
  subscription.on('confirmation', () => {
    seen.confirmed = true;
  });
  subscription.on('data', (resolved: unknown) => seen.events.push(resolved as E));
  // Events parsed before CaughtUp may still wait in the stream's buffer when it is reported.
  subscription.on('caughtUp', () => {
    seen.caughtUpAfter = seen.events.length + subscription.readableLength;
  });
  subscription.on('error', (err: unknown) => {
    seen.error = err;
  });
  return seen;
}

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function positionsOf(stream: string): Promise<Position[]> {
  const positions: Position[] = [];
  for await (const resolved of client.readStream(stream))
    if (resolved.event?.position) positions.push(resolved.event.position);
  return positions;
}

describe('EventStoreDB fake: subscriptions to $all', () => {
  it('confirms, sends the catch-up events, then CaughtUp, then live events', async () => {
    await client.appendToStream('order-1', [event('A'), event('B')]);
    const seen = watch<AllStreamResolvedEvent>(
      client.subscribeToAll({ filter: streamNameFilter({ prefixes: ['order-'] }) }),
    );
    await until(() => seen.caughtUpAfter >= 0, 'CaughtUp');
    expect(seen.confirmed).toBe(true);
    expect(seen.caughtUpAfter).toBe(2);
    await client.appendToStream('order-2', [event('C')]);
    await until(() => seen.events.length === 3, 'the live event');
    expect(seen.events.map((e) => e.event?.type)).toEqual(['A', 'B', 'C']);
  });

  it('starts strictly after the given position', async () => {
    await client.appendToStream('order-1', [event('A'), event('B'), event('C')]);
    const [, b] = await positionsOf('order-1');
    const seen = watch<AllStreamResolvedEvent>(client.subscribeToAll({ fromPosition: b }));
    await until(() => seen.caughtUpAfter >= 0, 'CaughtUp');
    expect(seen.events.map((e) => e.event?.type)).toEqual(['C']);
  });

  it('without a filter delivers the system events; excludeSystemEvents leaves them out', async () => {
    await client.appendToStream('order-1', [event('A')]);
    const all = watch<AllStreamResolvedEvent>(client.subscribeToAll({ fromPosition: START }));
    const user = watch<AllStreamResolvedEvent>(
      client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() }),
    );
    await until(() => all.caughtUpAfter >= 0 && user.caughtUpAfter >= 0, 'CaughtUp');
    expect(all.events.filter((e) => e.event?.type.startsWith('$')).length).toBeGreaterThanOrEqual(5);
    expect(user.events.map((e) => e.event?.type)).toEqual(['A']);
  });

  it('filters on stream-name prefixes or on an event-type regex, in catch-up and live', async () => {
    await client.appendToStream('stock-1', [event('StockReceived'), event('StockReserved')]);
    await client.appendToStream('order-1', [event('OrderPlaced')]);
    const byStream = watch<AllStreamResolvedEvent>(
      client.subscribeToAll({ filter: streamNameFilter({ prefixes: ['stock-', 'lot-'] }) }),
    );
    const byType = watch<AllStreamResolvedEvent>(
      client.subscribeToAll({ filter: eventTypeFilter({ regex: '^(?:OrderPlaced|LotOpened)$' }) }),
    );
    await until(() => byStream.caughtUpAfter >= 0 && byType.caughtUpAfter >= 0, 'CaughtUp');
    await client.appendToStream('lot-1', [event('LotOpened')]);
    await until(() => byStream.events.length === 3 && byType.events.length === 2, 'the live event');
    expect(byStream.events.map((e) => e.event?.type)).toEqual(['StockReceived', 'StockReserved', 'LotOpened']);
    expect(byType.events.map((e) => e.event?.type)).toEqual(['OrderPlaced', 'LotOpened']);
  });

  it('reports checkpoints every interval × search window of considered events, in catch-up and live', async () => {
    await client.appendToStream(
      'noise-1',
      Array.from({ length: 40 }, (_, i) => event('Noise', { i })),
    );
    const checkpoints: Position[] = [];
    const filter = eventTypeFilter({
      prefixes: ['Wanted'],
      maxSearchWindow: 5,
      checkpointInterval: 2,
      checkpointReached: (_subscription, position) => {
        checkpoints.push(position);
      },
    });
    const seen = watch<AllStreamResolvedEvent>(client.subscribeToAll({ filter }));
    await until(() => seen.caughtUpAfter >= 0, 'CaughtUp');
    const [last] = (await positionsOf('noise-1')).slice(-1);
    const duringCatchUp = checkpoints.length;
    expect(duringCatchUp).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < checkpoints.length; i++)
      expect(checkpoints[i].commit).toBeGreaterThan(checkpoints[i - 1].commit);
    for (const checkpoint of checkpoints) expect(checkpoint.commit).toBeLessThan(last?.commit ?? 0n);
    await client.appendToStream(
      'noise-1',
      Array.from({ length: 10 }, (_, i) => event('Noise', { i })),
    );
    await until(() => checkpoints.length > duringCatchUp, 'a live checkpoint');
    expect(seen.events).toEqual([]);
  });

  it('ends open subscriptions with an error when the node stops', async () => {
    const seen = watch<AllStreamResolvedEvent>(client.subscribeToAll({ filter: excludeSystemEvents() }));
    await until(() => seen.caughtUpAfter >= 0, 'CaughtUp');
    await fake.stop();
    await until(() => seen.error !== undefined, 'the error');
  });
});

describe('EventStoreDB fake: subscriptions to a stream', () => {
  it('start after the given revision, report CaughtUp, then deliver live events', async () => {
    await client.appendToStream('lot-1', [event('LotOpened'), event('BidPlaced'), event('BidPlaced')]);
    const seen = watch<ResolvedEvent>(client.subscribeToStream('lot-1', { fromRevision: 0n }));
    await until(() => seen.caughtUpAfter >= 0, 'CaughtUp');
    expect(seen.caughtUpAfter).toBe(2);
    await client.appendToStream('lot-1', [event('LotClosed')]);
    await until(() => seen.events.length === 3, 'the live event');
    expect(seen.events.map((e) => Number(e.event?.revision))).toEqual([1, 2, 3]);
  });

  it('report CaughtUp for a stream that does not exist yet, and deliver it once written', async () => {
    const seen = watch<ResolvedEvent>(client.subscribeToStream('lot-2'));
    await until(() => seen.caughtUpAfter >= 0, 'CaughtUp');
    expect(seen.caughtUpAfter).toBe(0);
    await client.appendToStream('lot-2', [event('LotOpened')]);
    await until(() => seen.events.length === 1, 'the first event');
  });
});
