import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startMongoWire, type MongoWire } from '@gx/testing';
import { freePort, recentOutput, spawnApp } from '../support/processes';
import { startStack, testEnv, type Stack } from './support/stack';
import { STORES } from './support/stores';
import { until } from './storefront-support';

/**
 * Transient store errors at start-up: the all-in-one process boots against a MongoDB whose first
 * commands fail as on an election (connections dropped, the driver's pool cleared). It must wait
 * and retry, saying what it waits for, and come up healthy instead of dying.
 */
const embedded = STORES === 'embedded' ? describe : describe.skip;

embedded('transient store errors during start-up', () => {
  let wire: MongoWire;
  let dataDir: string;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    wire = await startMongoWire();
    dataDir = mkdtempSync(join(tmpdir(), 'gx-transient-'));
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await wire.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it('boots through dropped MongoDB connections (the pool cleared, as on an election), logging what it waits for', async () => {
    const how = 'close';
    const ports = { PORT_STOREFRONT: 0, PORT_WHOLESALE: 0, PORT_KITCHEN: 0, PORT_OPERATIONS: 0, PORT_WORKER: 0 };
    for (const name of Object.keys(ports) as Array<keyof typeof ports>) ports[name] = await freePort();
    wire.interrupt(6, how);
    const env = testEnv(join(dataDir, how), {
      MONGODB_URI: `${wire.uri}/gx_${how}`,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
    });
    child = spawnApp('all', { ...env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) });
    const running = child;
    // All of it: the retries are logged early, among many start-up lines.
    let output = '';
    running.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const outcome = await until(
      'the all-in-one process to be healthy',
      async () => {
        if (running.exitCode !== null) return `exited with ${running.exitCode}`;
        const res = await fetch(`http://127.0.0.1:${ports.PORT_WORKER}/health`).catch(() => undefined);
        return res?.status === 200 ? 'healthy' : undefined;
      },
      60_000,
    );
    expect({ outcome, output: outcome === 'healthy' ? '' : recentOutput(running) }).toEqual({
      outcome: 'healthy',
      output: '',
    });
    // Each retry names the start-up call that waits and the error it got.
    expect(output).toMatch(
      /waiting for the store: [a-z ]+ failed \(MongoNetworkError: connection \d+ to 127\.0\.0\.1:\d+ closed\); retry 1 in 250 ms/,
    );
  }, 90_000);
});

embedded('lease errors in the worker', () => {
  let wire: MongoWire;
  let stack: Stack | undefined;
  beforeAll(async () => {
    wire = await startMongoWire();
  });
  afterAll(async () => {
    wire.interrupt(0);
    await stack?.close();
    await wire.stop();
  }, 20_000);

  it('shows a lease that fails with an error (not held by another) as unhealthy, and recovers when the store answers again', async () => {
    stack = await startStack(['worker'], { MONGODB_URI: `${wire.uri}/gx_leases`, PROJECTION_LEASE_TTL_MS: '900' });
    const worker = (stack as Stack).http('worker');
    expect((await worker.get('/health')).status).toBe(200);

    wire.interrupt(Number.POSITIVE_INFINITY, 'shutdown');
    // Process-manager and projection leases renew on their own timers, so the first unhealthy answer may name only
    // some of them: wait for the whole expected state, a projection lease among the errors.
    const down = await until('the worker to report its projection lease errors', async () => {
      const res = await worker.get('/health');
      const leases = res.status === 503 ? res.body.checks.leases : undefined;
      const errors: Array<{ lease: string }> = leases?.status === 'down' ? (leases.details?.errors ?? []) : [];
      return errors.some((e) => e.lease.startsWith('projection:')) ? leases : undefined;
    });
    expect(down.details.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          lease: expect.stringMatching(/^projection:/),
          error: expect.stringContaining('quiesce mode'),
        }),
      ]),
    );

    wire.interrupt(0);
    await until('the worker to be healthy again', async () =>
      (await worker.get('/health')).status === 200 ? true : undefined,
    );
  }, 60_000);
});
