import * as domain from '@gx/domain';
import { deliveryDecider, deliveryStream, fold, type Decider, type DomainEvent } from '@gx/domain';
import {
  CommandRunner,
  SqliteEventStore,
  UpcastingEventStore,
  type EventMetadata,
  type NewEvent,
} from '@gx/eventstore';
import { UPCASTERS } from './upcasters';

const D = 'SO-1-20260127';
const T = '2026-01-26T08:00:01.000Z';
const meta = (schemaVersion: number): EventMetadata => ({
  schemaVersion,
  correlationId: 'c-1',
  causationId: 'c-1',
  actor: 'kitchen1',
  occurredAt: T,
});
const v1 = (type: string, data: unknown): NewEvent => ({ type, data, metadata: meta(1) });

// A delivery as the log held it before quality claims existed (commit 63c06ae): every event at version 1.
const header = {
  deliveryId: D,
  standingOrderId: 'SO-1',
  contractId: 'CT-1',
  kitchen: 'KITCHEN-LC-01',
  warehouse: 'LC-HUB-DCF',
  address: '聊城一中食堂',
  date: '2026-01-27',
  cutoffAt: '2026-01-26T08:00:00.000Z',
};
const dispatchedHistory: NewEvent[] = [
  v1('DeliveryCreated', {
    ...header,
    lines: [
      { sku: 'SKU-CABBAGE', name: '大白菜', unit: 'kg', base: 1000, fen: 260, ordered: 30_000 },
      { sku: 'SKU-EGG', name: '鲜鸡蛋', unit: 'piece', base: 1, fen: 80, ordered: 300 },
    ],
    createdAt: T,
  }),
  v1('DeliveryLineReserved', { deliveryId: D, sku: 'SKU-CABBAGE', granted: 30_000, reserved: 30_000, shortage: null }),
  v1('DeliveryLineReserved', { deliveryId: D, sku: 'SKU-EGG', granted: 300, reserved: 300, shortage: null }),
  v1('DeliveryDispatched', {
    deliveryId: D,
    kitchen: 'KITCHEN-LC-01',
    date: '2026-01-27',
    lines: [
      { sku: 'SKU-CABBAGE', quantity: 30_000 },
      { sku: 'SKU-EGG', quantity: 300 },
    ],
    gross: 31_800,
    by: 'operator1',
    at: T,
  }),
];
const oldReceived = v1('DeliveryReceived', {
  deliveryId: D,
  kitchen: 'KITCHEN-LC-01',
  date: '2026-01-27',
  lines: [
    { sku: 'SKU-CABBAGE', received: 28_500, damaged: 1_000, missing: 500 },
    { sku: 'SKU-EGG', received: 300, damaged: 0, missing: 0 },
  ],
  claims: [
    { sku: 'SKU-CABBAGE', kind: 'shortage', quantity: 500, amount: 130 },
    { sku: 'SKU-CABBAGE', kind: 'damage', quantity: 1_000, amount: 260 },
  ],
  gross: 31_800,
  claimsTotal: 390,
  amount: 31_410,
  by: 'kitchen1',
  at: T,
});

describe('upcasters: DeliveryReceived 1 → 2', () => {
  let inner: SqliteEventStore;
  let store: UpcastingEventStore;
  beforeEach(() => {
    inner = new SqliteEventStore({ file: ':memory:' });
    store = new UpcastingEventStore(inner, UPCASTERS);
  });
  afterEach(() => store.close());

  it('replays an old delivery receipt through the store in the current shape: every line has its qualityBase', async () => {
    await inner.append(deliveryStream(D), [...dispatchedHistory, oldReceived], 'no_stream');
    const events = await store.readStream(deliveryStream(D));
    const received = events[events.length - 1];
    expect(received.metadata).toEqual(meta(2));
    expect(received.data).toEqual({
      ...(oldReceived.data as object),
      lines: [
        { sku: 'SKU-CABBAGE', received: 28_500, damaged: 1_000, missing: 500, qualityBase: 0 },
        { sku: 'SKU-EGG', received: 300, damaged: 0, missing: 0, qualityBase: 0 },
      ],
    });
    // The same through the log and its subscriptions (what projections read).
    expect((await store.readAll()).at(-1)?.data).toEqual(received.data);
    // The stored event is as it was: upcasting happens on read only.
    expect((await inner.readStream(deliveryStream(D))).at(-1)).toMatchObject({
      data: oldReceived.data,
      metadata: meta(1),
    });
    // And the delivery folds from it as from a new one.
    const state = fold(deliveryDecider, events as unknown as domain.DeliveryEvent[]);
    expect(state.status).toBe('received');
    expect(state.lines.map((l) => [l.sku, l.received, l.damaged, l.missing])).toEqual([
      ['SKU-CABBAGE', 28_500, 1_000, 500],
      ['SKU-EGG', 300, 0, 0],
    ]);
  });

  it('a receipt decided now is written at version 2 with qualityBase on every line, and read back unchanged', async () => {
    await inner.append(deliveryStream(D), dispatchedHistory, 'no_stream');
    const runner = new CommandRunner(store);
    await runner.execute(
      deliveryDecider,
      deliveryStream(D),
      {
        type: 'ReceiveDelivery',
        lines: [{ sku: 'SKU-CABBAGE', received: 29_000, qualityBase: 1_000 }],
        by: 'kitchen1',
        now: T,
      },
      { commandId: 'receive-1', actor: 'kitchen1', correlationId: 'c-2', now: T },
    );
    const [written] = (await inner.readStream(deliveryStream(D))).slice(-1);
    expect(written.metadata.schemaVersion).toBe(2);
    expect((written.data as { lines: unknown[] }).lines).toEqual([
      { sku: 'SKU-CABBAGE', received: 29_000, damaged: 0, missing: 0, qualityBase: 1_000 },
      { sku: 'SKU-EGG', received: 300, damaged: 0, missing: 0, qualityBase: 0 },
    ]);
    expect((await store.readStream(deliveryStream(D))).at(-1)).toEqual(written);
  });
});

describe('upcasters and decider schema versions agree', () => {
  const deciders = Object.values(domain as Record<string, unknown>).filter(
    (value): value is Decider<unknown, DomainEvent, unknown> =>
      typeof value === 'object' &&
      value !== null &&
      'decide' in value &&
      'evolve' in value &&
      Object.hasOwn(value, 'name'),
  );

  it('finds the deciders, each with a distinct name', () => {
    expect(deciders.length).toBeGreaterThanOrEqual(10);
    const names = deciders.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('every event type at version n > 1 has an upcaster from each earlier version, and no upcaster goes past it', () => {
    const current = new Map<string, number>();
    for (const decider of deciders) {
      for (const [type, version] of Object.entries(decider.schemaVersions ?? {})) current.set(type, version as number);
    }
    expect(current.get('DeliveryReceived')).toBe(2);
    for (const [type, version] of current) {
      for (let from = 1; from < version; from++)
        expect({ type, from, found: UPCASTERS.some((u) => u.type === type && u.fromVersion === from) }).toEqual({
          type,
          from,
          found: true,
        });
    }
    for (const upcaster of UPCASTERS)
      expect({ type: upcaster.type, below: upcaster.fromVersion < (current.get(upcaster.type) ?? 1) }).toEqual({
        type: upcaster.type,
        below: true,
      });
  });
});
