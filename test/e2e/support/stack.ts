import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Declarations, PROCESS_POOL, StorePool } from '@gx/application';
import { EVENT_STORE, type EventStore } from '@gx/eventstore';
import { ReadModels } from '@gx/readstore';
import { createApp, loadConfig, type AppConfig, type AppModule, type AppName } from '@gx/platform';
import { KitchenModule } from '../../../apps/kitchen/src/kitchen.module';
import { OperationsModule } from '../../../apps/operations/src/operations.module';
import { StorefrontModule } from '../../../apps/storefront/src/storefront.module';
import { WholesaleModule } from '../../../apps/wholesale/src/wholesale.module';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { startTestStores } from './stores';

/** The root module of each app, as `npm start` and the Dockerfile run them. */
export const APP_MODULES: Record<AppName, AppModule> = {
  storefront: StorefrontModule,
  wholesale: WholesaleModule,
  kitchen: KitchenModule,
  operations: OperationsModule,
  worker: WorkerModule,
};

/** Apps of one test, sharing a fresh data directory, reached in-process through supertest. */
export interface Stack {
  config: AppConfig;
  /** The environment the apps were configured from (for a child process that must use the same stores). */
  env: Record<string, string>;
  dataDir: string;
  /** The stack's store clients: an extra app started beside the stack must share them (one EventStoreDB client per process). */
  pool: StorePool;
  /** The event store every app of the stack writes to (for tests that check what was written). */
  events: EventStore;
  http(app: AppName): ReturnType<typeof request>;
  /** The Nest application of an app of the stack (to look at what its modules registered). */
  nest(app: AppName): NestFastifyApplication;
  /** Listen on a free loopback port (for a real browser) and return the app's base URL. */
  listen(app: AppName): Promise<string>;
  /** A bearer token for a demo user (password `demo-password`). */
  login(app: AppName, username: string): Promise<string>;
  /** The JSON log lines (info and up) an app of `options.logsOf` wrote so far, oldest first. */
  logs(app: AppName): LogLine[];
  close(): Promise<void>;
}

/** One JSON log line of an app, as pino wrote it. */
export type LogLine = { level: string; app: string; msg?: string; context?: string } & Record<string, unknown>;

/** What an app logs, kept in memory line by line instead of going to stdout. */
function logCapture(): { lines: LogLine[]; destination: { write(text: string): void } } {
  const lines: LogLine[] = [];
  return { lines, destination: { write: (text) => void lines.push(JSON.parse(text) as LogLine) } };
}

export interface StackOptions {
  /** Apps whose log lines (info and up, whatever LOG_LEVEL says) the test reads through `logs(app)`. */
  logsOf?: AppName[];
}

/** Environment of a test stack: a fresh DATA_DIR, a fixed secret, quiet logs; `env` overrides. */
export function testEnv(dataDir: string, env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    SEED_DEMO: 'true',
    LOG_LEVEL: process.env.GX_TEST_LOG_LEVEL ?? 'silent',
    READ_WAIT_TIMEOUT_MS: '5000',
    ...env,
  };
}

/**
 * Boot `apps` (the worker first when listed, so seeding and projections run) on a fresh data directory;
 * `extra` providers are global in every app (e.g. a declared projection they run and administer).
 */
export async function startStack(
  apps: AppName[],
  env: Record<string, string> = {},
  extra: Provider[] = [],
  options: StackOptions = {},
): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gx-e2e-'));
  const stores = await startTestStores();
  const stackEnv = testEnv(dataDir, { ...stores.env, ...env });
  const config = loadConfig(stackEnv);
  // One pool per stack, as one process shares its store clients among the apps it runs.
  const pool = new StorePool(config);
  const providers = [{ provide: PROCESS_POOL, useValue: pool }, ...extra];
  const started = new Map<AppName, NestFastifyApplication>();
  const ordered = [...apps].sort((a, b) => Number(b === 'worker') - Number(a === 'worker'));
  const captures = new Map((options.logsOf ?? []).map((app) => [app, logCapture()]));
  for (const app of ordered) {
    const capture = captures.get(app);
    const nest = await createApp(APP_MODULES[app], {
      app,
      config,
      providers,
      ...(capture && { log: { destination: capture.destination, level: 'info' as const } }),
    });
    await nest.init();
    await nest.getHttpAdapter().getInstance().ready();
    started.set(app, nest);
  }
  const worker = started.get('worker');
  if (worker) {
    // Ready means the seeded data is visible: every projection has passed the head of the log.
    const head = await worker.get<EventStore>(EVENT_STORE, { strict: false }).headPosition();
    const names = worker
      .get(Declarations, { strict: false })
      .projections()
      .map((p) => p.name);
    if (head !== '0' && !(await worker.get(ReadModels, { strict: false }).waitFor(names, head, 30_000)))
      throw new Error('projections did not catch up');
  }
  const nestOf = (app: AppName): NestFastifyApplication => {
    const nest = started.get(app);
    if (!nest) throw new Error(`app ${app} is not part of this stack`);
    return nest;
  };
  const server = (app: AppName) => nestOf(app).getHttpServer();
  const first = started.values().next().value;
  if (!first) throw new Error('startStack needs at least one app');
  return {
    config,
    env: stackEnv,
    dataDir,
    pool,
    events: first.get<EventStore>(EVENT_STORE, { strict: false }),
    http: (app) => request(server(app)),
    nest: nestOf,
    async listen(app) {
      const nest = started.get(app);
      if (!nest) throw new Error(`app ${app} is not part of this stack`);
      await nest.listen({ port: 0, host: '127.0.0.1' });
      return nest.getUrl();
    },
    async login(app, username) {
      const res = await request(server(app))
        .post('/auth/login')
        .send({ username, password: 'demo-password' })
        .expect(200);
      return (res.body as { accessToken: string }).accessToken;
    },
    logs(app) {
      const capture = captures.get(app);
      if (!capture) throw new Error(`the logs of ${app} are not captured: start the stack with { logsOf: ['${app}'] }`);
      return capture.lines;
    },
    async close() {
      for (const nest of [...started.values()].reverse()) await nest.close();
      await stores.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
