import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { CatalogCommands, PROCESS_POOL, StorePool, systemContext } from '@gx/application';
import { EVENT_STORE, type EventStore } from '@gx/eventstore';
import { CLOCK_OVERRIDE, createApp, loadConfig, type AppConfig, type AppName, type Clock } from '@gx/platform';
import { cutoffIn, day, kitchenData, purchaserToken, until } from './kitchen-support';
import { APP_MODULES, testEnv } from './support/stack';
import { startTestStores, type TestStores } from './support/stores';

/**
 * The cut-off of a standing order is a durable deadline: a worker stopped before the cut-off and
 * started again after it (next to a standby worker on the same stores) generates every due
 * delivery exactly once, and a takeover by the standby generates nothing more. Time passes on the
 * injected clock (the wall clock plus a skew the test moves on), so nobody waits for a real cut-off.
 */
describe('kitchen cut-off across a worker restart', () => {
  let dataDir: string;
  let stores: TestStores;
  let config: AppConfig;
  let providers: Array<{ provide: symbol; useValue: StorePool | Clock }>;
  let skewMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + skewMs) };
  /** Move the injected clock to `iso` plus `marginMs` (never backwards). */
  const moveClockPast = (iso: string, marginMs: number): void => {
    skewMs += Math.max(0, Date.parse(iso) + marginMs - clock.now().getTime());
  };
  const running = new Set<NestFastifyApplication>();

  /** Start one app of the "process" (they share the store clients, as `npm start` does). */
  async function boot(app: AppName): Promise<NestFastifyApplication> {
    const nest = await createApp(APP_MODULES[app], { app, config, providers });
    await nest.init();
    await nest.getHttpAdapter().getInstance().ready();
    running.add(nest);
    return nest;
  }
  async function shutdown(nest: NestFastifyApplication): Promise<void> {
    running.delete(nest);
    await nest.close();
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gx-kitchen-restart-'));
    stores = await startTestStores();
    // A short lease lets the standby take over quickly once the first worker is gone.
    config = loadConfig(testEnv(dataDir, { ...stores.env, PROJECTION_LEASE_TTL_MS: '1000' }));
    skewMs = 0;
    providers = [
      { provide: PROCESS_POOL, useValue: new StorePool(config) },
      { provide: CLOCK_OVERRIDE, useValue: clock },
    ];
  });
  afterEach(async () => {
    for (const nest of [...running].reverse()) await shutdown(nest);
    await stores.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('generates each delivery exactly once when the worker is down at the cut-off and comes back with a standby', async () => {
    const first = await boot('worker');
    const kitchenApp = await boot('kitchen');
    const http = () => request(kitchenApp.getHttpServer());
    const events = kitchenApp.get<EventStore>(EVENT_STORE, { strict: false });
    const operator = (
      await http().post('/auth/login').send({ username: 'operator1', password: 'demo-password' }).expect(200)
    ).body.accessToken as string;
    const purchaser = purchaserToken(config, 'purchaser-r', 'KITCHEN-E2E-R');
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });

    // The kitchen app has no POST /kitchens: register the kitchen as the operations app would.
    await kitchenApp
      .get(CatalogCommands, { strict: false })
      .registerKitchen(kitchenData('KITCHEN-E2E-R'), systemContext('test', 'kitchen:KITCHEN-E2E-R', new Date()));
    const contract = await http()
      .post('/contracts')
      .set(as(operator))
      .send({
        kitchen: 'KITCHEN-E2E-R',
        title: '重启测试协议',
        from: day(-1),
        to: day(60),
        lines: [
          { sku: 'SKU-CABBAGE', saleUnit: 'kg', unitPriceFen: 260 },
          { sku: 'SKU-EGG', saleUnit: 'piece', unitPriceFen: 80 },
        ],
      })
      .expect(201);
    const due = cutoffIn(60_000, clock.now().getTime());
    const orders: Array<{ standingOrderId: string; position: string }> = [];
    for (const lines of [
      [{ sku: 'SKU-CABBAGE', quantityBase: 1_000 }],
      [
        { sku: 'SKU-CABBAGE', quantityBase: 2_000 },
        { sku: 'SKU-EGG', quantityBase: 30 },
      ],
    ]) {
      const placed = await http()
        .post('/standing-orders')
        .set(as(purchaser))
        .send({
          contractId: contract.body.contractId,
          warehouse: 'LC-HUB-DCF',
          address: '重启食堂',
          lines,
          schedule: { rrule: 'FREQ=DAILY' },
          startDate: due.date,
          cutoff: due.cutoff,
        })
        .expect(201);
      orders.push(placed.body);
    }
    // The first worker has projected both cut-off deadlines; it stops before they are due.
    // (Polled: on a loaded machine the first catch-up over the seeded log may outlast one ?after= wait.)
    const projected = (o: { standingOrderId: string; position: string }) =>
      until(
        async () =>
          (await http().get(`/standing-orders/${o.standingOrderId}?after=${o.position}`).set(as(purchaser))).status ===
          200
            ? true
            : undefined,
        `standing order ${o.standingOrderId} projected`,
      );
    for (const o of orders) await projected(o);
    await shutdown(first);
    // A minute of clock time leaves ample room; without it the test would not prove a restart across the cut-off.
    if (clock.now().getTime() >= Date.parse(due.cutoffAt))
      throw new Error('precondition failed: the first worker was still running at the cut-off');

    // The cut-off passes while no worker runs.
    moveClockPast(due.cutoffAt, 1_500);
    const dueEvents = async (id: string) =>
      (await events.readStream(`standing-${id}`)).filter((e) => e.type === 'StandingDeliveryDue');
    for (const o of orders) expect(await dueEvents(o.standingOrderId)).toEqual([]);

    const [restarted, standby] = await Promise.all([boot('worker'), boot('worker')]);
    const deliveries = await until(async () => {
      const res = await http().get(`/deliveries?from=${due.date}&to=${due.date}`).set(as(purchaser)).expect(200);
      const items = res.body.items as Array<{ deliveryId: string; status: string }>;
      return items.length === orders.length && items.every((d) => d.status === 'ready') ? items : undefined;
    }, 'the overdue deliveries after the restart');
    // The restarted worker goes away too; the standby takes over the leases and must add nothing.
    await shutdown(restarted);
    await until(async () => {
      const health = await request(standby.getHttpServer()).get('/health');
      const managers = health.body.checks?.processManagers?.details as Record<string, { running: boolean }> | undefined;
      return managers?.['kitchen-fulfilment']?.running ? true : undefined;
    }, 'the standby to take over');
    // The standby's deadline ticker has run (rather than sleeping through a few ticks): a third standing
    // order, whose cut-off the clock then passes, gets its delivery; the first two must not get another.
    const third = cutoffIn(5_000, clock.now().getTime());
    const placed = await http()
      .post('/standing-orders')
      .set(as(purchaser))
      .send({
        contractId: contract.body.contractId,
        warehouse: 'LC-HUB-DCF',
        address: '重启食堂',
        lines: [{ sku: 'SKU-EGG', quantityBase: 10 }],
        schedule: { rrule: 'FREQ=DAILY' },
        startDate: third.date,
        cutoff: third.cutoff,
      })
      .expect(201);
    await projected(placed.body);
    moveClockPast(third.cutoffAt, 1_500);
    await until(
      async () => ((await dueEvents(placed.body.standingOrderId)).length === 1 ? true : undefined),
      'the standby to generate the third delivery',
    );

    for (const o of orders) expect(await dueEvents(o.standingOrderId)).toHaveLength(1);
    for (const d of deliveries) {
      const log = await events.readStream(`delivery-${d.deliveryId}`);
      expect(log.filter((e) => e.type === 'DeliveryCreated')).toHaveLength(1);
      const reserved = log.filter((e) => e.type === 'DeliveryLineReserved').map((e) => (e.data as { sku: string }).sku);
      expect(reserved).toEqual([...new Set(reserved)]);
    }
    // Each delivery held the cabbage once: one reservation per holder.
    const ours = deliveries.map((d) => `delivery-${d.deliveryId}`).sort();
    const holds = (await events.readStream('stock-SKU-CABBAGE@LC-HUB-DCF'))
      .filter((e) => e.type === 'StockReserved')
      .map((e) => (e.data as { holder: string }).holder);
    expect(holds.filter((h) => ours.includes(h)).sort()).toEqual(ours);
  }, 180_000);
});
