/**
 * Start-and-journey smoke test for another Node.js line: `node dist/test/smoke/node-journey.js` starts the
 * built all-in-one process (`dist/apps/all/src/main.js`) with the same Node binary that runs this script, on a
 * scratch data directory and free ports, walks one journey through every app over HTTP, and prints
 * `N passed, N failed`. `.ci/run` runs it on Node 24 from the npm registry's `node` package after `npm test`.
 *
 * Plain Node (no Jest): it must run on the Node line under test with nothing but the built output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const APPS = ['storefront', 'wholesale', 'kitchen', 'operations', 'worker'] as const;
type App = (typeof APPS)[number];

interface Answer {
  status: number;

  body: any;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

async function main(): Promise<number> {
  const root = resolve(__dirname, '../../..');
  const dataDir = mkdtempSync(join(tmpdir(), 'gx-smoke-'));
  const ports = new Map<App, number>();
  for (const app of APPS) ports.set(app, await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  };
  for (const app of APPS) env[`PORT_${app.toUpperCase()}`] = String(ports.get(app));
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--max-semi-space-size=64', join(root, 'dist/apps/all/src/main.js')],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const results: Array<{ name: string; ok: boolean; detail?: string }> = [];
  const check = (name: string, ok: boolean, detail?: unknown): void => {
    results.push({ name, ok, detail: ok ? undefined : JSON.stringify(detail)?.slice(0, 500) });
    process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : ` — ${JSON.stringify(detail)?.slice(0, 500)}`}\n`);
  };
  const call = async (
    app: App,
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const res = await fetch(`http://127.0.0.1:${ports.get(app)}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (the UI's index.html)
    }
    return { status: res.status, body: parsed };
  };
  const login = async (app: App, username: string): Promise<string> => {
    const res = await call(app, 'POST', '/auth/login', undefined, { username, password: 'demo-password' });
    check(`${app}: ${username} signs in`, res.status === 200 || res.status === 201, res);
    return res.body?.accessToken ?? '';
  };

  try {
    process.stdout.write(`Node ${process.version}: starting the all-in-one process on ${dataDir}\n`);
    const deadline = Date.now() + 120_000;
    let healthy = false;
    while (!healthy && Date.now() < deadline && child.exitCode === null) {
      const answers = await Promise.all(APPS.map((app) => call(app, 'GET', '/health').catch(() => undefined)));
      healthy = answers.every((a) => a?.status === 200);
      if (!healthy) await new Promise((r) => setTimeout(r, 500));
    }
    check('every app answers /health 200', healthy, { exitCode: child.exitCode, output: output.join('').slice(-2000) });
    if (!healthy) return 1;

    // Storefront: the public campaign list, a consumer joins one and finds the order in their list.
    // The demo campaigns are seeded and projected after start-up: poll until they are listed.
    const listOf = (a: Answer): any[] => (Array.isArray(a.body) ? a.body : (a.body?.items ?? []));
    let campaigns = await call('storefront', 'GET', '/campaigns');
    for (let i = 0; i < 240 && listOf(campaigns).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      campaigns = await call('storefront', 'GET', '/campaigns');
    }
    const list = listOf(campaigns);
    check('storefront: open campaigns listed without a token', campaigns.status === 200 && list.length > 0, campaigns);
    const consumer = await login('storefront', 'consumer1');
    const campaign = list[0];
    const joined = await call(
      'storefront',
      'POST',
      `/campaigns/${campaign?.campaignId}/orders`,
      consumer,
      { quantity: 1, paymentMethod: 'pay_at_pickup' },
      { 'idempotency-key': `smoke-${Date.now()}` },
    );
    check('storefront: consumer1 joins a campaign', joined.status === 201, joined);
    const orderId = joined.body?.orderId;
    const position = joined.body?.position;
    const mine = await call(
      'storefront',
      'GET',
      `/me/orders${position === undefined ? '' : `?after=${position}`}`,
      consumer,
    );
    const orders = listOf(mine);
    check(
      "storefront: the order is in consumer1's list",
      mine.status === 200 && orders.some((o) => o.orderId === orderId),
      mine,
    );

    // Wholesale and kitchen: their parties read their own data.
    const buyer = await login('wholesale', 'buyer1');
    const lots = await call('wholesale', 'GET', '/lots', buyer);
    check('wholesale: buyer1 reads the lots', lots.status === 200, lots);
    const lotItems = listOf(lots);
    check(
      'wholesale: lots give prices in fen per sale unit and quantities in base units',
      lotItems.length > 0 &&
        lotItems.every(
          (l) =>
            typeof l.startPriceFen === 'number' &&
            typeof l.quantityBase === 'number' &&
            typeof (l.saleUnit as { unit?: unknown } | undefined)?.unit === 'string',
        ),
      lots,
    );
    const purchaser = await login('kitchen', 'kitchen1');
    const contracts = await call('kitchen', 'GET', '/contracts', purchaser);
    check('kitchen: kitchen1 reads its contracts', contracts.status === 200, contracts);

    // Operations: the books reconcile after the journey.
    const operator = await login('operations', 'operator1');
    // The check compares projections that follow the log: poll for the whole expected state.
    let integrity = await call('operations', 'GET', '/integrity', operator);
    for (let i = 0; i < 40 && integrity.body?.ok !== true; i++) {
      await new Promise((r) => setTimeout(r, 250));
      integrity = await call('operations', 'GET', '/integrity', operator);
    }
    check('operations: /integrity is clean', integrity.status === 200 && integrity.body?.ok === true, integrity);

    // The console is served at its root to a browser.
    const page = await call('operations', 'GET', '/', undefined, undefined, { accept: 'text/html' });
    check(
      'operations: the console is served at /',
      page.status === 200 && typeof page.body === 'string' && page.body.includes('<div id="app"'),
      page.status,
    );
  } catch (err) {
    check('the journey ran without throwing', false, String((err as Error)?.stack ?? err));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  },
);
