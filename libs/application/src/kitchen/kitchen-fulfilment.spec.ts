import { deliveryHolder, isDomainError, type SkuData } from '@gx/domain';
import { CommandRunner, SqliteEventStore, type CommandContext, type RecordedEvent } from '@gx/eventstore';
import type { AuthUser } from '@gx/platform';
import { ReadModels, SqliteDocumentStore, type ProcessManager } from '@gx/readstore';
import { CatalogCommands } from '../catalog/catalog.commands';
import { StockCommands } from '../stock/stock.commands';
import { ContractCommands } from './contract.commands';
import { DeliveryCommands } from './delivery.commands';
import { BatchSources, DesignatedCounties } from './designated-counties';
import { KitchenFulfilment, kitchenFulfilmentProcessManager } from './kitchen-fulfilment';
import { standingCutoffHandler } from './kitchen.worker-tasks';
import { StandingOrderCommands } from './standing-order.commands';
import { SubstituteFinder } from './substitutes';

const WH = 'LC-TEST-KITCHEN';
/** Saturday 28 November 2026, 10:00 in Shanghai; the order's first date is Monday 30 November. */
const NOW = '2026-11-28T02:00:00.000Z';
const DATE = '2026-11-30';
/** 16:00 in Shanghai the day before the first date. */
const CUTOFF = '2026-11-29T08:00:00.000Z';
const purchaser: AuthUser = { username: 'kitchen1', roles: ['purchaser'], party: 'KITCHEN-LC-01' };
/** The deadline document a handler is called with (handlers read only the payload). */
const deadline = (standingOrderId: string) => ({
  _id: standingOrderId,
  dueAt: CUTOFF,
  kind: 'kitchen.standing-cutoff',
  payload: null,
});
const ctx = (commandId: string, now = NOW): CommandContext => ({
  commandId,
  actor: 'operator1',
  correlationId: commandId,
  now,
});
const sku = (code: string, category: string, baseUnit: 'g' | 'piece'): SkuData => ({
  code,
  name: code,
  category,
  baseUnit,
  saleUnits: [{ unit: baseUnit === 'g' ? 'kg' : '盒', base: baseUnit === 'g' ? 1000 : 30 }],
  shelfLifeDays: 30,
  storage: 'chilled',
  regionalBrand: false,
  cost: { per: 1000, fen: 100 },
});

describe('kitchen fulfilment: from cut-off to receipt', () => {
  let events: SqliteEventStore;
  let documents: SqliteDocumentStore;
  let stock: StockCommands;
  let contracts: ContractCommands;
  let standing: StandingOrderCommands;
  let deliveries: DeliveryCommands;
  let manager: ProcessManager;
  let clockNow: string;

  beforeEach(async () => {
    events = new SqliteEventStore({ file: ':memory:' });
    documents = new SqliteDocumentStore({ file: ':memory:' });
    const runner = new CommandRunner(events);
    const catalog = new CatalogCommands(runner);
    stock = new StockCommands(runner, catalog);
    contracts = new ContractCommands(runner, catalog);
    standing = new StandingOrderCommands(runner, contracts, catalog);
    deliveries = new DeliveryCommands(runner, contracts);
    clockNow = CUTOFF;
    const clock = { now: () => new Date(clockNow) };
    manager = kitchenFulfilmentProcessManager(
      new KitchenFulfilment(
        contracts,
        deliveries,
        stock,
        new SubstituteFinder(stock, new ReadModels(documents)),
        new BatchSources(stock, catalog, runner),
        clock,
      ),
      clock,
    );

    await catalog.registerWarehouse({ code: WH, name: '测试仓', kind: 'county_hub', county: '东昌府区' }, ctx('wh'));
    await catalog.registerKitchen(
      {
        code: 'KITCHEN-LC-01',
        name: '聊城一中食堂',
        kind: 'school',
        address: '山东省聊城市东昌府区兴华西路29号',
        contact: { name: '李建国', phone: '0635-8221234' },
      },
      ctx('kitchen'),
    );
    await catalog.registerProducer(
      { code: 'FSC-TEST', name: '测试为农服务中心', kind: 'farm_service_centre', county: '东昌府区' },
      ctx('producer'),
    );
    const skus = [
      sku('SKU-CABBAGE', 'vegetable', 'g'),
      sku('SKU-POTATO', 'vegetable', 'g'),
      sku('SKU-EGG', 'egg', 'piece'),
    ];
    for (const s of skus) await catalog.registerSku(s, ctx(`sku-${s.code}`));
    for (const [code, quantity] of [
      ['SKU-CABBAGE', 10_000],
      ['SKU-POTATO', 50_000],
      ['SKU-EGG', 1_000],
    ] as const) {
      const origin = { village: '道口铺' };
      const receipt = {
        sku: code,
        warehouse: WH,
        quantity,
        producer: 'FSC-TEST',
        origin,
        harvestDate: '2026-11-27',
        grade: '一级' as const,
        inspection: { result: 'pass' as const },
      };
      await stock.receive(receipt, ctx(`receive-${code}`));
    }
  });
  afterEach(async () => {
    await Promise.all([events.close(), documents.close()]);
  });

  /** A contract (egg total limited to 500) and a daily order of 30 kg cabbage and 600 eggs; answers the stored due event. */
  async function dueDelivery(): Promise<{ standingOrderId: string; contractId: string; due: RecordedEvent }> {
    const contract = await contracts.create(
      {
        kitchen: 'KITCHEN-LC-01',
        title: '测试协议',
        from: '2026-11-01',
        to: '2027-10-31',
        lines: [
          { sku: 'SKU-CABBAGE', unit: 'kg', fen: 260 },
          { sku: 'SKU-POTATO', unit: 'kg', fen: 300 },
          { sku: 'SKU-EGG', unit: 'piece', fen: 80, limit: 500 },
        ],
      },
      ctx('contract'),
    );
    const order = await standing.place(
      purchaser,
      {
        contractId: contract.contractId,
        warehouse: WH,
        address: '食堂后门',
        lines: [
          { sku: 'SKU-CABBAGE', quantity: 30_000 },
          { sku: 'SKU-EGG', quantity: 600 },
        ],
        schedule: { kind: 'rrule', rrule: 'FREQ=DAILY' },
        startDate: DATE,
      },
      { ...ctx('place'), actor: 'kitchen1' },
    );
    const fire = standingCutoffHandler({ standing, clock: { now: () => new Date(CUTOFF) } });
    await fire({ standingOrderId: order.standingOrderId, date: DATE }, deadline(order.standingOrderId));
    const due = (await events.readStream(`standing-${order.standingOrderId}`)).find(
      (e) => e.type === 'StandingDeliveryDue',
    );
    if (!due) throw new Error('the cut-off generated nothing');
    return { standingOrderId: order.standingOrderId, contractId: contract.contractId, due };
  }
  const eventsOf = async (stream: string, type: string) =>
    (await events.readStream(stream)).filter((e) => e.type === type);

  it('refuses to generate before the cut-off, then generates the date exactly once however often the deadline fires', async () => {
    const { standingOrderId } = await dueDelivery();
    const early = standingCutoffHandler({ standing, clock: { now: () => new Date(Date.parse(CUTOFF) - 1000) } });
    const late = standingCutoffHandler({ standing, clock: { now: () => new Date(Date.parse(CUTOFF) + 1000) } });
    await late({ standingOrderId, date: DATE }, deadline(standingOrderId));
    expect(await eventsOf(`standing-${standingOrderId}`, 'StandingDeliveryDue')).toHaveLength(1);
    // A fresh order's first cut-off, fired a second early, is refused: the scheduler retries it.
    const { contractId } = await standing.state(standingOrderId);
    const eggs = {
      contractId,
      warehouse: WH,
      address: '食堂后门',
      lines: [{ sku: 'SKU-EGG', quantity: 1 }],
      schedule: { kind: 'rrule' as const, rrule: 'FREQ=DAILY' },
      startDate: DATE,
    };
    const next = await standing.place(purchaser, eggs, ctx('place-2'));
    const refused = await early(
      { standingOrderId: next.standingOrderId, date: DATE },
      deadline(next.standingOrderId),
    ).catch((e: unknown) => e);
    expect(isDomainError(refused) && refused.code).toBe('INVALID_STATE');
    expect(await eventsOf(`standing-${next.standingOrderId}`, 'StandingDeliveryDue')).toHaveLength(0);
  });

  it('opens the delivery once at contract prices, reserving what there is and flagging shortages with a substitute', async () => {
    const { standingOrderId, contractId, due } = await dueDelivery();
    const deliveryId = `${standingOrderId}-20261130`;
    await manager.handle(due);
    const head = await events.headPosition();
    await manager.handle(due);
    expect(await events.headPosition()).toBe(head);

    const delivery = await deliveries.state(deliveryId);
    expect(delivery.status).toBe('ready');
    expect(
      delivery.lines.map((l) => [
        l.sku,
        l.fen,
        l.ordered,
        l.granted,
        l.reserved,
        l.shortage?.reason,
        l.shortage?.quantity,
      ]),
    ).toEqual([
      ['SKU-CABBAGE', 260, 30_000, 30_000, 10_000, 'stock', 20_000],
      ['SKU-EGG', 80, 600, 500, 500, 'contract', 100],
    ]);
    expect(delivery.lines[0].shortage?.substitute).toEqual({
      sku: 'SKU-POTATO',
      name: 'SKU-POTATO',
      available: 50_000,
      quantity: 20_000,
      onContract: true,
      price: { unit: 'kg', base: 1000, fen: 300 },
    });
    const holds = await eventsOf(`stock-SKU-CABBAGE@${WH}`, 'StockReserved');
    expect(holds.map((e) => e.data)).toEqual([
      expect.objectContaining({ holder: deliveryHolder(deliveryId), holderKind: 'delivery', quantity: 10_000 }),
    ]);
    const contract = await contracts.state(contractId);
    expect(contract.drawn).toEqual({ 'SKU-CABBAGE': 10_000, 'SKU-EGG': 500 });
  });

  it('releases the stock of a cancelled delivery and gives its contract draws back', async () => {
    const { standingOrderId, contractId, due } = await dueDelivery();
    const deliveryId = `${standingOrderId}-20261130`;
    await manager.handle(due);
    await deliveries.cancel(deliveryId, '食堂停课', ctx('cancel'));
    const cancelled = (await eventsOf(`delivery-${deliveryId}`, 'DeliveryCancelled'))[0];
    await manager.handle(cancelled);
    await manager.handle(cancelled);
    expect(await eventsOf(`stock-SKU-CABBAGE@${WH}`, 'StockReservationReleased')).toHaveLength(1);
    const cabbage = await stock.state({ sku: 'SKU-CABBAGE', warehouse: WH });
    expect(cabbage.reservations).toEqual({});
    expect((await contracts.state(contractId)).drawn).toEqual({ 'SKU-CABBAGE': 0, 'SKU-EGG': 0 });
  });

  it('reserves an accepted substitute, issues everything at dispatch once, and settles the contract to what was accepted', async () => {
    const { standingOrderId, contractId, due } = await dueDelivery();
    const deliveryId = `${standingOrderId}-20261130`;
    await manager.handle(due);
    await deliveries.acceptSubstitute(deliveryId, 'SKU-CABBAGE', {}, ctx('accept'));
    const accepted = (await eventsOf(`delivery-${deliveryId}`, 'DeliverySubstituteAccepted'))[0];
    await manager.handle(accepted);
    expect((await deliveries.state(deliveryId)).lines.map((l) => [l.sku, l.reserved])).toEqual([
      ['SKU-CABBAGE', 10_000],
      ['SKU-EGG', 500],
      ['SKU-POTATO', 20_000],
    ]);

    // The producer's county is designated a poverty-alleviation county before the goods leave.
    // Only designate() is used: its read gate (for list) is never reached.
    const counties = new DesignatedCounties(new CommandRunner(events), new ReadModels(documents), undefined as never);
    await counties.designate('东昌府区', '测试', ctx('designate'));
    await deliveries.dispatch(deliveryId, ctx('dispatch'));
    const dispatched = (await eventsOf(`delivery-${deliveryId}`, 'DeliveryDispatched'))[0];
    await manager.handle(dispatched);
    await manager.handle(dispatched);
    expect(await eventsOf(`stock-SKU-POTATO@${WH}`, 'StockIssued')).toHaveLength(1);
    expect((await stock.state({ sku: 'SKU-POTATO', warehouse: WH })).onHand).toBe(30_000);
    const issued = await deliveries.state(deliveryId);
    expect(issued.lines.every((l) => l.issue?.status === 'issued')).toBe(true);
    // Each line records the batches it came from, with producer, county and designation.
    expect(issued.lines.find((l) => l.sku === 'SKU-POTATO')?.sources).toEqual([
      expect.objectContaining({
        quantityBase: 20_000,
        producer: 'FSC-TEST',
        producerName: '测试为农服务中心',
        county: '东昌府区',
        village: '道口铺',
        designated: true,
      }),
    ]);

    await deliveries.receive(
      purchaser,
      deliveryId,
      { lines: [{ sku: 'SKU-CABBAGE', received: 9_000, damaged: 500 }] },
      ctx('receive'),
    );
    const received = (await eventsOf(`delivery-${deliveryId}`, 'DeliveryReceived'))[0];
    await manager.handle(received);
    expect((await contracts.state(contractId)).drawn).toEqual({
      'SKU-CABBAGE': 9_000,
      'SKU-EGG': 500,
      'SKU-POTATO': 20_000,
    });
  });

  it('credits a substitute the purchaser refused and quality claims at receipt; the contract keeps only what was accepted', async () => {
    const { standingOrderId, contractId, due } = await dueDelivery();
    const deliveryId = `${standingOrderId}-20261130`;
    await manager.handle(due);
    await deliveries.acceptSubstitute(deliveryId, 'SKU-CABBAGE', {}, ctx('accept'));
    await manager.handle((await eventsOf(`delivery-${deliveryId}`, 'DeliverySubstituteAccepted'))[0]);
    await deliveries.dispatch(deliveryId, ctx('dispatch'));
    await manager.handle((await eventsOf(`delivery-${deliveryId}`, 'DeliveryDispatched'))[0]);
    await expect(
      deliveries.decideSubstitute(purchaser, deliveryId, 'SKU-CABBAGE', 'refused', ctx('refuse-not-substitute')),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const other: AuthUser = { username: 'other', roles: ['purchaser'], party: 'KITCHEN-OTHER' };
    await expect(
      deliveries.decideSubstitute(other, deliveryId, 'SKU-POTATO', 'refused', ctx('refuse-other')),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await deliveries.decideSubstitute(purchaser, deliveryId, 'SKU-POTATO', 'refused', ctx('refuse'));

    const out = await deliveries.receive(
      purchaser,
      deliveryId,
      { lines: [{ sku: 'SKU-EGG', received: 480, qualityBase: 20 }] },
      ctx('receive'),
    );
    expect(out.claims.map((c) => [c.sku, c.kind, c.quantity])).toEqual([
      ['SKU-EGG', 'quality', 20],
      ['SKU-POTATO', 'substitute_refused', 20_000],
    ]);
    expect(out.amount).toBe(out.gross - out.claimsTotal);
    await manager.handle((await eventsOf(`delivery-${deliveryId}`, 'DeliveryReceived'))[0]);
    expect((await contracts.state(contractId)).drawn).toEqual({
      'SKU-CABBAGE': 10_000,
      'SKU-EGG': 480,
      'SKU-POTATO': 0,
    });
  });
});
