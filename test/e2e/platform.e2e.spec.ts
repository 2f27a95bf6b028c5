import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, Get, HttpCode, Injectable, Module, Param, Post, type OnModuleInit } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsString, Min, MinLength, ValidateNested } from 'class-validator';
import request from 'supertest';
import { DomainError, type DomainErrorCode } from '@gx/domain/shared/domain-error';
import { ConcurrencyError } from '@gx/eventstore/event-store.port';
import { DOCUMENT_STORE } from '@gx/readstore/document-store.port';
import { SqliteDocumentStore } from '@gx/readstore/sqlite/sqlite-document-store';
import {
  Ctx,
  CurrentUser,
  HealthRegistry,
  PlatformModule,
  Public,
  Roles,
  USER_DIRECTORY,
  createApp,
  hashPassword,
  loadConfig,
  type AuthUser,
  type RequestContext,
  type UserDirectory,
  type UserRecord,
} from '@gx/platform/platform.exports';

class LineDto {
  @IsString()
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;
}

class OrderDto {
  @IsString()
  @MinLength(1)
  customer: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines: LineDto[];
}

/** What the handlers did, per app instance, so tests can tell a replay from a second run. */
@Injectable()
class Calls {
  orders = 0;
  slow = 0;
  rejections = 0;
  flaky = 0;
  healthy = true;
}

@Injectable()
class TestHealth implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly calls: Calls,
  ) {}

  onModuleInit(): void {
    this.health.register({ name: 'switch', check: async () => ({ status: this.calls.healthy ? 'up' : 'down' }) });
  }
}

@Controller('t')
class TestController {
  constructor(private readonly calls: Calls) {}

  @Public()
  @Get('public')
  open(@CurrentUser() user: AuthUser | undefined): { user: string } {
    return { user: user?.username ?? 'anonymous' };
  }

  @Get('me')
  me(@CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext): { user: AuthUser; correlationId: string } {
    return { user, correlationId: ctx.correlationId };
  }

  @Roles('operator')
  @Get('operators-only')
  operatorsOnly(): { ok: true } {
    return { ok: true };
  }

  @Post('orders')
  async order(
    @Body() dto: OrderDto,
    @Ctx() ctx: RequestContext,
  ): Promise<{ orderId: string; run: number; lines: number }> {
    this.calls.orders += 1;
    const run = this.calls.orders;
    await sleep(150);
    return { orderId: ctx.commandId('place-order'), run, lines: dto.lines.length };
  }

  @Post('slow')
  @HttpCode(202)
  async slow(): Promise<{ run: number }> {
    this.calls.slow += 1;
    await sleep(1500);
    return { run: this.calls.slow };
  }

  @Post('domain/:code')
  reject(@Param('code') code: string): never {
    this.calls.rejections += 1;
    throw new DomainError(
      code as DomainErrorCode,
      `rule ${code} violated`,
      code === 'BID_TOO_LOW' ? 'pricePerUnitFen' : undefined,
    );
  }

  @Post('flaky')
  flaky(): { attempt: number } {
    this.calls.flaky += 1;
    if (this.calls.flaky === 1) throw new Error('database exploded at /srv/secret/path');
    return { attempt: this.calls.flaky };
  }

  @Post('conflict')
  conflict(): never {
    throw new ConcurrencyError('order-1', 3, 4);
  }

  @Get('boom')
  boom(): never {
    throw new Error('password=hunter2 in /srv/secret/config.ts');
  }
}

function directory(users: UserRecord[]): UserDirectory {
  const findByUsername = async (username: string) => users.find((u) => u.username === username) ?? null;
  return { findByUsername, findByLogin: findByUsername };
}

describe('platform (HTTP)', () => {
  let dir: string;
  let store: SqliteDocumentStore;
  let app: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let calls: Calls;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-'));
    store = new SqliteDocumentStore({ file: path.join(dir, 'read.db') });
    const passwordHash = await hashPassword('demo-password');
    const users = directory([
      { username: 'consumer1', passwordHash, roles: ['consumer'] },
      { username: 'operator1', passwordHash, roles: ['operator'] },
      { username: 'leader1', passwordHash, roles: ['leader'], party: 'PP-DCF-01' },
    ]);

    @Module({
      providers: [
        { provide: DOCUMENT_STORE, useValue: store },
        { provide: USER_DIRECTORY, useValue: users },
      ],
      exports: [DOCUMENT_STORE, USER_DIRECTORY],
    })
    class StoresModule {}

    @Module({
      imports: [
        PlatformModule.forRoot({
          app: 'storefront',
          login: true,
          imports: [StoresModule],
          idempotency: { waitMs: 1000 },
        }),
      ],
      controllers: [TestController],
      providers: [Calls, TestHealth],
    })
    class TestAppModule {}

    @Module({ imports: [PlatformModule.forRoot({ app: 'worker', login: false, imports: [StoresModule] })] })
    class TestWorkerModule {}

    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'e2e-secret-that-is-long-enough-0123456789',
    });
    app = await createApp(TestAppModule, { app: 'storefront', config });
    worker = await createApp(TestWorkerModule, { app: 'worker', config });
    for (const a of [app, worker]) {
      await a.init();
      await a.getHttpAdapter().getInstance().ready();
    }
    calls = app.get(Calls);
    for (const username of ['consumer1', 'operator1', 'leader1']) {
      const res = await http().post('/auth/login').send({ username, password: 'demo-password' });
      tokens[username] = res.body.accessToken;
    }
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());
  const bearer = (username: string) => `Bearer ${tokens[username]}`;
  const order = { customer: 'c-1', lines: [{ sku: 'PEAR-GX', quantity: 2 }] };

  function expectProblem(res: request.Response, status: number, code: string): void {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status,
      code,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    });
    expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
  }

  describe('login', () => {
    it('issues a bearer token carrying the user, roles and party', async () => {
      const res = await http().post('/auth/login').send({ username: 'leader1', password: 'demo-password' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 3600,
        roles: ['leader'],
        refreshToken: expect.any(String),
        refreshExpiresIn: 14 * 3600,
      });
      const me = await http().get('/t/me').set('Authorization', `Bearer ${res.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body.user).toEqual({ username: 'leader1', roles: ['leader'], party: 'PP-DCF-01' });
    });

    it('answers a wrong password and an unknown user alike, in similar time', async () => {
      const timed = async (username: string) => {
        const start = performance.now();
        const res = await http().post('/auth/login').send({ username, password: 'wrong-password' });
        return { res, ms: performance.now() - start };
      };
      const wrong: Array<Awaited<ReturnType<typeof timed>>> = [];
      const unknown: Array<Awaited<ReturnType<typeof timed>>> = [];
      for (let i = 0; i < 5; i++) {
        wrong.push(await timed('consumer1'));
        unknown.push(await timed('nobody'));
      }
      for (const { res } of [...wrong, ...unknown]) expectProblem(res, 401, 'UNAUTHORIZED');
      expect(unknown[0].res.body.detail).toBe(wrong[0].res.body.detail);
      const median = (xs: Array<{ ms: number }>) => xs.map((x) => x.ms).sort((a, b) => a - b)[2];
      // Without the decoy hash an unknown user would answer in about a millisecond.
      expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.4);
    });

    it('is not served by the worker', async () => {
      const res = await request(worker.getHttpServer())
        .post('/auth/login')
        .send({ username: 'consumer1', password: 'demo-password' });
      expectProblem(res, 404, 'NOT_FOUND');
    });
  });

  describe('authorization', () => {
    it('refuses a protected route without a token, or with a forged one', async () => {
      expectProblem(await http().get('/t/me'), 401, 'UNAUTHORIZED');
      const forged = tokens.consumer1.slice(0, -3) + (tokens.consumer1.endsWith('AAA') ? 'BBB' : 'AAA');
      expectProblem(await http().get('/t/me').set('Authorization', `Bearer ${forged}`), 401, 'UNAUTHORIZED');
    });

    it('lets anyone reach a public route and still recognises a token there', async () => {
      expect((await http().get('/t/public')).body).toEqual({ user: 'anonymous' });
      expect((await http().get('/t/public').set('Authorization', bearer('consumer1'))).body).toEqual({
        user: 'consumer1',
      });
    });

    it('answers 403 FORBIDDEN to a user without the required role', async () => {
      expectProblem(await http().get('/t/operators-only').set('Authorization', bearer('consumer1')), 403, 'FORBIDDEN');
      expect((await http().get('/t/operators-only').set('Authorization', bearer('operator1'))).status).toBe(200);
    });
  });

  describe('bad input', () => {
    it('names every bad field, nested and array items included, and every extra field', async () => {
      const res = await http()
        .post('/t/orders')
        .set('Authorization', bearer('consumer1'))
        .send({ customer: 7, lines: [{ sku: 'A', quantity: 0, colour: 'red' }, { quantity: 'two' }], coupon: 'FREE' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const fields = (res.body.errors as Array<{ field: string; message: string }>).map((e) => e.field).sort();
      expect(fields).toEqual([
        'coupon',
        'customer',
        'lines.0.colour',
        'lines.0.quantity',
        'lines.1.quantity',
        'lines.1.sku',
      ]);
      expect(calls.orders).toBe(0);
    });

    it('says a missing field is required, and that a body not sent as JSON must be', async () => {
      const missing = await http()
        .post('/t/orders')
        .set('Authorization', bearer('consumer1'))
        .send({ lines: [{ sku: 'A', quantity: 1 }] });
      expectProblem(missing, 400, 'VALIDATION_FAILED');
      expect(missing.body.errors).toEqual([{ field: 'customer', message: 'customer is required' }]);
      // curl -d without a content-type sends a form: it would otherwise parse as one field named by the JSON text.
      for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
        const res = await http()
          .post('/t/orders')
          .set('Authorization', bearer('consumer1'))
          .set('Content-Type', type)
          .send('{"customer":"c","lines":[]}');
        expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(res.body).toMatchObject({
          detail: expect.stringContaining('content-type: application/json'),
          errors: [{ field: 'content-type' }],
        });
      }
      expect(calls.orders).toBe(0);
    });

    it('answers malformed JSON with 400 BAD_REQUEST', async () => {
      const res = await http()
        .post('/t/orders')
        .set('Authorization', bearer('consumer1'))
        .set('Content-Type', 'application/json')
        .send('{"customer":');
      expectProblem(res, 400, 'BAD_REQUEST');
    });

    it('answers an unsupported media type with 415 and an oversized body with 413', async () => {
      const xml = await http()
        .post('/t/orders')
        .set('Authorization', bearer('consumer1'))
        .set('Content-Type', 'application/xml')
        .send('<order/>');
      expectProblem(xml, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const huge = JSON.stringify({ customer: 'x'.repeat(1024 * 1024 + 10), lines: [] });
      const big = await http()
        .post('/t/orders')
        .set('Authorization', bearer('consumer1'))
        .set('Content-Type', 'application/json')
        .send(huge);
      expectProblem(big, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers an unknown route with a 404 problem that does not quote the path', async () => {
      const res = await http().get('/no/such/route-<script>');
      expectProblem(res, 404, 'NOT_FOUND');
      expect(res.text).not.toContain('route-');
    });

    it('refuses a deeply nested body with 400 BODY_TOO_DEEP before validation, also on the anonymous login', async () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      const login = await http()
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"username":${deep},"password":"x"}`);
      expectProblem(login, 400, 'BODY_TOO_DEEP');
      const orders = await http()
        .post('/t/orders')
        .set('Authorization', bearer('consumer1'))
        .set('Content-Type', 'application/json')
        .send(`{"customer":"c","lines":${deep}}`);
      expectProblem(orders, 400, 'BODY_TOO_DEEP');
      expect(orders.body.errors).toEqual([{ field: 'body', message: expect.stringContaining('32 levels') }]);
      expect(calls.orders).toBe(0);
    });

    it('answers router errors (over-long parameter, bad percent-encoding) as problems without quoting the path', async () => {
      const long = await http()
        .post(`/t/domain/${'q'.repeat(5000)}`)
        .set('Authorization', bearer('consumer1'));
      expectProblem(long, 414, 'URI_TOO_LONG');
      expect(long.text).not.toContain('qqqq');
      const bad = await http().post('/t/domain/%E0%A4%A-secret').set('Authorization', bearer('consumer1'));
      expectProblem(bad, 400, 'BAD_URL');
      expect(bad.text).not.toContain('secret');
      expect(calls.rejections).toBe(0);
    });
  });

  describe('errors', () => {
    it.each([
      ['SOLD_OUT', 409],
      ['CUTOFF_PASSED', 409],
      ['OUTBID', 409],
      ['CREDIT_EXCEEDED', 422],
      ['FORBIDDEN', 403],
      ['NOT_FOUND', 404],
    ])('maps the domain code %s to %i', async (code, status) => {
      const res = await http().post(`/t/domain/${code}`).set('Authorization', bearer('consumer1'));
      expectProblem(res, status, code);
      expect(res.body.detail).toBe(`rule ${code} violated`);
    });

    it('lists the field of a 422 business error', async () => {
      const res = await http().post('/t/domain/BID_TOO_LOW').set('Authorization', bearer('consumer1'));
      expectProblem(res, 422, 'BID_TOO_LOW');
      expect(res.body.errors).toEqual([{ field: 'pricePerUnitFen', message: 'rule BID_TOO_LOW violated' }]);
    });

    it('answers repeated write conflicts with 503 CONFLICT_RETRY and Retry-After', async () => {
      const res = await http().post('/t/conflict').set('Authorization', bearer('consumer1'));
      expectProblem(res, 503, 'CONFLICT_RETRY');
      expect(res.headers['retry-after']).toBe('1');
    });

    it('answers an unexpected error with 500 INTERNAL without revealing internals', async () => {
      const res = await http().get('/t/boom').set('Authorization', bearer('consumer1'));
      expectProblem(res, 500, 'INTERNAL');
      expect(res.text).not.toMatch(/hunter2|secret|config\.ts|at /);
    });
  });

  describe('idempotency', () => {
    const post = (key: string, body: object, user = 'consumer1') =>
      http().post('/t/orders').set('Authorization', bearer(user)).set('Idempotency-Key', key).send(body);

    it('replays the first answer to a retry with the same key, running the handler once', async () => {
      const before = calls.orders;
      const first = await post('retry-1', order);
      const second = await post('retry-1', order);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(calls.orders).toBe(before + 1);
    });

    it('derives the same command id from the same key and user, and another for another user', async () => {
      const a = await post('derive-1', order, 'consumer1');
      const b = await post('derive-1', order, 'operator1');
      expect(a.body.orderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(b.body.orderId).not.toBe(a.body.orderId);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
    });

    it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
      await post('reuse-1', order);
      const res = await post('reuse-1', { ...order, customer: 'someone-else' });
      expectProblem(res, 422, 'IDEMPOTENCY_KEY_REUSED');
    });

    it('runs concurrent duplicates once and gives each the same answer', async () => {
      const before = calls.orders;
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => post('burst-1', order)));
      expect(new Set(answers.map((r) => r.status))).toEqual(new Set([201]));
      expect(new Set(answers.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
      expect(calls.orders).toBe(before + 1);
    });

    it('answers 409 IDEMPOTENCY_IN_PROGRESS when the first request outlasts the wait', async () => {
      const slow = () =>
        http().post('/t/slow').set('Authorization', bearer('consumer1')).set('Idempotency-Key', 'slow-1').send({});
      // supertest sends only once awaited: then() starts the first request now.
      const first = slow().then((res) => res);
      // Once the handler runs, the first request holds the key's record.
      for (let waited = 0; calls.slow === 0 && waited < 5_000; waited += 10) await sleep(10);
      expect(calls.slow).toBe(1);
      const duplicate = await slow();
      expectProblem(duplicate, 409, 'IDEMPOTENCY_IN_PROGRESS');
      expect((await first).status).toBe(202);
      const retry = await slow();
      expect(retry.status).toBe(202);
      expect(retry.body).toEqual({ run: 1 });
    });

    it('replays a business error too, without running the handler again', async () => {
      const before = calls.rejections;
      const send = () =>
        http().post('/t/domain/SOLD_OUT').set('Authorization', bearer('consumer1')).set('Idempotency-Key', 'sold-1');
      const first = await send();
      const second = await send();
      expectProblem(first, 409, 'SOLD_OUT');
      expect(second.status).toBe(409);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(calls.rejections).toBe(before + 1);
    });

    it('does not store a server error, so a retry with the same key can succeed', async () => {
      const send = () =>
        http().post('/t/flaky').set('Authorization', bearer('consumer1')).set('Idempotency-Key', 'flaky-1');
      expectProblem(await send(), 500, 'INTERNAL');
      const retry = await send();
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual({ attempt: 2 });
    });

    it('lets a client fix an invalid body and retry under the same key', async () => {
      const invalid = await post('fix-1', { ...order, lines: [] });
      expectProblem(invalid, 400, 'VALIDATION_FAILED');
      const fixed = await post('fix-1', order);
      expect(fixed.status).toBe(201);
      expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    });

    it('rejects a malformed Idempotency-Key with 400', async () => {
      expectProblem(await post('x'.repeat(201), order), 400, 'INVALID_IDEMPOTENCY_KEY');
    });
  });

  describe('observability', () => {
    it('echoes a valid correlation id and replaces an unsafe one', async () => {
      const ok = await http()
        .get('/t/me')
        .set('Authorization', bearer('consumer1'))
        .set('X-Correlation-Id', 'client-req.42_a');
      expect(ok.headers['x-correlation-id']).toBe('client-req.42_a');
      expect(ok.body.correlationId).toBe('client-req.42_a');
      const unsafe = await http()
        .get('/t/me')
        .set('Authorization', bearer('consumer1'))
        .set('X-Correlation-Id', 'bad id\twith spaces');
      expect(unsafe.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('exposes request metrics per route template on /metrics, per app', async () => {
      await http().post('/t/domain/OUTBID').set('Authorization', bearer('consumer1'));
      const res = await http().get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toMatch(
        /http_requests_total\{method="POST",route="\/t\/domain\/:code",status="409",app="storefront"\} \d+/,
      );
      expect(res.text).toContain('process_cpu_user_seconds_total');
      const workerMetrics = await request(worker.getHttpServer()).get('/metrics');
      expect(workerMetrics.text).not.toContain('route="/t/domain/:code"');
    });

    it('reports health: up with its checks, 503 when a check is down', async () => {
      const up = await http().get('/health');
      expect(up.status).toBe(200);
      expect(up.body).toEqual({
        status: 'up',
        app: 'storefront',
        checks: { documentStore: { status: 'up' }, switch: { status: 'up' } },
      });
      calls.healthy = false;
      try {
        const down = await http().get('/health');
        expect(down.status).toBe(503);
        expect(down.body).toMatchObject({ status: 'down', checks: { switch: { status: 'down' } } });
      } finally {
        calls.healthy = true;
      }
    });

    it('serves the OpenAPI 3 document and the Swagger UI publicly', async () => {
      const doc = await http().get('/docs-json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(doc.body.info.title).toContain('storefront');
      expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/auth/login', '/health', '/metrics', '/t/orders']),
      );
      const ui = await http().get('/docs');
      expect(ui.status).toBe(200);
      expect(ui.headers['content-type']).toMatch(/^text\/html/);
      expect(ui.text).toContain('swagger-ui');
      const asset = await http().get('/docs/swagger-ui-bundle.js');
      expect(asset.status).toBe(200);
    });
  });
});
