import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteDocumentStore } from '@gx/readstore/sqlite/sqlite-document-store';
import type { Clock } from '../context/clock';
import { DEFAULT_IDEMPOTENCY_OPTIONS, IdempotencyStore, type StoredResponse } from './idempotency.store';

const HOUR = 3600_000;
const result: StoredResponse = { kind: 'result', status: 201, contentType: 'application/json; charset=utf-8', body: '{"id":"o-1"}' };

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
    await records.claim('new', 'h', 'a', null);
    expect(await records.purgeExpired()).toBe(1);
    expect(await records.get('old')).toBeNull();
    expect(await records.get('new')).not.toBeNull();
  });
});
