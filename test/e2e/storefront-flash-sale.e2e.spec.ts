import { Accounts } from '@gx/application';
import { startStack, type Stack } from './support/stack';
import { STORES } from './support/stores';
import { campaignBody, inMs, startStorefront, tokens, type Storefront } from './storefront-support';

/**
 * 3000 joins from 100 consumers (at most 4 units each, so 400 could be asked for) on a quota of 300
 * on the embedded stores. On the production adapters' wire-level doubles (an in-process MongoDB
 * double answering every idempotency record) the same race runs at a third of the size: it checks
 * the adapters, not the throughput of the doubles.
 */
const SCALE =
  STORES === 'production'
    ? { consumers: 50, joinsEach: 20, quota: 120 }
    : { consumers: 100, joinsEach: 30, quota: 300 };
const CONSUMERS = SCALE.consumers;
const JOINS_PER_CONSUMER = SCALE.joinsEach;
const QUOTA = SCALE.quota;
const LIMIT = 4;
const CONCURRENCY = 200;

interface Answer {
  customer: string;
  status: number;
  body: { code?: string; orderId?: string; quantity?: number; position?: string };
}

/** Run `tasks` with at most `limit` in flight. */
async function bounded<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}

describe('storefront: flash sale', () => {
  let stack: Stack;
  let storefront: Storefront;
  let t: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations']);
    // Joins go over real HTTP to a listening storefront (supertest would start a server per request).
    storefront = await startStorefront(stack);
    t = await tokens(stack, [['operations', 'operator1']]);
  }, 60_000);
  afterAll(async () => {
    await storefront?.close();
    await stack?.close();
  });

  const call = (method: string, path: string, token: string, body?: object, key?: string) =>
    storefront.call(method, path, token, body, key ? { 'idempotency-key': key } : {});

  it('sells exactly the quota to thousands of concurrent joins, answers every loser SOLD_OUT or LIMIT_EXCEEDED, and the read models agree', async () => {
    const accounts = storefront.app.get(Accounts);
    const operator = storefront.token('operator1', ['operator']);
    const customers = Array.from({ length: CONSUMERS }, (_, i) => `flash-${String(i).padStart(3, '0')}`);
    const registering = performance.now();
    await Promise.all(
      customers.map((username) =>
        accounts.register(
          { username, displayName: username, password: 'demo-password', roles: ['consumer'] },
          { commandId: `register:${username}`, actor: 'test', correlationId: 'flash', now: new Date().toISOString() },
        ),
      ),
    );
    console.log(`registered ${CONSUMERS} consumers in ${((performance.now() - registering) / 1000).toFixed(1)} s`);
    const token = new Map(customers.map((c) => [c, storefront.token(c, ['consumer'])]));

    const created = await call(
      'POST',
      '/campaigns',
      operator,
      campaignBody({
        sku: 'SKU-CABBAGE',
        saleUnit: 'kg',
        quota: QUOTA,
        minQuantity: 50,
        perCustomerLimit: LIMIT,
        cutoffAt: inMs(3_600_000),
      }),
    );
    expect(created.status).toBe(201);
    const id = created.body.campaignId as string;
    expect((await call('POST', `/campaigns/${id}/publish`, operator)).status).toBe(200);

    const joins = customers.flatMap((customer) =>
      Array.from({ length: JOINS_PER_CONSUMER }, (_, n) => async (): Promise<Answer> => {
        const res = await call(
          'POST',
          `/campaigns/${id}/orders`,
          token.get(customer) as string,
          { quantity: 1, paymentMethod: 'pay_at_pickup' },
          `${customer}-${n}`,
        );
        return { customer, ...res };
      }),
    );
    // Each customer hammers the button (a burst of joins), several customers at once: the first ones
    // run into their limit while quota is left, the last ones find it sold out.
    const started = performance.now();
    const answers = await bounded(joins, CONCURRENCY);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `flash sale: ${answers.length} joins over HTTP in ${seconds.toFixed(1)} s (${Math.round(answers.length / seconds)}/s), ${CONCURRENCY} in flight`,
    );

    const won = answers.filter((a) => a.status === 201);
    const lost = answers.filter((a) => a.status !== 201);
    expect(won.reduce((n, a) => n + (a.body.quantity ?? 0), 0)).toBe(QUOTA);
    expect(
      lost.filter((a) => !(a.status === 409 && (a.body.code === 'SOLD_OUT' || a.body.code === 'LIMIT_EXCEEDED'))),
    ).toEqual([]);
    expect(lost.some((a) => a.body.code === 'SOLD_OUT')).toBe(true);
    expect(lost.some((a) => a.body.code === 'LIMIT_EXCEEDED')).toBe(true);
    const perCustomer = new Map<string, number>();
    for (const a of won) perCustomer.set(a.customer, (perCustomer.get(a.customer) ?? 0) + 1);
    expect(Math.max(...perCustomer.values())).toBeLessThanOrEqual(LIMIT);

    const last = won
      .map((a) => BigInt(a.body.position as string))
      .reduce((a, b) => (a > b ? a : b))
      .toString();
    const campaign = await call('GET', `/campaigns/${id}?after=${last}`, operator);
    expect(campaign.body).toMatchObject({
      held: QUOTA,
      remaining: 0,
      orders: QUOTA,
      payAtPickup: QUOTA,
      status: 'published',
    });
    const orders = await call('GET', `/pickup-points/PP-DCF-01/orders?campaignId=${id}&after=${last}`, operator);
    const items = orders.body.items as Array<{ orderId: string; customer: string; quantity: number; status: string }>;
    expect(items).toHaveLength(won.length);
    expect(new Set(items.map((o) => o.orderId))).toEqual(new Set(won.map((a) => a.body.orderId)));
    expect(items.reduce((n, o) => n + o.quantity, 0)).toBe(QUOTA);
    expect(items.every((o) => o.status === 'reserved')).toBe(true);

    const ops = stack.http('operations');
    const level = await ops
      .get(`/stock?sku=SKU-CABBAGE&warehouse=LC-HUB-DCF&after=${last}`)
      .set({ Authorization: `Bearer ${t.operator1}` })
      .expect(200);
    expect(level.body.items[0].reservations).toEqual(
      expect.arrayContaining([expect.objectContaining({ holder: id, quantityBase: QUOTA * 1000 })]),
    );
    const integrity = await ops
      .get('/integrity')
      .set({ Authorization: `Bearer ${t.operator1}` })
      .expect(200);
    expect(integrity.body).toMatchObject({ ok: true, disagreementCount: 0 });
  }, 240_000);
});
