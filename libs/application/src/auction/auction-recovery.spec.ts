import { buyerDecider, buyerStream, lotStream } from '@gx/domain';
import { CommandRunner, SqliteEventStore, type CommandContext } from '@gx/eventstore';
import { systemClock, type AppConfig } from '@gx/platform';
import type { ReadModels } from '@gx/readstore';
import { Registry } from 'prom-client';
import { CatalogCommands } from '../catalog/catalog.commands';
import { SqliteDocumentStore } from '@gx/readstore';
import { Accounts } from '../identity/identity';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { StockCommands } from '../stock/stock.commands';
import { AUCTION_COMMAND_IDS as IDS, lotIdFor } from './auction.ids';
import { AUCTION_DEADLINE_KINDS as KINDS } from './auction.schedule';
import { auctionDeadlineHandlers } from './auction.worker-tasks';
import { BidCommands } from './bid.commands';
import { BuyerCommands } from './buyer.commands';
import { LiveBoard, type StreamEnd } from './live-board';
import { LotCommands } from './lot.commands';
import { SaleCommands } from './sale.commands';

const NOW = new Date(Date.now() - 60_000);
const at = { sku: 'SKU-PEAR-GX', warehouse: 'LC-MKT-01' };
const ctx = (commandId: string, actor = 'operator1'): CommandContext => ({
  commandId,
  actor,
  correlationId: commandId,
  now: NOW.toISOString(),
});
const deadline = { _id: 'd', dueAt: NOW.toISOString(), kind: 'x', payload: null };

describe('auction recovery: steps a crash left half done', () => {
  let events: SqliteEventStore;
  let stock: StockCommands;
  let lots: LotCommands;
  let buyers: BuyerCommands;
  let bids: BidCommands;
  let handlers: ReturnType<typeof auctionDeadlineHandlers>;
  let vault: PersonalDataVault;
  let batchId: string;

  beforeEach(async () => {
    events = new SqliteEventStore({ file: ':memory:' });
    vault = new PersonalDataVault(new SqliteDocumentStore({ file: ':memory:' }));
    const runner = new CommandRunner(events);
    const catalog = new CatalogCommands(runner);
    stock = new StockCommands(runner, catalog);
    lots = new LotCommands(runner, catalog, stock);
    buyers = new BuyerCommands(runner, new Accounts(runner, vault));
    // Credit is set only for registered buyers (POST /buyers records them on their stream).
    for (const buyerId of ['BUYER-A', 'BUYER-B', 'BUYER-1']) {
      await runner.execute(
        buyerDecider,
        buyerStream(buyerId),
        { type: 'RegisterBuyer', buyerId, name: buyerId, by: 'operator1', now: NOW.toISOString() },
        ctx(`register-${buyerId}`),
      );
    }
    bids = new BidCommands(lots, buyers);
    handlers = auctionDeadlineHandlers({
      lots,
      buyers,
      sales: new SaleCommands(runner),
      stock,
      clock: { now: () => NOW },
    });
    await catalog.registerWarehouse(
      { code: at.warehouse, name: '聊城农产品批发市场', kind: 'market', county: '东昌府区' },
      ctx('wh'),
    );
    await catalog.registerProducer(
      { code: 'COOP-GX-PEAR', name: '冠县鸭梨合作社', kind: 'farmer_cooperative', county: '冠县' },
      ctx('producer'),
    );
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
    const receipt = {
      ...at,
      quantity: 100_000,
      producer: 'COOP-GX-PEAR',
      origin: { village: '后屯村' },
      harvestDate,
      grade: '特级' as const,
      inspection: { result: 'pass' as const },
    };
    batchId = (await stock.receive(receipt, ctx('receipt'))).batchId;
  });
  afterEach(async () => {
    await events.close();
  });

  const listing = {
    ...at,
    quantityBase: 50_000,
    startPriceFen: 3000,
    incrementFen: 100,
    closesAt: new Date(NOW.getTime() + 3600_000).toISOString(),
  };
  const types = async (stream: string) => (await events.readStream(stream)).map((e) => e.type);

  it('lets a buyer bid again right after being outbid, before the process manager has freed the beaten hold', async () => {
    const one = (await lots.list({ ...listing, batchId }, ctx('list-credit-1'))).lotId;
    const two = (await lots.list({ ...listing, batchId }, ctx('list-credit-2'))).lotId;
    await buyers.setCreditLimit('BUYER-A', 10_000_000, ctx('credit-a'));
    const first = await bids.place(one, 'BUYER-A', { pricePerUnitFen: 3000 }, ctx('a-1', 'buyerA'));
    // Room for one such bid only: the second needs the first's hold freed.
    await buyers.setCreditLimit('BUYER-A', first.creditHeldFen + 1, ctx('credit-a-lower'));
    await buyers.setCreditLimit('BUYER-B', 10_000_000, ctx('credit-b'));
    await expect(bids.place(two, 'BUYER-A', { pricePerUnitFen: 3000 }, ctx('a-early', 'buyerA'))).rejects.toMatchObject(
      { code: 'CREDIT_EXCEEDED' },
    );
    await bids.place(one, 'BUYER-B', { pricePerUnitFen: 3100 }, ctx('b-1', 'buyerB'));
    // No worker runs here: only the bid itself can free the hold its lot shows beaten.
    await expect(bids.place(two, 'BUYER-A', { pricePerUnitFen: 3000 }, ctx('a-2', 'buyerA'))).resolves.toMatchObject({
      status: 'leading',
    });
    expect(Object.keys((await buyers.state('BUYER-A')).holds)).toEqual(['a-2']);
    // The leading bid's hold is never taken: B still holds its credit on lot one.
    expect(Object.keys((await buyers.state('BUYER-B')).holds)).toEqual(['b-1']);
  });

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
    expect((await stock.state(at)).reservations[lotId]).toMatchObject({
      holderKind: 'lot',
      picks: { [batchId]: 50_000 },
    });
    expect(await types(lotStream(lotId))).toEqual(['LotListed']);
  });

  it('releases credit held for a bid that never reached the lot, and that bid can never be placed later', async () => {
    const { lotId } = await lots.list({ ...listing, batchId }, ctx('list-3'));
    await buyers.setCreditLimit('BUYER-1', 1_000_000, ctx('credit'));
    await buyers.reserve('BUYER-1', { bidId: 'bid-1', lotId, amount: 300_000 }, ctx(IDS.reserveCredit('bid-1')));

    await handlers[KINDS.holdCheck]({ buyerId: 'BUYER-1', bidId: 'bid-1', lotId }, deadline);
    expect((await buyers.state('BUYER-1')).holds).toEqual({});
    await expect(bids.place(lotId, 'BUYER-1', { pricePerUnitFen: 3000 }, ctx('bid-1', 'buyer1'))).rejects.toMatchObject(
      { code: 'ALREADY_DECIDED' },
    );
    expect((await buyers.state('BUYER-1')).holds).toEqual({});
    expect(await types(buyerStream('BUYER-1'))).toEqual([
      'BuyerRegistered',
      'BuyerCreditLimitSet',
      'BuyerExposureReserved',
      'BuyerExposureReleased',
    ]);
  });

  it('keeps the hold of a bid that did reach the lot', async () => {
    const { lotId } = await lots.list({ ...listing, batchId }, ctx('list-4'));
    await buyers.setCreditLimit('BUYER-1', 1_000_000, ctx('credit'));
    await bids.place(lotId, 'BUYER-1', { pricePerUnitFen: 3000 }, ctx('bid-2', 'buyer1'));
    await handlers[KINDS.holdCheck]({ buyerId: 'BUYER-1', bidId: 'bid-2', lotId }, deadline);
    expect((await buyers.state('BUYER-1')).holds).toEqual({ 'bid-2': { lotId, amount: 10 * 3000 } });
  });

  // The lot board reads the write side only; the read models (market board, names) are not needed here.
  const readModels = { find: async () => [], get: async () => null } as unknown as ReadModels;
  const config = { live: { perUser: 8, perLot: 100, perProcess: 100, maxBufferBytes: 1024 } } as AppConfig;
  const liveBoard = (registry = new Registry()) =>
    new LiveBoard(events, lots, readModels, vault, config, registry, systemClock);
  const eventsOf = (texts: string[]) => texts.map((t) => /event: (\w+)/.exec(t)?.[1]);

  it('forgets a live board its client left, and ends every board when the app stops', async () => {
    const { lotId } = await lots.list({ ...listing, batchId }, ctx('list-5'));
    const board = liveBoard();
    const frames: string[] = [];
    const ends: StreamEnd[] = [];
    const sink = { write: (text: string) => frames.push(text) > 0, end: (reason: StreamEnd) => void ends.push(reason) };
    const left = await board.openLot(lotId, { operator: false, buyerId: 'BUYER-1' }, undefined, sink);
    await board.openLot(lotId, { operator: true }, undefined, sink);
    expect(board.size).toBe(2);
    left.close();
    expect(board.size).toBe(1);
    expect(eventsOf(frames)).toEqual(['snapshot', 'snapshot']);
    await board.onModuleDestroy();
    expect(board.size).toBe(0);
    expect(ends).toEqual(['client_left', 'shutdown']);
  });

  it('ends a board with the close frame of its lot', async () => {
    const { lotId } = await lots.list(
      { ...listing, batchId, closesAt: new Date(Date.now() + 100).toISOString() },
      ctx('list-6'),
    );
    const board = liveBoard();
    const frames: string[] = [];
    const closed = new Promise<StreamEnd>(
      (resolve) =>
        void board.openLot(lotId, { operator: false }, undefined, { write: (t) => frames.push(t) > 0, end: resolve }),
    );
    await new Promise((r) => setTimeout(r, 150));
    await lots.close(lotId, { ...ctx('close'), now: new Date().toISOString() });
    expect(await closed).toBe('closed');
    expect(eventsOf(frames)).toEqual(['snapshot', 'closed']);
    expect(frames[1]).toContain('"outcome":"unsold","pricePerUnitFen":null,"reason":"no_bids"');
    expect(board.size).toBe(0);
    await board.onModuleDestroy();
  });

  it('drops a stream whose client stops reading, and counts it', async () => {
    const { lotId } = await lots.list({ ...listing, batchId }, ctx('list-7'));
    const registry = new Registry();
    const board = liveBoard(registry);
    const ended = new Promise<StreamEnd>(
      (resolve) => void board.openLot(lotId, { operator: false }, undefined, { write: () => false, end: resolve }),
    );
    expect(await ended).toBe('slow_client');
    expect(board.size).toBe(0);
    expect(await registry.metrics()).toContain('live_streams_ended_total{reason="slow_client"} 1');
    await board.onModuleDestroy();
  });

  it('introduces to the market board a lot its opening read did not show, with the lot as it stands', async () => {
    const { lotId } = await lots.list({ ...listing, batchId }, ctx('list-8'));
    const board = liveBoard();
    const frames: string[] = [];
    // The stub read model lists no lot, as a lagging one would right after a listing.
    await board.openMarket({ operator: false }, { write: (t) => frames.push(t) > 0, end: () => undefined });
    await buyers.setCreditLimit('BUYER-1', 1_000_000, ctx('credit-8'));
    await bids.place(
      lotId,
      'BUYER-1',
      { pricePerUnitFen: 3000 },
      { ...ctx('bid-8', 'buyer1'), now: new Date().toISOString() },
    );
    for (let i = 0; i < 100 && frames.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(eventsOf(frames)).toEqual(['market', 'listed']);
    expect(frames[1]).toContain(`"lotId":"${lotId}"`);
    expect(frames[1]).toContain('"currentPriceFen":3000,');
    await board.onModuleDestroy();
  });

  it('admits streams within the per-user, per-lot and per-process bounds, and frees a slot when one ends', () => {
    const board = new LiveBoard(
      events,
      lots,
      readModels,
      vault,
      { live: { perUser: 2, perLot: 3, perProcess: 4, maxBufferBytes: 1024 } } as AppConfig,
      new Registry(),
      systemClock,
    );
    const a1 = board.admit('L-1', 'buyer1');
    board.admit('L-2', 'buyer1');
    expect(() => board.admit('L-3', 'buyer1')).toThrow(
      expect.objectContaining({ status: 429, code: 'TOO_MANY_STREAMS' }),
    );
    a1.release();
    a1.release();
    board.admit('L-1', 'buyer1');
    board.admit('L-1', 'buyer2');
    board.admit('L-1', 'buyer3');
    expect(() => board.admit('L-1', 'buyer4')).toThrow(
      expect.objectContaining({ status: 503, headers: { 'Retry-After': '10' } }),
    );
    // Four open in all (L-1 three times, L-2 once): the process is full.
    expect(() => board.admit('L-9', 'buyer5')).toThrow(expect.objectContaining({ status: 503 }));
  });
});
