import { buyerStream, lotStream } from '@gx/domain';
import { CommandRunner, SqliteEventStore, type CommandContext } from '@gx/eventstore';
import { CatalogCommands } from '../catalog/catalog.commands';
import { Accounts } from '../identity/identity';
import { StockCommands } from '../stock/stock.commands';
import { AUCTION_COMMAND_IDS as IDS, lotIdFor } from './auction.ids';
import { AUCTION_DEADLINE_KINDS as KINDS } from './auction.schedule';
import { auctionDeadlineHandlers } from './auction.worker';
import { BidCommands } from './bid.commands';
import { BuyerCommands } from './buyer.commands';
import { LiveBoard, type BoardFrame } from './live-board';
import { LotCommands } from './lot.commands';
import { SaleCommands } from './sale.commands';

const NOW = new Date(Date.now() - 60_000);
const at = { sku: 'SKU-PEAR-GX', warehouse: 'LC-MKT-01' };
const ctx = (commandId: string, actor = 'operator1'): CommandContext => ({ commandId, actor, correlationId: commandId, now: NOW.toISOString() });
const deadline = { _id: 'd', dueAt: NOW.toISOString(), kind: 'x', payload: null };

describe('auction recovery: steps a crash left half done', () => {
  let events: SqliteEventStore;
  let stock: StockCommands;
  let lots: LotCommands;
  let buyers: BuyerCommands;
  let bids: BidCommands;
  let handlers: ReturnType<typeof auctionDeadlineHandlers>;
  let batchId: string;

  beforeEach(async () => {
    events = new SqliteEventStore({ file: ':memory:' });
    const runner = new CommandRunner(events);
    const catalog = new CatalogCommands(runner);
    stock = new StockCommands(runner, catalog);
    lots = new LotCommands(runner, catalog, stock);
    buyers = new BuyerCommands(runner, new Accounts(runner));
    bids = new BidCommands(lots, buyers);
    handlers = auctionDeadlineHandlers({ lots, buyers, sales: new SaleCommands(runner), stock, clock: { now: () => NOW } });
    await catalog.registerWarehouse({ code: at.warehouse, name: '聊城农产品批发市场', kind: 'market', county: '东昌府区' }, ctx('wh'));
    await catalog.registerProducer({ code: 'COOP-GX-PEAR', name: '冠县鸭梨合作社', kind: 'farmer_cooperative', county: '冠县' }, ctx('producer'));
    await catalog.registerSku(
      {
        code: at.sku,
        name: '冠县鸭梨',
        category: 'fruit',
        baseUnit: 'g',
        saleUnits: [{ unit: '箱(5kg)', base: 5000 }],
        shelfLifeDays: 60,
        storage: 'chilled',
        regionalBrand: true,
        cost: { per: 1000, fen: 600 },
      },
      ctx('sku'),
    );
    const harvestDate = new Date(NOW.getTime() - 86_400_000).toISOString().slice(0, 10);
    const receipt = { ...at, quantity: 100_000, producer: 'COOP-GX-PEAR', origin: { village: '后屯村' }, harvestDate, grade: '特级' as const, inspection: { result: 'pass' as const } };
    batchId = (await stock.receive(receipt, ctx('receipt'))).batchId;
  });
  afterEach(async () => {
    await events.close();
  });

  const listing = { ...at, quantity: 50_000, startPrice: 3000, increment: 100, closesAt: new Date(NOW.getTime() + 3600_000).toISOString() };
  const types = async (stream: string) => (await events.readStream(stream)).map((e) => e.type);

  it('gives back the stock of a listing that stopped after its reservation, and the lot can never appear later', async () => {
    const lotId = lotIdFor('list-1');
    await stock.reserve(at, { holder: lotId, holderKind: 'lot', quantity: 50_000 }, ctx(IDS.reserveLotStock(lotId)));
    await stock.allocate(at, { holder: lotId }, ctx(IDS.allocateLotStock(lotId)));

    await handlers[KINDS.listingCheck]({ lotId, ...at }, deadline);
    expect((await stock.state(at)).reservations[lotId]).toBeUndefined();
    expect(await types(lotStream(lotId))).toEqual(['LotListingAbandoned']);

    // The retried request finds the id fenced off: no lot, and no stock held again.
    await expect(lots.list({ ...listing, batchId }, ctx('list-1'))).rejects.toMatchObject({ code: 'ALREADY_DECIDED' });
    expect((await stock.state(at)).reservations[lotId]).toBeUndefined();
    // A second firing of the deadline changes nothing.
    const head = await events.headPosition();
    await handlers[KINDS.listingCheck]({ lotId, ...at }, deadline);
    expect(await events.headPosition()).toBe(head);
  });

  it('leaves a listing alone once its lot exists', async () => {
    const { lotId } = await lots.list({ ...listing, batchId }, ctx('list-2'));
    await handlers[KINDS.listingCheck]({ lotId, ...at }, deadline);
    expect((await stock.state(at)).reservations[lotId]).toMatchObject({ holderKind: 'lot', picks: { [batchId]: 50_000 } });
    expect(await types(lotStream(lotId))).toEqual(['LotListed']);
  });

  it('releases credit held for a bid that never reached the lot, and that bid can never be placed later', async () => {
    const { lotId } = await lots.list({ ...listing, batchId }, ctx('list-3'));
    await buyers.setCreditLimit('BUYER-1', 1_000_000, ctx('credit'));
    await buyers.reserve('BUYER-1', { bidId: 'bid-1', lotId, amount: 300_000 }, ctx(IDS.reserveCredit('bid-1')));

    await handlers[KINDS.holdCheck]({ buyerId: 'BUYER-1', bidId: 'bid-1', lotId }, deadline);
    expect((await buyers.state('BUYER-1')).holds).toEqual({});
    await expect(bids.place(lotId, 'BUYER-1', { pricePerUnit: 3000 }, ctx('bid-1', 'buyer1'))).rejects.toMatchObject({ code: 'ALREADY_DECIDED' });
    expect((await buyers.state('BUYER-1')).holds).toEqual({});
    expect(await types(buyerStream('BUYER-1'))).toEqual(['BuyerCreditLimitSet', 'BuyerExposureReserved', 'BuyerExposureReleased']);
  });

  it('keeps the hold of a bid that did reach the lot', async () => {
    const { lotId } = await lots.list({ ...listing, batchId }, ctx('list-4'));
    await buyers.setCreditLimit('BUYER-1', 1_000_000, ctx('credit'));
    await bids.place(lotId, 'BUYER-1', { pricePerUnit: 3000 }, ctx('bid-2', 'buyer1'));
    await handlers[KINDS.holdCheck]({ buyerId: 'BUYER-1', bidId: 'bid-2', lotId }, deadline);
    expect((await buyers.state('BUYER-1')).holds).toEqual({ 'bid-2': { lotId, amount: 10 * 3000 } });
  });

  it('forgets a live board its client left, and ends every board when the app stops', async () => {
    const { lotId } = await lots.list({ ...listing, batchId }, ctx('list-5'));
    const board = new LiveBoard(events, lots);
    const frames: BoardFrame[] = [];
    let ended = 0;
    const sink = { send: (f: BoardFrame) => frames.push(f), end: () => (ended += 1) };
    const left = await board.open(lotId, 'BUYER-1', undefined, sink);
    await board.open(lotId, undefined, undefined, sink);
    expect(board.size).toBe(2);
    left.close();
    expect(board.size).toBe(1);
    expect(frames.map((f) => f.event)).toEqual(['snapshot', 'snapshot']);
    await board.onModuleDestroy();
    expect(board.size).toBe(0);
    expect(ended).toBe(1);
  });

  it('ends a board with the close frame of its lot', async () => {
    const { lotId } = await lots.list({ ...listing, batchId, closesAt: new Date(Date.now() + 100).toISOString() }, ctx('list-6'));
    const board = new LiveBoard(events, lots);
    const frames: BoardFrame[] = [];
    const closed = new Promise<void>((resolve) => void board.open(lotId, undefined, undefined, { send: (f) => frames.push(f), end: resolve }));
    await new Promise((r) => setTimeout(r, 150));
    await lots.close(lotId, { ...ctx('close'), now: new Date().toISOString() });
    await closed;
    expect(frames.map((f) => f.event)).toEqual(['snapshot', 'closed']);
    expect(frames[1].data).toMatchObject({ outcome: 'unsold', reason: 'no_bids' });
    expect(board.size).toBe(0);
    await board.onModuleDestroy();
  });
});
