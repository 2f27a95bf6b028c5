import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { eventually, exited, freePort, recentOutput, spawnApp } from '../support/processes';
import { testEnv } from './support/stack';
import { startTestStores, type TestStores } from './support/stores';

const ATTEMPTS = 300;
const QUANTITY = 120;

describe('stock under concurrent reservations from two processes', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  let urls: string[];
  let token: string;
  let stores: TestStores;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gx-race-'));
    stores = await startTestStores();
    const [workerPort, a, b] = await Promise.all([freePort(), freePort(), freePort()]);
    const base = {
      ...testEnv(dir, { LOG_LEVEL: 'warn', ...stores.env }),
      HOST: '127.0.0.1',
      PORT_WORKER: String(workerPort),
    };
    const worker = spawnApp('worker', base);
    children.push(worker);
    await eventually(
      async () => ((await fetch(`http://127.0.0.1:${workerPort}/health`)).ok ? true : undefined),
      30_000,
      () => `the worker (${recentOutput(worker)})`,
    );
    urls = [a, b].map((port) => `http://127.0.0.1:${port}`);
    for (const port of [a, b]) children.push(spawnApp('operations', { ...base, PORT_OPERATIONS: String(port) }));
    for (const url of urls)
      await eventually(
        async () => ((await fetch(`${url}/health`)).ok ? true : undefined),
        30_000,
        `operations at ${url}`,
      );
    const login = await fetch(`${urls[0]}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator1', password: 'demo-password' }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  }, 60_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    await stores.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (url: string, method: string, path: string, body?: object) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('reserves exactly what is available, answers every other request INSUFFICIENT_STOCK, and the ledger equals the read model', async () => {
    const at = { sku: 'SKU-EGG', warehouse: 'LC-HUB-CP' };
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const receipt = await call(urls[0], 'POST', '/receipts', {
      ...at,
      producer: 'FSC-DCF-01',
      quantityBase: QUANTITY,
      origin: { village: '东昌府区梁水镇' },
      harvestDate: today,
      grade: '一级',
      inspection: { result: 'pass', testId: 'NC-RACE' },
    });
    expect(receipt.status).toBe(201);

    const results = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        call(urls[i % 2], 'POST', '/reservations', {
          ...at,
          holder: `RACE-${i}`,
          holderKind: 'order',
          quantityBase: 1,
        }),
      ),
    );
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won).toHaveLength(QUANTITY);
    expect(lost.every((r) => r.status === 409 && r.body.code === 'INSUFFICIENT_STOCK')).toBe(true);

    const last = won.map((r) => BigInt(r.body.position as string)).reduce((a, b) => (a > b ? a : b));
    const stock = await call(urls[1], 'GET', `/stock?sku=${at.sku}&warehouse=${at.warehouse}&after=${last}`);
    expect(stock.body.items).toEqual([
      expect.objectContaining({ onHandBase: QUANTITY, reservedBase: QUANTITY, availableBase: 0 }),
    ]);
    const history = await call(urls[0], 'GET', `/stock/history?sku=${at.sku}&warehouse=${at.warehouse}`);
    const entries = history.body.entries as Array<{ type: string; revision: number }>;
    expect(entries.filter((e) => e.type === 'StockReserved')).toHaveLength(QUANTITY);
    expect(entries.map((e) => e.revision)).toEqual(entries.map((_, i) => i));
    const integrity = await call(urls[1], 'GET', '/integrity');
    expect(integrity.body).toMatchObject({ ok: true, disagreementCount: 0 });
  }, 60_000);
});
