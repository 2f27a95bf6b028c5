import { campaignDecider, campaignStream, stockDecider, stockStream, type ReceiveStock } from '@gx/domain';
import { CommandRunner, SqliteEventStore, type CommandContext } from '@gx/eventstore';
import { CatalogCommands } from '../catalog/catalog.commands';
import { StockCommands } from '../stock/stock.commands';
import { CampaignCommands } from './campaign.commands';
import { CampaignPublication } from './publication';

const NOW = '2026-11-28T02:00:00.000Z';
const ID = 'GB-0123456789ab';
const at = { sku: 'SKU-EGG', warehouse: 'LC-HUB-DCF' };
const ctx = (commandId: string): CommandContext => ({
  commandId,
  actor: 'operator1',
  correlationId: commandId,
  now: NOW,
});
const receipt = (batchId: string, quantity: number): ReceiveStock => ({
  type: 'ReceiveStock',
  ...at,
  now: NOW,
  batchId,
  quantity,
  producer: 'FSC-DCF-01',
  origin: { village: '梁水镇' },
  harvestDate: '2026-11-27',
  expiryDate: '2026-12-27',
  grade: '一级',
  inspection: { result: 'pass' },
  cost: { per: 1, fen: 60 },
});

describe('campaign publication saga', () => {
  let events: SqliteEventStore;
  let runner: CommandRunner;
  let stock: StockCommands;
  let campaigns: CampaignCommands;
  let publication: CampaignPublication;

  beforeEach(async () => {
    events = new SqliteEventStore({ file: ':memory:' });
    runner = new CommandRunner(events);
    const catalog = new CatalogCommands(runner);
    stock = new StockCommands(runner, catalog);
    campaigns = new CampaignCommands(runner, catalog);
    publication = new CampaignPublication(campaigns, stock);
    const terms = {
      campaignId: ID,
      title: '鸡蛋',
      sku: at.sku,
      skuName: '散养鸡蛋',
      warehouse: at.warehouse,
      pickupPoint: 'PP-DCF-01',
      pickupWarehouse: 'LC-VP-DCF-01',
      saleUnit: { unit: '盒(30枚)', base: 30 },
      unitPriceFen: 2_580,
      minQuantity: 1,
      quota: 10,
      perCustomerLimit: 2,
      opensAt: NOW,
      cutoffAt: '2026-11-30T02:00:00.000Z',
      pickupDate: '2026-12-01',
      createdBy: 'operator1',
      createdAt: NOW,
    };
    await runner.execute(
      campaignDecider,
      campaignStream(ID),
      { type: 'CreateCampaign', terms, now: NOW },
      ctx('create'),
    );
  });
  afterEach(async () => {
    await events.close();
  });

  const requestPublish = (commandId: string) =>
    campaigns.execute(ID, { type: 'RequestPublish', by: 'operator1', now: NOW }, ctx(commandId));
  const held = async () => (await stock.state(at)).reservations[ID]?.quantity ?? 0;

  it('reserves the quota in base units, goes live, and a redelivered request appends nothing', async () => {
    await runner.execute(stockDecider, stockStream(at.sku, at.warehouse), receipt('B-1', 600), ctx('receive'));
    await requestPublish('publish');
    expect(await publication.complete(ID, 1, ctx('publish'))).toMatchObject({ status: 'published' });
    const head = await events.headPosition();
    await publication.complete(ID, 1, ctx('process-manager'));
    expect(await events.headPosition()).toBe(head);
    expect(await held()).toBe(300);
  });

  it('sends the campaign back to draft when the quota is not in stock, and a later run of that attempt reserves nothing', async () => {
    await runner.execute(stockDecider, stockStream(at.sku, at.warehouse), receipt('B-1', 200), ctx('receive'));
    await requestPublish('publish');
    const outcome = await publication.complete(ID, 1, ctx('publish'));
    expect([outcome.status, outcome.refused?.code]).toEqual(['draft', 'INSUFFICIENT_STOCK']);
    await runner.execute(stockDecider, stockStream(at.sku, at.warehouse), receipt('B-2', 400), ctx('receive-more'));
    await publication.complete(ID, 1, ctx('late-process-manager'));
    expect([(await campaigns.state(ID)).status, await held()]).toEqual(['draft', 0]);
  });

  it('releases the quota it reserved when the attempt was settled otherwise meanwhile', async () => {
    await runner.execute(stockDecider, stockStream(at.sku, at.warehouse), receipt('B-1', 600), ctx('receive'));
    await requestPublish('publish');
    const seenBefore = await campaigns.load(ID);
    // The request's run found the stock short (appending nothing) and sent the campaign back to draft…
    await campaigns.execute(
      ID,
      { type: 'RejectPublish', attempt: 1, code: 'INSUFFICIENT_STOCK', reason: '200 available', now: NOW },
      ctx('rejected'),
    );
    // …while the process manager, which read the campaign before that, now finds the stock there.
    const lagging: CampaignCommands = Object.assign(Object.create(campaigns) as CampaignCommands, {
      load: async () => seenBefore,
    });
    await new CampaignPublication(lagging, stock).complete(ID, 1, ctx('process-manager'));
    expect([(await campaigns.state(ID)).status, await held()]).toEqual(['draft', 0]);
    const moves = (await events.readStream(stockStream(at.sku, at.warehouse))).map((e) => e.type);
    expect(moves.slice(-2)).toEqual(['StockReserved', 'StockReservationReleased']);
  });
});
