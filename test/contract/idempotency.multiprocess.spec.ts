import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startMongoWire, type MongoWire } from '@gx/testing';
import { DEFAULT_IDEMPOTENCY_OPTIONS } from '@gx/platform/idempotency/idempotency.store';

const HOLDER = path.resolve(__dirname, '../../dist/test/support/idempotency-holder.js');
/** A guard against a hang, not a performance assertion. */
const GUARD_MS = 30_000;
/** Within how long after its holder died a key must run again: the heartbeat's staleness and a little. */
const FREE_AGAIN_MS = DEFAULT_IDEMPOTENCY_OPTIONS.holderStaleMs + 3_000;

interface Holder {
  child: ChildProcess;
  output: string;
  url: Promise<string>;
  exited: Promise<unknown>;
}

function startHolder(env: Record<string, string>, holdMs: number): Holder {
  const child = spawn(process.execPath, [HOLDER], {
    env: { PATH: process.env.PATH ?? '', ...env, HOLD_MS: String(holdMs), LOG_LEVEL: 'silent' },
    stdio: 'pipe',
  });
  const holder: Holder = {
    child,
    output: '',
    url: Promise.resolve(''),
    exited: new Promise((resolve) => child.once('exit', resolve)),
  };
  child.stderr?.on('data', (chunk: Buffer) => (holder.output += chunk.toString('utf8')));
  holder.url = new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      holder.output += chunk.toString('utf8');
      const port = /listening (\d+)/.exec(holder.output)?.[1];
      if (port !== undefined) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`holder exited (${code}) before listening: ${holder.output}`)));
  });
  return holder;
}

/** Poll until `probe` gives a value, or fail after GUARD_MS naming what was awaited. */
async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + GUARD_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const post = async (url: string, key: string) => {
  const res = await fetch(`${url}/work/w-1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: '{"n":1}',
  });
  return {
    status: res.status,
    replayed: res.headers.get('idempotent-replayed') === 'true',
    body: (await res.json()) as { pid?: number; code?: string },
  };
};

const STORES: Array<[string, () => Promise<{ env: (dir: string) => Record<string, string>; stop(): Promise<void> }>]> =
  [
    ['SQLite (requests.db)', async () => ({ env: (dir) => ({ DATA_DIR: dir }), stop: async () => undefined })],
    [
      'MongoDB (wire double)',
      async () => {
        const mongo: MongoWire = await startMongoWire();
        return {
          env: (dir) => ({ DATA_DIR: dir, MONGODB_URI: `${mongo.uri.replace(/\/$/, '')}/gx_idem` }),
          stop: () => mongo.stop(),
        };
      },
    ],
  ];

describe.each(STORES)('Idempotency-Key held by another process, on %s', (_name, startStore) => {
  let dir: string;
  let store: Awaited<ReturnType<typeof startStore>>;
  let holders: Holder[] = [];
  const start = (holdMs: number): Holder => {
    const holder = startHolder(store.env(dir), holdMs);
    holders.push(holder);
    return holder;
  };

  beforeAll(() => {
    if (!fs.existsSync(HOLDER))
      throw new Error(`${HOLDER} is missing: run \`npm run build\` before the contract tests`);
  });
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-idem-'));
    store = await startStore();
  });
  afterEach(async () => {
    for (const { child } of holders) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(holders.map((h) => h.exited));
    holders = [];
    await store.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is free again within seconds when its process is killed mid-request, and the retry runs once', async () => {
    const [first, second] = [start(60_000), start(0)];
    const [firstUrl, secondUrl] = await Promise.all([first.url, second.url]);
    const inFlight = post(firstUrl, 'crash-1').catch(() => 'killed');
    await until('the first request to hold its key', () => (first.output.includes('started w-1') ? true : undefined));
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await inFlight).toBe('killed');

    const killedAt = performance.now();
    // Retries as a client makes them: each waits (bounded) for the key; a 409 says retry later.
    const answer = await until('the retry to run', async () => {
      const res = await post(secondUrl, 'crash-1');
      expect([201, 409]).toContain(res.status);
      return res.status === 201 ? res : undefined;
    });
    expect(performance.now() - killedAt).toBeLessThan(FREE_AGAIN_MS);
    expect(answer).toMatchObject({ replayed: false, body: { pid: second.child.pid } });
    expect(second.output.match(/started w-1/g)).toHaveLength(1);
    expect(await post(secondUrl, 'crash-1')).toMatchObject({
      status: 201,
      replayed: true,
      body: { pid: second.child.pid },
    });
  }, 60_000);

  it('stays locked while its live process is still working, past the heartbeat staleness, and runs once', async () => {
    const holdMs = DEFAULT_IDEMPOTENCY_OPTIONS.waitMs + 2_000;
    const [slow, other] = [start(holdMs), start(0)];
    const [slowUrl, otherUrl] = await Promise.all([slow.url, other.url]);
    const first = post(slowUrl, 'slow-1');
    await until('the slow request to hold its key', () => (slow.output.includes('started w-1') ? true : undefined));
    const startedAt = performance.now();
    // The duplicate waits its bounded time (longer than a dead holder's heartbeat would last), then gives up.
    const duplicate = await post(otherUrl, 'slow-1');
    expect(performance.now() - startedAt).toBeGreaterThan(DEFAULT_IDEMPOTENCY_OPTIONS.holderStaleMs);
    expect(duplicate).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_IN_PROGRESS' } });
    expect(await first).toMatchObject({ status: 201, body: { pid: slow.child.pid } });
    expect(await post(otherUrl, 'slow-1')).toMatchObject({
      status: 201,
      replayed: true,
      body: { pid: slow.child.pid },
    });
    expect(other.output).not.toContain('started w-1');
  }, 60_000);
});
