import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROCESS_POOL, StorePool } from '@gx/application';
import { createApp } from '@gx/platform';
import { APP_MODULES, startStack, type Stack } from './support/stack';
import { STORES } from './support/stores';
import { campaignBody, inMs, startStorefront, type Storefront } from './storefront-support';

/**
 * Two storefronts on one embedded store, each with its own connection and CommandRunner, as two
 * processes would be: joins of one hot campaign sent to both conflict on the campaign stream, and
 * both wait for each other's write lock. /metrics must show it.
 */
const embedded = STORES === 'embedded' ? describe : describe.skip;

/** The sum of a metric's samples whose line carries every one of `labels`. */
function sample(text: string, name: string, ...labels: string[]): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

embedded('contention metrics: conflicts, retries, commit and lock-wait times in /metrics', () => {
  let stack: Stack;
  let first: Storefront;
  let second: NestFastifyApplication;
  let secondUrl: string;
  let secondPool: StorePool;

  beforeAll(async () => {
    stack = await startStack(['worker']);
    first = await startStorefront(stack);
    // A pool of its own: its own SQLite connections, as a second process has.
    secondPool = new StorePool(stack.config);
    second = await createApp(APP_MODULES.storefront, {
      app: 'storefront',
      config: stack.config,
      providers: [{ provide: PROCESS_POOL, useValue: secondPool }],
    });
    await second.listen({ port: 0, host: '127.0.0.1' });
    secondUrl = await second.getUrl();
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await stack?.close();
  });

  it('counts revision conflicts and retries per stream category, and times store commits and lock waits', async () => {
    const operator = first.token('operator1', ['operator']);
    const created = await first.call(
      'POST',
      '/campaigns',
      operator,
      campaignBody({
        sku: 'SKU-CABBAGE',
        quota: 300,
        minQuantity: 1,
        perCustomerLimit: 300,
        cutoffAt: inMs(3_600_000),
      }),
    );
    const id = created.body.campaignId as string;
    expect((await first.call('POST', `/campaigns/${id}/publish`, operator)).status).toBe(200);

    // Every other join goes to the second instance (same secret, so the first one's tokens do).
    const join = async (n: number): Promise<number> => {
      const headers = {
        authorization: `Bearer ${first.token(`consumer${1 + (n % 3)}`, ['consumer'])}`,
        'content-type': 'application/json',
      };
      const url = `${n % 2 === 0 ? first.url : secondUrl}/campaigns/${id}/orders`;
      return (
        await fetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ quantity: 1, paymentMethod: 'pay_at_pickup' }),
        })
      ).status;
    };
    // Waves of concurrent joins on both instances: each instance's cached campaign state goes stale as the other appends.
    const statuses: number[] = [];
    for (let wave = 0; wave < 6; wave++)
      statuses.push(...(await Promise.all(Array.from({ length: 40 }, (_, i) => join(wave * 40 + i)))));
    expect(statuses.filter((s) => s !== 201)).toEqual([]);

    const texts = await Promise.all([first.url, secondUrl].map(async (url) => (await fetch(`${url}/metrics`)).text()));
    const total = (name: string, ...labels: string[]) =>
      texts.reduce((sum, text) => sum + sample(text, name, ...labels), 0);
    expect(total('command_conflicts_total', 'category="campaign"')).toBeGreaterThan(0);
    expect(total('command_retries_total', 'category="campaign"')).toBeGreaterThan(0);
    expect(total('command_retries_total', 'category="campaign"')).toBeLessThanOrEqual(
      total('command_conflicts_total', 'category="campaign"'),
    );
    // Every group commit of the log is timed, lock wait and commit apart.
    expect(total('store_commit_seconds_count', 'store="eventStore"')).toBeGreaterThan(0);
    expect(total('store_lock_wait_seconds_count', 'store="eventStore"')).toBe(
      total('store_commit_seconds_count', 'store="eventStore"'),
    );
    expect(total('store_lock_wait_seconds_sum', 'store="eventStore"')).toBeGreaterThan(0);
  }, 120_000);
});
