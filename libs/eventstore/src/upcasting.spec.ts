import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { UpcasterChain, UpcastingEventStore, type Upcaster } from './upcasting';

const metadata = (schemaVersion: number): EventMetadata => ({
  schemaVersion,
  correlationId: 'corr-1',
  causationId: 'cause-1',
  actor: 'user:li',
  occurredAt: '2025-03-01T08:00:00.000Z',
});
const received = (schemaVersion: number, data: unknown): NewEvent => ({
  type: 'StockReceived',
  data,
  metadata: metadata(schemaVersion),
});

// v1 {qty} → v2 {quantity: {value, unit}} → v3 adds batchId.
const upcasters: Upcaster[] = [
  { type: 'StockReceived', fromVersion: 2, upcast: (d) => ({ ...(d as object), batchId: null }) },
  {
    type: 'StockReceived',
    fromVersion: 1,
    upcast: (d) => ({ quantity: { value: (d as { qty: number }).qty, unit: 'kg' } }),
  },
];
const current = (value: number) => ({ quantity: { value, unit: 'kg' }, batchId: null });

describe('UpcastingEventStore', () => {
  let inner: EventStore;
  let store: UpcastingEventStore;
  beforeEach(() => {
    inner = new SqliteEventStore({ file: ':memory:' });
    store = new UpcastingEventStore(inner, upcasters);
  });
  afterEach(() => store.close());

  it('reads old events of a stream in the newest schema, keeping the rest of the metadata', async () => {
    await store.append(
      'stock-cabbage@wh-1',
      [received(1, { qty: 5 }), received(2, { quantity: { value: 7, unit: 'kg' } })],
      'no_stream',
    );
    const events = await store.readStream('stock-cabbage@wh-1');
    expect(events.map((e) => e.data)).toEqual([current(5), current(7)]);
    expect(events.map((e) => e.metadata)).toEqual([metadata(3), metadata(3)]);
  });

  it('leaves current events and types without upcasters as they are', async () => {
    const other: NewEvent = { type: 'StockCounted', data: { qty: 1 }, metadata: metadata(1) };
    await store.append('stock-leek@wh-1', [received(3, current(2)), other], 'no_stream');
    const [now, counted] = await store.readStream('stock-leek@wh-1');
    expect(now).toMatchObject({ data: current(2), metadata: metadata(3) });
    expect(counted).toMatchObject({ data: { qty: 1 }, metadata: metadata(1) });
  });

  it('stores appends unchanged: upcasting happens only on read', async () => {
    await store.append('stock-rice@wh-2', [received(1, { qty: 9 })], 'no_stream');
    expect((await inner.readStream('stock-rice@wh-2'))[0]).toMatchObject({ data: { qty: 9 }, metadata: metadata(1) });
  });

  it('upcasts on readAll and on subscriptions, catch-up and live alike', async () => {
    await store.append('stock-a@wh-1', [received(1, { qty: 1 })], 'no_stream');
    expect((await store.readAll()).map((e) => e.data)).toEqual([current(1)]);
    const subscription = store.subscribeToAll({ filter: { eventTypes: ['StockReceived'] } });
    const seen: RecordedEvent[] = [];
    const done = (async () => {
      for await (const event of subscription) if (seen.push(event) === 2) break;
    })();
    await store.append('stock-a@wh-1', [received(2, { quantity: { value: 2, unit: 'kg' } })], 0);
    await done;
    expect(seen.map((e) => [e.data, e.metadata.schemaVersion])).toEqual([
      [current(1), 3],
      [current(2), 3],
    ]);
    await subscription.stop();
  });

  it('stopping the upcasting subscription ends its iteration', async () => {
    let caughtUp = (): void => undefined;
    const live = new Promise<void>((resolve) => {
      caughtUp = resolve;
    });
    const subscription = store.subscribeToAll({ onCaughtUp: () => caughtUp() });
    const seen: RecordedEvent[] = [];
    const ended = (async () => {
      for await (const event of subscription) seen.push(event);
    })();
    await live;
    await subscription.stop();
    await ended;
    expect(seen).toEqual([]);
  });
});

describe('UpcasterChain', () => {
  const recorded = (metadataVersion: unknown, data: unknown): RecordedEvent => ({
    id: 'e-1',
    streamId: 's-1',
    revision: 0,
    position: '1',
    type: 'StockReceived',
    data,
    metadata: { ...metadata(1), schemaVersion: metadataVersion as number },
  });

  it('treats an event without a schema version as version 1', () => {
    const upcast = new UpcasterChain(upcasters).upcast(recorded(undefined, { qty: 4 }));
    expect(upcast).toMatchObject({ data: current(4), metadata: { schemaVersion: 3 } });
  });

  it('refuses two upcasters for the same type and version, and versions below 1', () => {
    expect(() => new UpcasterChain([...upcasters, { ...upcasters[0] }])).toThrow(
      'two upcasters for StockReceived from version 2',
    );
    expect(() => new UpcasterChain([{ type: 'X', fromVersion: 0, upcast: (d) => d }])).toThrow(RangeError);
  });
});
