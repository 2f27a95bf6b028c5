import {
  campaignStream,
  orderDecider,
  orderStream,
  pickupHolderOf,
  stockDecider,
  stockStream,
  type CampaignCommand,
  type CampaignTerms,
  type StockCommand,
} from '@gx/domain';
import { CommandRunner, SqliteEventStore, type CommandContext, type RecordedEvent } from '@gx/eventstore';
import { loadConfig } from '@gx/platform';
import { Projector, ReadModels, SqliteDocumentStore, type ProcessManager } from '@gx/readstore';
import { CatalogCommands } from '../catalog/catalog.commands';
import { StockCommands } from '../stock/stock.commands';
import { stockProjection } from '../stock/stock.projection';
import { CampaignCommands } from './campaign.commands';
import { GROUP_BUY_IDS as IDS } from './group-buy.ids';
import { pickupProcessManager } from './group-buy.worker-tasks';
import { PickupStock } from './pickup-stock';

const T0 = '2026-11-28T02:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const ID = 'GB-0123456789ab';
const [SKU, HUB, VP] = ['SKU-TOMATO-SX', 'LC-HUB-DCF', 'LC-VP-DCF-01'];
const HOLD = pickupHolderOf(ID);
/** A stock command without where and when (distributed over the union). */
type StockBody<C = StockCommand> = C extends StockCommand ? Omit<C, 'sku' | 'warehouse' | 'now'> : never;
const ctx = (commandId: string, now = at(0)): CommandContext => ({
  commandId,
  actor: 'operator1',
  correlationId: commandId,
  now,
});
const terms: CampaignTerms = {
  campaignId: ID,
  title: '莘县西红柿 按公斤团',
  sku: SKU,
  skuName: '莘县西红柿',
  warehouse: HUB,
  pickupPoint: 'PP-DCF-01',
  pickupWarehouse: VP,
  saleUnit: { unit: 'kg', base: 1000 },
  unitPriceFen: 500,
  minQuantity: 1,
  quota: 20,
  perCustomerLimit: 5,
  opensAt: at(0),
  cutoffAt: at(60),
  pickupDate: '2026-11-29',
  createdBy: 'operator1',
  createdAt: T0,
};

describe('pickup process manager: the books at the pickup point', () => {
  let events: SqliteEventStore;
  let documents: SqliteDocumentStore;
  let projector: Projector;
  let runner: CommandRunner;
  let stock: StockCommands;
  let campaigns: CampaignCommands;
  let manager: ProcessManager;

  beforeEach(() => {
    events = new SqliteEventStore({ file: ':memory:' });
    documents = new SqliteDocumentStore({ file: ':memory:' });
    // The process manager learns which campaign sent a transfer from the transfers read model.
    projector = new Projector({
      events,
      store: documents,
      projections: [stockProjection],
      logger: { log() {}, warn() {}, error() {} },
    });
    projector.start();
    runner = new CommandRunner(events);
    const catalog = new CatalogCommands(runner);
    stock = new StockCommands(runner, catalog);
    campaigns = new CampaignCommands(runner, catalog);
    const config = loadConfig({ JWT_SECRET: 'test-secret-test-secret-test-secret-0123' });
    const pickup = new PickupStock(campaigns, stock, new ReadModels(documents), config);
    manager = pickupProcessManager({ pickup, clock: { now: () => new Date(at(120)) } });
  });
  afterEach(async () => {
    await projector.stop();
    await Promise.all([events.close(), documents.close()]);
  });

  const onStock = (warehouse: string, command: StockBody, id: string, now = at(0)) =>
    // The union is rebuilt member by member; TypeScript cannot follow the spread through it.
    runner.execute(
      stockDecider,
      stockStream(SKU, warehouse),
      { ...command, sku: SKU, warehouse, now } as StockCommand,
      ctx(id, now),
    );
  const onCampaign = (command: CampaignCommand, id: string) => campaigns.execute(ID, command, ctx(id));
  const last = async (stream: string, type: string): Promise<RecordedEvent> => {
    const found = (await events.readStream(stream)).filter((e) => e.type === type).at(-1);
    if (!found) throw new Error(`no ${type} on ${stream}`);
    return found;
  };
  const order = (name: string) => `${ID}-${name}`;
  const village = () => stock.state({ sku: SKU, warehouse: VP });

  /** A succeeded campaign whose sold quantity (pay-at-pickup orders of `kgs`) was allocated at the hub and sent to the village point. */
  async function shipped(kgs: Record<string, number>): Promise<void> {
    const batch = {
      producer: 'FSC-DCF-01',
      origin: { village: '莘县' },
      harvestDate: '2026-11-27',
      expiryDate: '2026-12-27',
      grade: '一级',
      inspection: { result: 'pass' },
      cost: { per: 1000, fen: 300 },
    } as const;
    await onStock(HUB, { type: 'ReceiveStock', batchId: 'B-1', quantity: 20_000, ...batch }, 'receive');
    await onCampaign({ type: 'CreateCampaign', terms, now: at(0) }, 'create');
    await onCampaign({ type: 'RequestPublish', by: 'operator1', now: at(0) }, 'publish');
    await onStock(HUB, { type: 'ReserveStock', holder: ID, holderKind: 'campaign', quantity: 20_000 }, 'reserve');
    await onCampaign({ type: 'ConfirmPublish', attempt: 1, now: at(0) }, 'published');
    for (const [name, quantity] of Object.entries(kgs)) {
      const join = {
        type: 'JoinCampaign',
        orderId: order(name),
        customer: `c-${name}`,
        quantity,
        paymentMethod: 'pay_at_pickup',
        pickupCode: 'ABCDEFGH',
        paymentWindowSeconds: 900,
        now: at(1),
      } as const;
      await onCampaign(join, `join-${name}`);
    }
    const { state } = await campaigns.execute(ID, { type: 'CloseCampaign', now: at(60) }, ctx('close', at(60)));
    await onStock(
      HUB,
      { type: 'ReleaseReservation', holder: ID, quantity: 20_000 - state.held * 1000, reason: 'unused' },
      'release',
    );
    await onStock(HUB, { type: 'AllocateStock', holder: ID }, 'allocate');
    await onStock(HUB, { type: 'TransferOut', transferId: 'T-1', to: VP, holder: ID }, 'transfer');
    for (const [name, quantity] of Object.entries(kgs)) {
      const confirmed = {
        orderId: order(name),
        campaignId: ID,
        customer: `c-${name}`,
        pickupPoint: 'PP-DCF-01',
        pickupCode: 'ABCDEFGH',
        quantity,
        amountFen: quantity * 500,
        paymentMethod: 'pay_at_pickup',
      } as const;
      await runner.execute(
        orderDecider,
        orderStream(order(name)),
        { type: 'ConfirmOrder', order: confirmed, now: at(60) },
        ctx(`confirm-${name}`, at(60)),
      );
    }
  }
  /** Receive the campaign's transfer at the village point (`received` units of B-1, default all); answers the stored arrival. */
  async function receive(received?: number): Promise<RecordedEvent> {
    const sent = (await stock.state({ sku: SKU, warehouse: HUB })).transfersOut['T-1'].picks;
    await onStock(
      VP,
      {
        type: 'TransferIn',
        transferId: 'T-1',
        from: HUB,
        sent,
        ...(received !== undefined && { received: [{ batchId: 'B-1', quantity: received }] }),
      },
      'receive-T-1',
      at(100),
    );
    return last(stockStream(SKU, VP), 'StockTransferredIn');
  }
  async function handOver(name: string): Promise<RecordedEvent> {
    const command = {
      type: 'HandOver',
      orderId: order(name),
      pickupCode: 'ABCDEFGH',
      pickupPoint: 'PP-DCF-01',
      leader: 'leader1',
      commissionBps: 500,
      goods: 'ready',
      now: at(130),
    } as const;
    await runner.execute(orderDecider, orderStream(order(name)), command, ctx(`hand-over-${name}`, at(130)));
    return last(orderStream(order(name)), 'OrderHandedOver');
  }
  /** Handle `event` twice, as a redelivery would: the second run must append nothing. */
  async function handleTwice(event: RecordedEvent): Promise<void> {
    await manager.handle(event);
    const head = await events.headPosition();
    await manager.handle(event);
    expect(await events.headPosition()).toBe(head);
  }

  it('holds what arrived for the orders, and issues exactly each handed-over order until nothing is held', async () => {
    await shipped({ o1: 2, o2: 3 });
    await handleTwice(await receive());
    expect(await village()).toMatchObject({
      onHand: 5_000,
      reserved: 5_000,
      reservations: { [HOLD]: { quantity: 5_000, holderKind: 'campaign' } },
    });

    const handed = await handOver('o1');
    await handleTwice(handed);
    expect(await village()).toMatchObject({
      onHand: 3_000,
      reserved: 3_000,
      allocated: 0,
      reservations: { [HOLD]: { quantity: 3_000, picks: {} } },
    });
    const issued = await last(stockStream(SKU, VP), 'StockIssued');
    expect(issued.data).toEqual({
      sku: SKU,
      warehouse: VP,
      holder: HOLD,
      picks: [{ batchId: 'B-1', quantity: 2_000 }],
      reason: `group-buy pickup of order ${order('o1')}`,
    });
    expect(issued.metadata).toMatchObject({
      commandId: IDS.pickupIssue(order('o1')),
      causationId: handed.id,
      actor: 'system:group-buy',
    });

    await handleTwice(await handOver('o2'));
    const after = await village();
    expect([after.onHand, after.reserved, after.allocated, after.reservations[HOLD]]).toEqual([0, 0, 0, undefined]);
    expect((await campaigns.state(ID)).pickup).toEqual({ status: 'ready', transferId: 'T-1', held: 0 });
  });

  it('holds only what whole orders fit in after a shortfall in transit, and flags the orders left without goods', async () => {
    await shipped({ o1: 3, o2: 2 });
    await handleTwice(await receive(4_000));
    const arrived = await last(campaignStream(ID), 'CampaignGoodsArrived');
    expect(arrived.data).toMatchObject({ received: 4_000, lost: 1_000, held: 3_000, unserved: [order('o2')] });
    // The kilogram no whole order fits in stays free at the village point, for operators to use.
    expect(await village()).toMatchObject({
      onHand: 4_000,
      reserved: 3_000,
      reservations: { [HOLD]: { quantity: 3_000 } },
    });
    expect((await campaigns.state(ID)).orders.get(order('o2'))?.pickup).toBe('unserved');
  });

  it('finishes a hand-over interrupted between allocation and issue, issuing it once', async () => {
    await shipped({ o1: 2, o2: 3 });
    await manager.handle(await receive());
    const handed = await handOver('o1');
    await stock.allocate(
      { sku: SKU, warehouse: VP },
      { holder: HOLD, quantity: 2_000 },
      ctx(IDS.pickupAllocate(order('o1')), at(130)),
    );
    await handleTwice(handed);
    const moves = (await events.readStream(stockStream(SKU, VP))).map((e) => e.type);
    expect(moves.filter((t) => t === 'StockAllocated')).toHaveLength(1);
    expect(await village()).toMatchObject({ onHand: 3_000, reserved: 3_000, allocated: 0 });
  });

  it('records on the campaign a hand-over whose goods the ledger refuses to issue', async () => {
    await shipped({ o1: 2 });
    await manager.handle(await receive());
    await stock.release(
      { sku: SKU, warehouse: VP },
      { holder: HOLD, reason: 'released by hand' },
      ctx('manual-release', at(125)),
    );
    await handleTwice(await handOver('o1'));
    const blocked = await last(campaignStream(ID), 'CampaignPickupIssueBlocked');
    expect(blocked.data).toMatchObject({ orderId: order('o1'), quantity: 2_000, code: 'NOT_FOUND' });
    expect((await village()).onHand).toBe(2_000);
  });

  it('issues nothing for a hand-over while stock of the hold was allocated by hand, so no other units go out with it', async () => {
    await shipped({ o1: 2, o2: 3 });
    await manager.handle(await receive());
    await stock.allocate(
      { sku: SKU, warehouse: VP },
      { holder: HOLD, quantity: 1_000 },
      ctx('manual-allocate', at(125)),
    );
    await handleTwice(await handOver('o1'));
    expect((await last(campaignStream(ID), 'CampaignPickupIssueBlocked')).data).toMatchObject({
      orderId: order('o1'),
      code: 'INVALID_STATE',
    });
    expect(await village()).toMatchObject({ onHand: 5_000, allocated: 1_000 });
  });

  it('leaves transfers that no campaign sent alone', async () => {
    await shipped({ o1: 2 });
    await onStock(HUB, { type: 'TransferOut', transferId: 'T-plain', to: VP, quantity: 1_000 }, 'plain-out');
    const sent = (await stock.state({ sku: SKU, warehouse: HUB })).transfersOut['T-plain'].picks;
    await onStock(VP, { type: 'TransferIn', transferId: 'T-plain', from: HUB, sent }, 'plain-in');
    const head = await events.headPosition();
    await manager.handle(await last(stockStream(SKU, VP), 'StockTransferredIn'));
    expect(await events.headPosition()).toBe(head);
    expect((await campaigns.state(ID)).pickup.status).toBe('none');
  });
});
