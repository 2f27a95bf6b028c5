import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { EVENT_STORE, type EventStore } from '@gx/eventstore';
import { SqliteDocumentStore } from '@gx/readstore';
import { freePort, recentOutput, spawnApp } from '../support/processes';
import { startStack, testEnv, type Stack } from './support/stack';
import { sqliteEvents } from './support/sqlite-events';
import { STORES } from './support/stores';
import { campaignBody, inMs, startStorefront, until, type Json, type Storefront } from './storefront-support';

/**
 * Disk faults on the embedded stores. Tests run as root, which ignores file permissions, so the
 * faults are made by SQLite itself on the apps' own connections: `max_page_count` at the file's
 * size makes it answer SQLITE_FULL (a full disk), `query_only` SQLITE_READONLY (a read-only
 * file). Both bind root and clear without reopening, as the fixed disk does.
 */
const embedded = STORES === 'embedded' ? describe : describe.skip;

embedded('store faults: a store that refuses writes answers 503 and recovers without a restart', () => {
  let stack: Stack;
  let storefront: Storefront;
  let events: Database.Database;
  let operator: string;
  let campaignId: string;
  const acknowledged: string[] = [];

  beforeAll(async () => {
    stack = await startStack(['worker']);
    storefront = await startStorefront(stack);
    events = sqliteEvents(storefront.app.get<EventStore>(EVENT_STORE, { strict: false }));
    operator = storefront.token('operator1', ['operator']);
    const created = await storefront.call(
      'POST',
      '/campaigns',
      operator,
      campaignBody({
        sku: 'SKU-CABBAGE',
        quota: 300,
        minQuantity: 1,
        perCustomerLimit: 300,
        cutoffAt: inMs(3_600_000),
      }),
    );
    expect(created.status).toBe(201);
    campaignId = created.body.campaignId;
    expect((await storefront.call('POST', `/campaigns/${campaignId}/publish`, operator)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await storefront?.close();
    await stack?.close();
  });

  let joins = 0;
  const join = async (
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; body: Json }> => {
    const res = await storefront.call(
      'POST',
      `/campaigns/${campaignId}/orders`,
      storefront.token(`consumer${1 + (joins++ % 3)}`, ['consumer']),
      { quantity: 1, paymentMethod: 'pay_at_pickup' },
      headers,
    );
    if (res.status === 201) acknowledged.push(res.body.orderId);
    return res;
  };
  const health = async () => {
    const res = await storefront.call('GET', '/health');
    return {
      status: res.status,
      eventStore: res.body.checks.eventStore,
      idempotencyStore: res.body.checks.idempotencyStore,
    };
  };
  const metric = async (name: string, labels: string): Promise<number | undefined> => {
    const text = await (await fetch(`${storefront.url}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}{`) && labels.split(',').every((label) => l.includes(label)));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  const expectStoreUnavailable = (res: { status: number; headers: Headers; body: Json }) => {
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body.code).toBe('STORE_UNAVAILABLE');
  };

  it('answers 503 STORE_UNAVAILABLE with Retry-After on a full disk, names the store in /health and /metrics, and recovers when space returns', async () => {
    expect((await join()).status).toBe(201);
    expect(await metric('store_write_fault', 'store="eventStore"')).toBe(0);

    events.pragma(`max_page_count = ${Number(events.pragma('page_count', { simple: true }))}`);
    // The file's free pages still take a few joins; every answer is a success or a clean 503, never a 500.
    let refused: Awaited<ReturnType<typeof join>> | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await join();
      expect([201, 503]).toContain(res.status);
      if (res.status === 503) refused = res;
    }
    if (!refused) throw new Error('the full database never refused a join');
    expectStoreUnavailable(refused);
    expectStoreUnavailable(await join());

    const down = await health();
    expect(down.status).toBe(503);
    expect(down.eventStore).toMatchObject({
      status: 'down',
      details: { store: expect.stringContaining('events.db'), fault: { code: 'SQLITE_FULL' } },
    });
    expect(await metric('store_write_fault', 'store="eventStore"')).toBe(1);
    expect(await metric('store_write_faults_total', 'store="eventStore",code="SQLITE_FULL"')).toBeGreaterThanOrEqual(2);

    events.pragma('max_page_count = 4294967294');
    // No client write is needed: the health check's probe write finds the disk writable again.
    await until('the event store to be healthy again', async () =>
      (await health()).status === 200 ? true : undefined,
    );
    expect(await metric('store_write_fault', 'store="eventStore"')).toBe(0);
    expect((await join()).status).toBe(201);
  }, 60_000);

  it('answers 503 while the log is read-only and takes writes again once it is writable, without a restart', async () => {
    events.pragma('query_only = 1');
    try {
      expectStoreUnavailable(await join());
      const down = await health();
      expect(down.eventStore).toMatchObject({ status: 'down', details: { fault: { code: 'SQLITE_READONLY' } } });
    } finally {
      events.pragma('query_only = 0');
    }
    // The next write itself succeeds and clears the fault.
    expect((await join()).status).toBe(201);
    expect(await metric('store_write_fault', 'store="eventStore"')).toBe(0);
    expect((await health()).status).toBe(200);
  }, 30_000);

  it('answers 503 when the store of idempotency records refuses writes, and names that store', async () => {
    const requests = stack.pool.acquireIdempotency();
    await stack.pool.releaseIdempotency();
    if (!(requests instanceof SqliteDocumentStore)) throw new Error('not the embedded idempotency store');
    requests.connection.pragma('query_only = 1');
    try {
      expectStoreUnavailable(await join({ 'idempotency-key': 'fault-key-1' }));
      const down = await health();
      expect(down.idempotencyStore).toMatchObject({
        status: 'down',
        details: { store: expect.stringContaining('requests.db') },
      });
    } finally {
      requests.connection.pragma('query_only = 0');
    }
    expect((await join({ 'idempotency-key': 'fault-key-1' })).status).toBe(201);
  }, 30_000);

  it('kept every acknowledged join in the log, and nothing else', async () => {
    const log = await storefront.app
      .get<EventStore>(EVENT_STORE, { strict: false })
      .readStream(`campaign-${campaignId}`);
    const joined = log.filter((e) => e.type === 'CampaignJoined').map((e) => (e.data as { orderId: string }).orderId);
    expect(joined.sort()).toEqual([...acknowledged].sort());
  });
});

embedded('store faults at start-up: an app refuses to start on a store it cannot write', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'gx-start-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  /** Start the built storefront as production does; resolves with its exit code and output once it has exited. */
  const start = async (dataDir: string): Promise<{ code: number | null; output: string }> => {
    const child = spawnApp('storefront', {
      ...testEnv(dataDir, { SEED_DEMO: 'false', LOG_LEVEL: 'info' }),
      PORT_STOREFRONT: String(await freePort()),
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, output: recentOutput(child) };
  };

  it('names DATA_DIR when it is a regular file', async () => {
    const file = join(scratch, 'not-a-dir');
    writeFileSync(file, 'not a directory');
    const { code, output } = await start(file);
    expect(code).toBe(1);
    expect(output).toContain(`DATA_DIR ${file} cannot be used as the data directory`);
  }, 30_000);

  it('names the database file it cannot open for writing', async () => {
    const dir = join(scratch, 'data');
    // A directory where the log's file should be: SQLite cannot open it, whoever runs the app.
    mkdirSync(join(dir, 'events.db'), { recursive: true });
    const { code, output } = await start(dir);
    expect(code).toBe(1);
    expect(output).toContain(`cannot write the store ${join(dir, 'events.db')} (SQLITE_CANTOPEN)`);
  }, 30_000);
});
