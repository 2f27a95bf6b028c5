import { DeclareProjection, declaredProjections } from '@gx/application';
import { parkingStream } from '@gx/domain';
import type { Projection } from '@gx/readstore';
import { startStack, type Stack } from './support/stack';

/**
 * A projection declared like every other (`@DeclareProjection()`, registered as a provider) whose evolve throws on warehouses
 * coded `LC-POISON-*` while `broken.now` holds: a deterministic failure whose cause a test can clear.
 */
const broken = { now: false };
const fragile: Projection = {
  name: 'fragile-warehouses',
  version: 1,
  filter: { streamPrefixes: ['warehouse-'] },
  readModels: [
    {
      collection: 'fragile_warehouses',
      ids: (event) => (event.type === 'WarehouseRegistered' ? [(event.data as { code: string }).code] : []),
      evolve: (_doc, _event, id) => {
        if (broken.now && id.startsWith('LC-POISON-')) throw new Error(`marker warehouse ${id} refused`);
        return { _id: id, seen: true };
      },
    },
  ],
};

@DeclareProjection()
class FragileProjection {
  readonly projection = fragile;
}

interface Item {
  kind: string;
  name: string;
  state: string;
  owner?: string;
  lag: number;
  failing?: {
    position: string;
    type: string;
    streamId: string;
    error: string;
    attempts: number;
    nextAttemptAt: string;
  };
  parked: Array<{ position: string; reason: string; parkedBy: string; type: string; streamId: string }>;
}

describe('a projection stuck on an event: visible in the worker and the operations app, and the way out', () => {
  let stack: Stack;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations'], {}, [FragileProjection]);
    auth = { Authorization: `Bearer ${await stack.login('operations', 'operator1')}` };
  }, 120_000);
  afterAll(async () => {
    broken.now = false;
    await stack?.close();
  });

  const items = async (): Promise<Item[]> =>
    (await stack.http('operations').get('/projections').set(auth).expect(200)).body.items;
  const item = async (name = fragile.name): Promise<Item> => (await items()).find((i) => i.name === name) as Item;
  const poll = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const registerMarker = async (code: string): Promise<string> =>
    (
      await stack
        .http('operations')
        .post('/warehouses')
        .set(auth)
        .send({ code, name: '测试仓', kind: 'village_point', county: '茌平区' })
        .expect(201)
    ).body.position;

  it('shows every projection and process manager running, owned by the worker, with lag 0', async () => {
    const health = (await stack.http('worker').get('/health').expect(200)).body.checks;
    const owners = { ...health.projections.details, ...health.processManagers.details } as Record<
      string,
      { owner?: string }
    >;
    const all = await poll(items, (list) => list.every((i) => i.state === 'running' && i.lag === 0));
    expect(all.filter((i) => i.kind === 'projection').map((i) => i.name)).toEqual(
      declaredProjections().map((p) => p.name),
    );
    expect(all.filter((i) => i.kind === 'process-manager').length).toBeGreaterThan(0);
    for (const i of all) {
      expect(i.owner).toBeDefined();
      expect(i.owner).toBe(owners[i.name].owner);
    }
  }, 30_000);

  it('names the failing event in /health, /metrics and GET /projections, and skips it once an operator parks it with an audited reason', async () => {
    broken.now = true;
    const first = await registerMarker('LC-POISON-1');
    const health = await poll(
      () => stack.http('worker').get('/health'),
      (res) => res.status === 503 && res.body.checks.projections.details?.[fragile.name]?.failing !== undefined,
    );
    expect(health.body.checks.projections.status).toBe('down');
    expect(health.body.checks.projections.details[fragile.name]).toMatchObject({
      state: 'failing',
      failing: {
        position: first,
        type: 'WarehouseRegistered',
        streamId: 'warehouse-LC-POISON-1',
        error: expect.stringContaining('LC-POISON-1 refused'),
      },
    });
    const metrics = (await stack.http('worker').get('/metrics').expect(200)).text;
    expect(metrics).toMatch(
      new RegExp(
        `projection_stuck_attempts\\{projection="fragile-warehouses",position="${first}",event_type="WarehouseRegistered",stream="warehouse-LC-POISON-1",error="[^"]*LC-POISON-1 refused[^"]*"[^}]*\\} [1-9]`,
      ),
    );
    const stuck = await item();
    expect(stuck).toMatchObject({
      state: 'failing',
      failing: { position: first, type: 'WarehouseRegistered', streamId: 'warehouse-LC-POISON-1' },
    });
    // Only that projection is held up: the catalog has the warehouse.
    await stack.http('operations').get(`/warehouses?after=${first}`).set(auth).expect(200);

    const park = (body: object, name = fragile.name) =>
      stack.http('operations').post(`/projections/${name}/park`).set(auth).send(body);
    expect((await park({ position: String(BigInt(first) + 1n), reason: 'x' }).expect(409)).body.code).toBe(
      'INVALID_STATE',
    );
    expect((await park({ position: first, reason: '   ' }).expect(400)).body.errors).toEqual([
      expect.objectContaining({ field: 'reason' }),
    ]);
    expect((await park({ position: first, reason: 'x' }, 'nope').expect(404)).body.code).toBe('NOT_FOUND');
    const consumer = await stack.login('operations', 'consumer1');
    await stack
      .http('operations')
      .post(`/projections/${fragile.name}/park`)
      .set({ Authorization: `Bearer ${consumer}` })
      .send({ position: first, reason: 'x' })
      .expect(403);

    const parked = await park({ position: first, reason: '测试标记仓，已人工核对' }).expect(202);
    expect(parked.body).toMatchObject({
      kind: 'projection',
      name: fragile.name,
      event: { position: first, type: 'WarehouseRegistered' },
      reason: '测试标记仓，已人工核对',
    });
    const healed = await poll(item, (i) => i.state === 'running' && i.lag === 0);
    expect(healed.failing).toBeUndefined();
    expect(healed.parked).toEqual([
      expect.objectContaining({
        position: first,
        type: 'WarehouseRegistered',
        streamId: 'warehouse-LC-POISON-1',
        reason: '测试标记仓，已人工核对',
        parkedBy: 'operator1',
      }),
    ]);
    await stack.http('worker').get('/health').expect(200);
    const events = stack.pool.acquireEvents();
    try {
      const audit = await events.readStream(parkingStream('projection', fragile.name));
      expect(audit).toEqual([
        expect.objectContaining({
          type: 'SubscriberEventParked',
          position: parked.body.position,
          metadata: expect.objectContaining({ actor: 'operator1' }),
        }),
      ]);
    } finally {
      await stack.pool.releaseEvents();
    }
  }, 120_000);

  it('retries the failing event at once when an operator asks, once its cause is fixed', async () => {
    broken.now = true;
    const marker = await registerMarker('LC-POISON-2');
    // Undefined when the check itself did not answer in time (a loaded machine): not an answer either way.
    const workerView = async () =>
      (await stack.http('worker').get('/health')).body.checks.projections.details?.[fragile.name] as Item | undefined;
    // Four failures in, the backoff schedules the next attempt 8 s later.
    const failing = await poll(workerView, (i) => i?.failing?.position === marker && i.failing.attempts >= 4, 30_000);
    broken.now = false;
    const retry = await stack.http('operations').post(`/projections/${fragile.name}/retry`).set(auth).expect(202);
    expect(retry.body).toMatchObject({
      kind: 'projection',
      name: fragile.name,
      event: { position: marker, type: 'WarehouseRegistered' },
    });
    await poll(workerView, (i) => i !== undefined && i.failing === undefined);
    // Recovered before the attempt its backoff had scheduled: the retry did it.
    expect(Date.now()).toBeLessThan(Date.parse(failing?.failing?.nextAttemptAt ?? ''));
    const retried = await poll(item, (i) => i.state === 'running' && i.lag === 0);
    expect(retried.parked.map((p) => p.position)).not.toContain(marker);
    expect(
      (await stack.http('operations').post(`/projections/${fragile.name}/retry`).set(auth).expect(409)).body.code,
    ).toBe('INVALID_STATE');
  }, 120_000);
});
