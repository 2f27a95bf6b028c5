import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { SqliteDocumentStore } from '@gx/readstore/sqlite/sqlite-document-store';
import { TokenService } from '../auth/token.service';
import type { AppConfig } from '../config/config';
import { systemClock } from '../context/clock';
import { IdempotencyHooks } from './idempotency.hooks';
import { DEFAULT_IDEMPOTENCY_OPTIONS, IdempotencyStore } from './idempotency.store';

/** The hooks on a bare Fastify server: what the Nest pipeline adds (guards, filter) is covered by test/e2e/platform.e2e.spec.ts. */
describe('IdempotencyHooks', () => {
  let dir: string;
  let docs: SqliteDocumentStore;
  let records: IdempotencyStore;
  let server: FastifyInstance;
  let runs: number;
  const tokens = new TokenService({
    jwt: { secret: 'hooks-test-secret-hooks-test-secret-0123', ttlSeconds: 60, secretSource: 'env' },
  } as AppConfig);
  const bearer = `Bearer ${tokens.issue({ username: 'consumer1', roles: ['consumer'] }).accessToken}`;
  const post = (key: string, body: object = { quantity: 1 }) =>
    server.inject({
      method: 'POST',
      url: '/orders/o-1',
      headers: { authorization: bearer, 'idempotency-key': key },
      payload: body,
    });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-hooks-'));
    docs = new SqliteDocumentStore({ file: path.join(dir, 'requests.db') });
    records = new IdempotencyStore(docs, systemClock, DEFAULT_IDEMPOTENCY_OPTIONS);
    await records.onModuleInit();
    runs = 0;
    server = Fastify();
    new IdempotencyHooks(records, tokens).install(server);
    server.post('/orders/:id', async (_request, reply) => reply.code(201).send({ run: ++runs }));
    await server.ready();
  });

  afterEach(async () => {
    await server.close();
    records.onModuleDestroy();
    records.onApplicationShutdown();
    await docs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores the bytes, status and type sent, and replays them for the same key and body', async () => {
    const first = await post('k-1');
    const again = await post('k-1');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(runs).toBe(1);
    expect((await post('k-1', { quantity: 2 })).statusCode).toBe(422);
  });

  it('answers a 500 problem without running the handler when the records cannot be reached', async () => {
    await docs.close();
    const res = await post('k-2');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(res.body).not.toMatch(/database|sqlite/i);
    expect(runs).toBe(0);
  });
});
