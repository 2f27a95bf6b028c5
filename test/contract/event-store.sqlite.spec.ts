import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  ConcurrencyError,
  type EventMetadata,
  type NewEvent,
  type RecordedEvent,
} from '@gx/eventstore/event-store.port';
import { DuplicateEventIdError, SqliteEventStore } from '@gx/eventstore/sqlite/sqlite-event-store';
import { eventStoreContract } from './event-store.contract';

const dirs: string[] = [];
const tempFile = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-'));
  dirs.push(dir);
  return path.join(dir, 'events.db');
};
afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

eventStoreContract('sqlite (temp file)', async () => new SqliteEventStore({ file: tempFile() }));

const metadata: EventMetadata = {
  schemaVersion: 1,
  correlationId: 'c-1',
  causationId: 'c-1',
  actor: 'user:test',
  occurredAt: '2025-03-01T08:00:00.000Z',
};
const ev = (type: string, data: unknown = {}, id?: string): NewEvent => ({ id, type, data, metadata });

describe('SqliteEventStore', () => {
  const open: SqliteEventStore[] = [];
  const store = (file: string, options: { pageSize?: number } = {}): SqliteEventStore => {
    const s = new SqliteEventStore({ file, ...options });
    open.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('starts empty: head position 0, and an empty append to a new stream reports revision -1', async () => {
    const s = store(tempFile());
    expect(await s.headPosition()).toBe('0');
    expect(await s.append('order-1', [], 'no_stream')).toEqual({ nextRevision: -1, position: '0' });
    expect(await s.readStream('order-1')).toEqual([]);
  });

  it('keeps the log when the file is reopened, and continues positions after it', async () => {
    const file = tempFile();
    const first = store(file);
    const { position } = await first.append('order-1', [ev('OrderPlaced', { 品名: '鸡蛋' })], 'no_stream');
    await first.close();
    const second = store(file);
    expect((await second.readStream('order-1')).map((e) => e.data)).toEqual([{ 品名: '鸡蛋' }]);
    await expect(second.append('order-1', [ev('X')], 'no_stream')).rejects.toBeInstanceOf(ConcurrencyError);
    const next = await second.append('order-1', [ev('OrderPaid')], 0);
    expect(BigInt(next.position)).toBeGreaterThan(BigInt(position));
  });

  it('a subscription sees appends made through another connection to the same file', async () => {
    const file = tempFile();
    const reader = new SqliteEventStore({ file, pollIntervalMs: 5 });
    open.push(reader);
    const writer = store(file);
    const seen: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll();
    const twoSeen = (async () => {
      for await (const event of subscription) if (seen.push(event) === 2) break;
    })();
    await writer.append('lot-1', [ev('LotOpened')], 'no_stream');
    await writer.append('lot-1', [ev('BidPlaced')], 0);
    await twoSeen;
    expect(seen.map((e) => e.type)).toEqual(['LotOpened', 'BidPlaced']);
  });

  it('rejects a duplicate event id and writes nothing of that append', async () => {
    const s = store(tempFile());
    const id = '6f1c7c33-0a43-4a4e-9a57-1f1d7f0e8c01';
    await s.append('order-1', [ev('OrderPlaced', {}, id)], 'no_stream');
    await expect(s.append('order-2', [ev('OrderPlaced'), ev('Copy', {}, id)], 'any')).rejects.toThrow(
      DuplicateEventIdError,
    );
    await expect(s.append('order-1', [ev('Copy', {}, id)], 0)).rejects.toThrow(`event id ${id} already exists`);
    expect(await s.readStream('order-2')).toEqual([]);
    expect(await s.readAll()).toHaveLength(1);
  });

  it('catch-up crosses page boundaries without losing or repeating events', async () => {
    const s = store(tempFile(), { pageSize: 7 });
    await s.append(
      'a-1',
      Array.from({ length: 30 }, (_, i) => ev(i % 3 === 0 ? 'Kept' : 'Dropped', { i })),
      'no_stream',
    );
    const seen: number[] = [];
    let caughtUp = false;
    const subscription = s.subscribeToAll({
      filter: { eventTypes: ['Kept'] },
      onCaughtUp: () => {
        caughtUp = true;
      },
    });
    for await (const event of subscription) if (seen.push((event.data as { i: number }).i) === 10) break;
    expect(seen).toEqual(Array.from({ length: 10 }, (_, k) => k * 3));
    expect(caughtUp).toBe(false);
  });

  it('readers do not block an append (WAL)', async () => {
    const file = tempFile();
    const s = store(file);
    await s.append('a-1', [ev('A')], 'no_stream');
    const raw = new Database(file);
    try {
      raw.exec('BEGIN');
      raw.prepare('SELECT count(*) FROM events').get();
      await s.append('a-1', [ev('B')], 0);
      expect(raw.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
      raw.exec('COMMIT');
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('stop and close leave no timers behind, and close ends running subscriptions', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const s = store(':memory:');
    let caughtUp = (): void => undefined;
    const live = new Promise<void>((resolve) => {
      caughtUp = resolve;
    });
    const subscription = s.subscribeToAll({ onCaughtUp: () => caughtUp() });
    const ended = (async () => {
      for await (const _ of subscription) {
        /* nothing is appended */
      }
    })();
    const idle = s.subscribeToAll();
    await live;
    await s.close();
    await ended;
    await idle.stop();
    expect(timers()).toBe(before);
  });

  it('rejects malformed arguments before touching the log', async () => {
    const s = store(':memory:');
    await expect(s.append('a-1', [ev('A')], -1)).rejects.toThrow(RangeError);
    await expect(s.append('', [ev('A')], 'any')).rejects.toThrow(TypeError);
    await expect(s.append('a-1', [{ type: 'A', data: undefined, metadata }], 'any')).rejects.toThrow(
      'data is not JSON',
    );
    await expect(s.readAll({ after: '12abc' })).rejects.toThrow('invalid log position');
    expect(() => s.subscribeToAll({ after: '-1' })).toThrow('invalid log position');
    await expect(s.readStream('a-1', { maxCount: 1.5 })).rejects.toThrow(RangeError);
    expect(await s.headPosition()).toBe('0');
  });
});
