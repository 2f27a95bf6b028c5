import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteDocumentStore } from '@gx/readstore/sqlite/sqlite-document-store';
import type { Clock } from '../context/clock';
import { DEFAULT_IDEMPOTENCY_OPTIONS, IdempotencyStore, type StoredResponse } from './idempotency.store';

const HOUR = 3600_000;
const result: StoredResponse = {
  kind: 'result',
  status: 201,
  contentType: 'application/json; charset=utf-8',
  body: '{"id":"o-1"}',
};

describe('IdempotencyStore', () => {
  let dir: string;
  let docs: SqliteDocumentStore;
  let now: number;
  let records: IdempotencyStore;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-'));
    docs = new SqliteDocumentStore({ file: path.join(dir, 'read.db') });
    now = Date.parse('2025-06-01T08:00:00Z');
    const clock: Clock = { now: () => new Date(now) };
    records = new IdempotencyStore(docs, clock, DEFAULT_IDEMPOTENCY_OPTIONS);
    await records.onModuleInit();
  });

  afterEach(async () => {
    records.onModuleDestroy();
    records.onApplicationShutdown();
    await docs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets exactly one of two racing first requests own a key', async () => {
    const claims = await Promise.all([records.claim('k', 'h', 'a', null), records.claim('k', 'h', 'b', null)]);
    expect(claims.filter((g) => g !== null)).toEqual([1]);
  });

  it('keeps a finished answer binding for 24 hours, then lets the key be used afresh', async () => {
    await records.claim('k', 'h', 'a', null);
    await records.finish('k', 1, 'a', 'h', result);
    const done = await records.get('k');
    expect(done).toMatchObject({ state: 'done', response: result });
    now += 23 * HOUR;
    expect(records.isClaimable(done!)).toBe(false); // `!`: asserted to exist just above
    now += 2 * HOUR;
    expect(records.isExpired(done!)).toBe(true);
    expect(await records.claim('k', 'other-body', 'b', done)).toBe(3);
  });

  it('takes over an in-flight record whose owner has gone silent past its lock', async () => {
    await records.claim('k', 'h', 'crashed', null);
    const stuck = await records.get('k');
    expect(records.isClaimable(stuck!)).toBe(false); // `!`: the claim above created it
    now += DEFAULT_IDEMPOTENCY_OPTIONS.lockMs + 1;
    expect(records.isClaimable(stuck!)).toBe(true);
    const takeovers = await Promise.all([records.claim('k', 'h', 'b', stuck), records.claim('k', 'h', 'c', stuck)]);
    expect(takeovers.filter((g) => g !== null)).toEqual([2]);
    // The first owner finishing late does not overwrite the new owner's record.
    await records.finish('k', 1, 'crashed', 'h', result);
    expect(await records.get('k')).toMatchObject({ state: 'in_flight', _position: '2' });
  });

  it('frees an in-flight key once its process stops beating, and keeps it while the process beats', async () => {
    const other = new IdempotencyStore(docs, { now: () => new Date(now) }, DEFAULT_IDEMPOTENCY_OPTIONS);
    await other.onModuleInit();
    try {
      await records.claim('k', 'h', 'a', null);
      const held = await records.get('k');
      expect(held).toMatchObject({ holder: records.instance });
      expect(await other.isFree(held!)).toBe(false); // `!`: the claim above created it
      now += DEFAULT_IDEMPOTENCY_OPTIONS.holderStaleMs - 1;
      await records.beat();
      now += DEFAULT_IDEMPOTENCY_OPTIONS.holderStaleMs - 1;
      expect(await other.isFree(held!)).toBe(false);
      // Its own process never takes its own key over, whatever its heartbeat says.
      now += DEFAULT_IDEMPOTENCY_OPTIONS.holderStaleMs;
      expect(await records.isFree(held!)).toBe(false);
      expect(await other.isFree(held!)).toBe(true);
      expect(await other.claim('k', 'h', 'b', held)).toBe(2);
      expect(await other.get('k')).toMatchObject({ holder: other.instance, owner: 'b' });
    } finally {
      other.onModuleDestroy();
      other.onApplicationShutdown();
    }
  });

  it('purges the heartbeat of a process that stopped beating', async () => {
    await records.claim('k', 'h', 'a', null);
    records.onApplicationShutdown();
    now += DEFAULT_IDEMPOTENCY_OPTIONS.holderStaleMs + 1;
    expect(await records.purgeExpired()).toBe(1);
    expect(await docs.get('_idempotency', `holder:${records.instance}`)).toBeNull();
    expect(await records.get('k')).not.toBeNull();
  });

  it('frees a key after a server error so that a retry runs again', async () => {
    await records.claim('k', 'h', 'a', null);
    await records.release('k', 1, 'a', 'h');
    const released = await records.get('k');
    expect(released).toMatchObject({ state: 'released' });
    expect(records.isClaimable(released!)).toBe(true); // `!`: just written
    expect(await records.claim('k', 'h', 'b', released)).toBe(3);
  });

  it('purges expired records only', async () => {
    await records.claim('old', 'h', 'a', null);
    now += 25 * HOUR;
    await records.beat();
    await records.claim('new', 'h', 'a', null);
    expect(await records.purgeExpired()).toBe(1);
    expect(await records.get('old')).toBeNull();
    expect(await records.get('new')).not.toBeNull();
  });
});
