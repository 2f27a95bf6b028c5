import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@gx/domain';
import { CommandRunner, type CommandContext, type RunnableDecider } from './command-runner';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** A quota of units that buyers take from: the shape of a flash sale. */
type QuotaCommand = { type: 'Open'; units: number } | { type: 'Take'; units: number; buyer: string };
type QuotaEvent =
  { type: 'Opened'; data: { units: number } } | { type: 'Taken'; data: { units: number; buyer: string } };
interface QuotaState {
  left: number;
}

const quota: RunnableDecider<QuotaCommand, QuotaEvent, QuotaState> = {
  name: 'quota',
  initialState: { left: 0 },
  decide(command, state) {
    if (command.type === 'Open') return [{ type: 'Opened', data: { units: command.units } }];
    if (command.units > state.left) throw new DomainError('SOLD_OUT', 'sold out');
    return [{ type: 'Taken', data: { units: command.units, buyer: command.buyer } }];
  },
  evolve(state, event) {
    return event.type === 'Opened' ? { left: event.data.units } : { left: state.left - event.data.units };
  },
};

let n = 0;
const ctx = (commandId = `cmd-${++n}`): CommandContext => ({
  commandId,
  actor: 'tester',
  correlationId: 'corr-1',
  now: '2026-11-28T00:00:00.000Z',
});

describe('CommandRunner', () => {
  let dir: string;
  let store: EventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gx-runner-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sells exactly the quota to a burst of concurrent buyers, each answered on its own', async () => {
    const runner = new CommandRunner(store);
    await runner.execute(quota, 'quota-1', { type: 'Open', units: 10 }, ctx());
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        runner.execute(quota, 'quota-1', { type: 'Take', units: 1, buyer: `b${i}` }, ctx()),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(10);
    expect(rejected.every((r) => (r.reason as DomainError).code === 'SOLD_OUT')).toBe(true);
    const stream = await store.readStream('quota-1');
    expect(stream.filter((e) => e.type === 'Taken')).toHaveLength(10);
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
  });

  it('group-commits a burst into fewer appends than commands', async () => {
    const runner = new CommandRunner(store);
    await runner.execute(quota, 'quota-2', { type: 'Open', units: 1000 }, ctx());
    const append = jest.spyOn(store, 'append');
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        runner.execute(quota, 'quota-2', { type: 'Take', units: 1, buyer: `b${i}` }, ctx()),
      ),
    );
    expect(append.mock.calls.length).toBeLessThan(100);
    expect((await store.readStream('quota-2')).length).toBe(101);
  });

  it('answers a repeated command id with the first result and appends nothing', async () => {
    const runner = new CommandRunner(store);
    await runner.execute(quota, 'quota-3', { type: 'Open', units: 5 }, ctx());
    const first = await runner.execute(quota, 'quota-3', { type: 'Take', units: 2, buyer: 'a' }, ctx('same'));
    const again = await runner.execute(quota, 'quota-3', { type: 'Take', units: 2, buyer: 'a' }, ctx('same'));
    expect(again.replayed).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(again.position).toBe(first.position);
    // A fresh runner (another process, after a restart) knows the id from the stored metadata.
    const fresh = await new CommandRunner(store).execute(
      quota,
      'quota-3',
      { type: 'Take', units: 2, buyer: 'a' },
      ctx('same'),
    );
    expect(fresh.replayed).toBe(true);
    expect((await store.readStream('quota-3')).length).toBe(2);
  });

  it('writes actor, correlation, causation, command id, time and schema version on every event', async () => {
    const runner = new CommandRunner(store);
    await runner.execute(quota, 'quota-4', { type: 'Open', units: 1 }, ctx('open-4'));
    const [event] = await store.readStream('quota-4');
    expect(event.metadata).toMatchObject({
      actor: 'tester',
      correlationId: 'corr-1',
      causationId: 'open-4',
      commandId: 'open-4',
      occurredAt: '2026-11-28T00:00:00.000Z',
      schemaVersion: 1,
    });
  });

  it.each(['mailbox', 'plain'] as const)(
    'never oversells when two runners (as two processes would) race on one stream (%s)',
    async (mode) => {
      const a = new CommandRunner(store, { mode, maxRetries: 50 });
      const b = new CommandRunner(store, { mode, maxRetries: 50 });
      await a.execute(quota, 'quota-5', { type: 'Open', units: 30 }, ctx());
      const takes = Array.from({ length: 80 }, (_, i) =>
        (i % 2 ? a : b).execute(quota, 'quota-5', { type: 'Take', units: 1, buyer: `b${i}` }, ctx()),
      );
      const results = await Promise.allSettled(takes);
      const sold = results.filter((r) => r.status === 'fulfilled').length;
      const stream = await store.readStream('quota-5');
      expect(stream.filter((e) => e.type === 'Taken')).toHaveLength(sold);
      expect(sold).toBe(30);
      const reasons = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as DomainError).code] : []));
      expect(new Set(reasons)).toEqual(new Set(['SOLD_OUT']));
      expect((await a.load(quota, 'quota-5')).state.left).toBe(0);
    },
  );

  it('returns the state after the caller’s own events', async () => {
    const runner = new CommandRunner(store);
    await runner.execute(quota, 'quota-6', { type: 'Open', units: 3 }, ctx());
    const out = await runner.execute(quota, 'quota-6', { type: 'Take', units: 2, buyer: 'x' }, ctx());
    expect(out.state.left).toBe(1);
    expect(out.revision).toBe(1);
  });

  it('decides on the cached state without reading the stream, and a conflict re-decides on the tail', async () => {
    const a = new CommandRunner(store);
    const b = new CommandRunner(store);
    await a.execute(quota, 'quota-7', { type: 'Open', units: 2 }, ctx());
    const read = jest.spyOn(store, 'readStream');
    await a.execute(quota, 'quota-7', { type: 'Take', units: 1, buyer: 'a1' }, ctx());
    expect(read).not.toHaveBeenCalled();
    // Another process takes the last unit: a's cache still says one is left.
    await b.execute(quota, 'quota-7', { type: 'Take', units: 1, buyer: 'b1' }, ctx());
    await expect(a.execute(quota, 'quota-7', { type: 'Take', units: 1, buyer: 'a2' }, ctx())).rejects.toMatchObject({
      code: 'SOLD_OUT',
    });
    expect((await store.readStream('quota-7')).filter((e) => e.type === 'Taken')).toHaveLength(2);
  });

  it('reports each revision conflict by stream category, as a retry or, past the last retry, as exhausted', async () => {
    const seen: string[] = [];
    const a = new CommandRunner(store, {
      maxRetries: 1,
      contention: (category, outcome) => seen.push(`${category}:${outcome}`),
    });
    const b = new CommandRunner(store);
    await a.execute(quota, 'quota-9', { type: 'Open', units: 5 }, ctx());
    await b.execute(quota, 'quota-9', { type: 'Take', units: 1, buyer: 'b1' }, ctx());
    await a.execute(quota, 'quota-9', { type: 'Take', units: 1, buyer: 'a1' }, ctx());
    expect(seen).toEqual(['quota:retry']);

    // Every attempt meets another writer: the second conflict is past the one retry allowed.
    const append = store.append.bind(store);
    jest.spyOn(store, 'append').mockImplementation(async (streamId, events, expected) => {
      await append(
        streamId,
        [
          {
            type: 'Taken',
            data: { units: 0, buyer: 'other' },
            metadata: { schemaVersion: 1, correlationId: 'c', causationId: 'c', actor: 'x', occurredAt: 'now' },
          },
        ],
        'any',
      );
      return append(streamId, events, expected);
    });
    await expect(a.execute(quota, 'quota-9', { type: 'Take', units: 1, buyer: 'a2' }, ctx())).rejects.toMatchObject({
      name: 'ConcurrencyError',
    });
    expect(seen).toEqual(['quota:retry', 'quota:retry', 'quota:exhausted']);
  });

  it('reads the tail before answering a rejection decided on a cached state', async () => {
    const a = new CommandRunner(store);
    const b = new CommandRunner(store);
    await a.execute(quota, 'quota-8', { type: 'Open', units: 1 }, ctx());
    await a.execute(quota, 'quota-8', { type: 'Take', units: 1, buyer: 'a1' }, ctx());
    // a's cache says sold out; another process reopens the quota.
    await b.execute(quota, 'quota-8', { type: 'Open', units: 5 }, ctx());
    const out = await a.execute(quota, 'quota-8', { type: 'Take', units: 1, buyer: 'a2' }, ctx());
    expect(out.state.left).toBe(4);
    expect(out.revision).toBe(3);
  });
});
