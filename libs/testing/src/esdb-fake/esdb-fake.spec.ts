/**
 * What a real EventStoreDB node does that the esdb adapter relies on, pinned on the fake through
 * the real `@eventstore/db-client`: appends, revision checks, positions and reads.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  binaryEvent,
  jsonEvent,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { startEsdbFake, type EsdbFake, type EsdbFakeOptions } from './esdb-fake';

const open: { fake: EsdbFake; client: EventStoreDBClient }[] = [];
async function node(options: EsdbFakeOptions = {}): Promise<{ fake: EsdbFake; client: EventStoreDBClient }> {
  const fake = await startEsdbFake(options);
  const pair = { fake, client: EventStoreDBClient.connectionString(fake.url) };
  open.push(pair);
  return pair;
}
afterEach(async () => {
  for (const { fake, client } of open.splice(0)) {
    await client.dispose();
    await fake.stop();
  }
});

const event = (type: string, data: Record<string, unknown> = {}) => jsonEvent({ type, data });
async function collect(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  for await (const resolved of read) events.push(resolved);
  return events;
}
const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('EventStoreDB fake: appends', () => {
  it('advertises BatchAppend, so the client appends through it as it does against a real node', async () => {
    const { fake, client } = await node();
    await client.appendToStream('order-1', [event('OrderPlaced')], { expectedRevision: 'no_stream' });
    await client.appendToStream('order-1', [event('OrderPaid')], { expectedRevision: 0n });
    expect(fake.calls()).toMatchObject({ getSupportedMethods: 1, batchAppend: 1 });
    expect(fake.calls().append).toBeUndefined();
  });

  it('a node without BatchAppend is written through Append', async () => {
    const { fake, client } = await node({ batchAppend: false });
    await client.appendToStream('order-1', [event('OrderPlaced')], { expectedRevision: 'no_stream' });
    expect(fake.calls()).toMatchObject({ append: 1 });
    expect(fake.calls().batchAppend).toBeUndefined();
  });

  it.each([
    ['BatchAppend', true],
    ['Append', false],
  ])(
    'a failed revision check names the expected and the actual revision (%s) and writes nothing',
    async (_path, batchAppend) => {
      const { client } = await node({ batchAppend });
      await client.appendToStream('lot-1', [event('LotOpened'), event('BidPlaced')], { expectedRevision: 'no_stream' });
      const cases: [string, AppendExpectedRevision, AppendExpectedRevision, bigint | 'no_stream'][] = [
        ['lot-1', 'no_stream', 'no_stream', 1n],
        ['lot-1', 0n, 0n, 1n],
        ['lot-9', 'stream_exists', 'stream_exists', 'no_stream'],
        ['lot-9', 3n, 3n, 'no_stream'],
      ];
      for (const [stream, expectedRevision, expectedVersion, actualVersion] of cases) {
        const err = await failure(client.appendToStream(stream, [event('Late')], { expectedRevision }));
        expect(err).toBeInstanceOf(WrongExpectedVersionError);
        expect(err).toMatchObject({ streamName: stream, expectedVersion, actualVersion });
      }
      expect((await collect(client.readStream('lot-1'))).map((e) => e.event?.type)).toEqual(['LotOpened', 'BidPlaced']);
      await expect(collect(client.readStream('lot-9'))).rejects.toBeInstanceOf(StreamNotFoundError);
    },
  );

  it('of concurrent appends expecting the same revision exactly one succeeds', async () => {
    const { client } = await node();
    await client.appendToStream('lot-1', [event('LotOpened')], { expectedRevision: 'no_stream' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => client.appendToStream('lot-1', [event('BidPlaced')], { expectedRevision: 0n })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(
      outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof WrongExpectedVersionError),
    ).toHaveLength(5);
  });

  it('gives every event its own position: commit equals prepare, strictly increasing, with gaps', async () => {
    const { client } = await node();
    const result = await client.appendToStream('order-1', [event('A'), event('B'), event('C')], {
      expectedRevision: 'any',
    });
    const read = await collect(client.readStream('order-1'));
    const positions = read.map((e) => e.event?.position);
    expect(result).toMatchObject({ success: true, nextExpectedRevision: 2n, position: positions[2] });
    for (const position of positions) expect(position?.commit).toBe(position?.prepare);
    const commits = positions.map((p) => p?.commit ?? 0n);
    for (let i = 1; i < commits.length; i++) expect(commits[i] - commits[i - 1]).toBeGreaterThan(1n);
    const fromAll = (await collect(client.readAll({ fromPosition: positions[0], maxCount: 3 }))).map(
      (e) => e.commitPosition,
    );
    expect(fromAll).toEqual(commits);
  });

  it('keeps positions beyond 2^53 exact', async () => {
    const { client } = await node({ firstPosition: 2n ** 60n + 7n });
    const { position } = await client.appendToStream('order-1', [event('A')], { expectedRevision: 'any' });
    expect(position?.commit).toBeGreaterThan(2n ** 60n);
    const [read] = await collect(client.readStream('order-1'));
    expect(read?.event?.position).toEqual(position);
  });

  it('round-trips JSON data and metadata with Chinese text, and binary data byte for byte', async () => {
    const { client } = await node();
    const data = { 品名: '大白菜', 产地: '山东寿光', qty: 12.5, note: null };
    const metadata = { actor: '供销社', schemaVersion: 2 };
    const bytes = Uint8Array.from([0, 1, 254, 255]);
    await client.appendToStream('sku-1', [
      jsonEvent({ type: 'Received', data, metadata }),
      binaryEvent({ type: 'Blob', data: bytes }),
    ]);
    const [json, binary] = (await collect(client.readStream('sku-1'))).map((e) => e.event);
    expect(json).toMatchObject({ type: 'Received', isJson: true, data, metadata, revision: 0n });
    expect(binary).toMatchObject({ type: 'Blob', isJson: false, data: bytes, metadata: undefined });
  });

  it('rejects an append larger than the maximum append size on both paths', async () => {
    for (const batchAppend of [true, false]) {
      const { client } = await node({ batchAppend, maxAppendSize: 200 });
      const big = Array.from({ length: 5 }, (_, i) => event('Filler', { i, text: 'x'.repeat(40) }));
      const err = await failure(client.appendToStream('big-1', big));
      expect(err).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(err).toMatchObject({ maxAppendSize: 200 });
    }
  });
});

describe('EventStoreDB fake: reads', () => {
  it('reading a stream that does not exist fails with StreamNotFoundError', async () => {
    const { client } = await node();
    await expect(collect(client.readStream('order-404'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads a stream forwards or backwards, from a revision, up to a count', async () => {
    const { client } = await node();
    await client.appendToStream(
      's-1',
      [0, 1, 2, 3, 4].map((n) => event('N', { n })),
    );
    const revisions = async (options: Parameters<EventStoreDBClient['readStream']>[1]) =>
      (await collect(client.readStream('s-1', options))).map((e) => e.event?.revision);
    expect(await revisions({ fromRevision: 1n, maxCount: 2 })).toEqual([1n, 2n]);
    expect(await revisions({ direction: BACKWARDS, fromRevision: END, maxCount: 2 })).toEqual([4n, 3n]);
    expect(await revisions({ direction: BACKWARDS, fromRevision: 1n })).toEqual([1n, 0n]);
    expect(await revisions({ fromRevision: 9n })).toEqual([]);
  });

  it('$all starts with the system events of a fresh node ($-prefixed streams and types)', async () => {
    const { client } = await node();
    await client.appendToStream('order-1', [event('OrderPlaced')]);
    const all = (await collect(client.readAll({ fromPosition: START, direction: FORWARDS }))).map((e) => e.event);
    const system = all.filter((e) => e?.streamId.startsWith('$'));
    expect(system.length).toBeGreaterThanOrEqual(5);
    expect(system.every((e) => e?.type.startsWith('$'))).toBe(true);
    expect(all.at(-1)).toMatchObject({ streamId: 'order-1', type: 'OrderPlaced' });
  });

  it('reading $all from a position includes it forwards and excludes it backwards', async () => {
    const { client } = await node();
    await client.appendToStream('s-1', [event('A'), event('B'), event('C')]);
    const [, b] = await collect(client.readStream('s-1'));
    const position = b?.event?.position;
    if (position === undefined) throw new Error('stream read without position');
    const forwards = await collect(client.readAll({ fromPosition: position, maxCount: 2 }));
    expect(forwards.map((e) => e.event?.type)).toEqual(['B', 'C']);
    const backwards = await collect(client.readAll({ fromPosition: position, direction: BACKWARDS, maxCount: 1 }));
    expect(backwards.map((e) => e.event?.type)).toEqual(['A']);
    const [last] = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
    expect(last?.event?.type).toBe('C');
  });
});
