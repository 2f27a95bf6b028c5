import type { Response } from 'supertest';
import { shanghaiDate } from '@gx/domain';
import { PROTOTYPE_KEYS } from '@gx/testing';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(60_000);

const PEAR = 'SKU-PEAR-GX';
/** The prototype names a batch-id or holder pattern lets through (`__proto__` and the `__define…` ones start with `_`). */
const CODE_LIKE = PROTOTYPE_KEYS.filter((key) => /^[A-Za-z]/.test(key));

/** A client error in problem+json, never a 5xx or a plain JSON error. */
function expectRefused(res: Response, what: string): void {
  if (res.status < 400 || res.status >= 500)
    throw new Error(`${what}: expected a 4xx, got ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(typeof res.body.code).toBe('string');
}

describe('ids are data: Object.prototype names are ordinary ids', () => {
  let stack: Stack;
  let operator: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ops = () => stack.http('operations');
  const head = async () => (await stack.http('worker').get('/health')).body.checks.eventStore.details.head as string;
  const ledger = async (warehouse: string) =>
    (await ops().get(`/stock/history?sku=${PEAR}&warehouse=${warehouse}`).set(as(operator)).expect(200)).body
      .entries as unknown[];
  const newWarehouse = async (code: string) => {
    await ops()
      .post('/warehouses')
      .set(as(operator))
      .send({ code, name: `测试仓 ${code}`, kind: 'township_station', county: '东昌府区' })
      .expect(201);
    return code;
  };
  const receive = async (warehouse: string, quantity: number) =>
    (
      await ops()
        .post('/receipts')
        .set(as(operator))
        .send({
          sku: PEAR,
          warehouse,
          producer: 'COOP-GX-PEAR',
          quantityBase: quantity,
          origin: { village: '冠县东古城镇前屯村' },
          harvestDate: shanghaiDate(new Date()),
          grade: '一级',
          inspection: { result: 'pass', testId: 'NC-IDS' },
        })
        .expect(201)
    ).body as { batchId: string; position: string };

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'wholesale']);
    operator = await stack.login('operations', 'operator1');
  });
  afterAll(async () => {
    await stack.close();
  });

  it('refuses every batch and holder that does not exist with a 4xx problem, and appends nothing', async () => {
    const warehouse = await newWarehouse('LC-TEST-IDS-1');
    await receive(warehouse, 10_000);
    const before = await ledger(warehouse);
    const at = { sku: PEAR, warehouse };
    for (const key of PROTOTYPE_KEYS) {
      const path = `/batches/${encodeURIComponent(key)}/inspection`;
      expectRefused(
        await ops()
          .post(path)
          .set(as(operator))
          .send({ ...at, inspection: { result: 'pass', testId: 'NC-2' } }),
        `POST ${path}`,
      );
      expectRefused(
        await ops()
          .post('/write-offs')
          .set(as(operator))
          .send({ ...at, batchId: key, quantityBase: 1, reason: 'damage' }),
        `write-off ${key}`,
      );
      for (const route of ['release', 'allocate', 'issue']) {
        const res = await ops()
          .post(`/reservations/${route}`)
          .set(as(operator))
          .send({ ...at, holder: key, reason: 'test' });
        expectRefused(res, `${route} ${key}`);
      }
    }
    expect(await ledger(warehouse)).toHaveLength(before.length);
  });

  it('holds stock for a holder named like a prototype member as for any other', async () => {
    const warehouse = await newWarehouse('LC-TEST-IDS-2');
    await receive(warehouse, 10_000);
    const at = { sku: PEAR, warehouse };
    for (const holder of CODE_LIKE) {
      await ops()
        .post('/reservations')
        .set(as(operator))
        .send({ ...at, holder, holderKind: 'other', quantityBase: 100 })
        .expect(201);
    }
    const released = await ops()
      .post('/reservations/release')
      .set(as(operator))
      .send({ ...at, holder: 'constructor', reason: 'test' })
      .expect(200);
    const level = await ops()
      .get(`/stock?sku=${PEAR}&warehouse=${warehouse}&after=${released.body.position}`)
      .set(as(operator))
      .expect(200);
    const holders = (level.body.items[0].reservations as Array<{ holder: string; quantityBase: number }>).map((r) => [
      r.holder,
      r.quantityBase,
    ]);
    expect(holders.sort()).toEqual(
      CODE_LIKE.filter((h) => h !== 'constructor')
        .map((h) => [h, 100])
        .sort(),
    );
    expect(level.body.items[0]).toMatchObject({
      onHandBase: 10_000,
      reservedBase: 100 * (CODE_LIKE.length - 1),
      availableBase: 10_000 - 100 * (CODE_LIKE.length - 1),
    });
  });

  it('refuses a lot cut from a batch named like a prototype member', async () => {
    const buyerDesk = stack.http('wholesale');
    const wholesaleOperator = await stack.login('wholesale', 'operator1');
    for (const batchId of PROTOTYPE_KEYS) {
      const res = await buyerDesk
        .post('/lots')
        .set(as(wholesaleOperator))
        .send({
          warehouse: 'LC-MKT-01',
          sku: PEAR,
          batchId,
          quantityBase: 5_000,
          startPriceFen: 3_000,
          incrementFen: 100,
          closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        });
      expectRefused(res, `lot from ${batchId}`);
    }
  });

  it('refuses a count line for a batch named constructor, and approved counts still post their adjustments', async () => {
    const warehouse = await newWarehouse('LC-TEST-IDS-3');
    const { batchId } = await receive(warehouse, 10_000);
    const { countId } = (
      await ops()
        .post('/counts')
        .set(as(operator))
        .send({ warehouse, skus: [PEAR] })
        .expect(201)
    ).body as { countId: string };
    for (const key of CODE_LIKE) {
      const res = await ops()
        .put(`/counts/${countId}/lines`)
        .set(as(operator))
        .send({ lines: [{ sku: PEAR, batchId: key, countedBase: 5 }] });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('UNKNOWN_BATCH');
    }
    await ops()
      .put(`/counts/${countId}/lines`)
      .set(as(operator))
      .send({ lines: [{ sku: PEAR, batchId, countedBase: 9_000 }] })
      .expect(200);
    await ops().post(`/counts/${countId}/submit`).set(as(operator)).expect(200);
    const approved = (await ops().post(`/counts/${countId}/approve`).set(as(operator)).expect(200)).body as {
      position: string;
    };
    let count: { status: string; lines: unknown[]; adjustments: { pending: number; posted: number } } | undefined;
    for (let i = 0; i < 100 && !(count?.status === 'approved' && count.adjustments.pending === 0); i++) {
      if (count) await new Promise((resolve) => setTimeout(resolve, 50));
      count = (await ops().get(`/counts/${countId}?after=${approved.position}`).set(as(operator)).expect(200)).body;
    }
    expect(count).toMatchObject({
      status: 'approved',
      lines: [expect.objectContaining({ batchId })],
      adjustments: { pending: 0, posted: 1 },
    });
  });

  it('leaves every projection healthy and caught up', async () => {
    const target = BigInt(await head());
    let health: Response | undefined;
    for (let i = 0; i < 100; i++) {
      health = await stack.http('worker').get('/health');
      const details = (health.body.checks?.projections?.details ?? {}) as Record<
        string,
        { checkpoint: string | null; state: string }
      >;
      const caughtUp = Object.values(details).every(
        (d) => d.state !== 'failed' && BigInt(d.checkpoint ?? '0') >= target,
      );
      if (health.status === 200 && caughtUp) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(health?.status).toBe(200);
    expect(health?.body.checks.projections.status).toBe('up');
    const projections = await ops().get('/projections').set(as(operator)).expect(200);
    for (const p of projections.body.items as Array<{ name: string; state: string; checkpoint: string | null }>) {
      expect([p.name, p.state === 'failed', BigInt(p.checkpoint ?? '0') >= target]).toEqual([p.name, false, true]);
    }
  });
});
