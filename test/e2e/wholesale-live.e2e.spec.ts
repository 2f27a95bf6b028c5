import { Accounts, BidCommands, BuyerCommands, CatalogCommands, LotCommands, openEventStore, StockCommands } from '@gx/application';
import { CommandRunner, type EventStore } from '@gx/eventstore';
import { startStack, type Stack } from './support/stack';
import { inMs, listeningUrl, openSse, wholesale, type SseClient, type SseFrame } from './support/wholesale';

jest.setTimeout(90_000);

/** What every watcher must agree on: the public part of bid, extension and close frames. */
const publicSequence = (frames: SseFrame[]) =>
  frames
    .filter((f) => f.event !== 'snapshot' && f.event !== 'outbid')
    .map((f) => {
      const { mine: _mine, ...data } = f.data;
      return { id: f.id, event: f.event, data };
    });

describe('wholesale live board (server-sent events)', () => {
  let stack: Stack;
  let W: ReturnType<typeof wholesale>;
  let operator: string;
  let ops: string;
  let elsewhere: EventStore;
  let remoteBids: BidCommands;
  let base: string;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'wholesale']);
    W = wholesale(stack);
    operator = await stack.login('wholesale', 'operator1');
    ops = await stack.login('operations', 'operator1');
    base = await listeningUrl(stack);
    // Another process's view of the log: its own store client and runner, sharing nothing in memory with the apps.
    elsewhere = openEventStore(stack.config);
    const runner = new CommandRunner(elsewhere);
    const catalog = new CatalogCommands(runner);
    remoteBids = new BidCommands(new LotCommands(runner, catalog, new StockCommands(runner, catalog)), new BuyerCommands(runner, new Accounts(runner)));
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await elsewhere.close();
    await stack.close();
  });

  const watch = (path: string, headers: Record<string, string> = {}) => {
    const client = openSse(`${base}${path}`, headers);
    clients.push(client);
    return client;
  };
  const listLot = async (sku: string, body: object) => {
    const { batchId } = await W.receiveAtMarket(ops, sku, 100_000);
    const res = await W.post(operator, '/lots', { warehouse: 'LC-MKT-01', sku, batchId, quantity: 50_000, unit: '斤', startPrice: 400, increment: 10, ...body }).expect(201);
    return res.body.lotId as string;
  };

  it('shows two watching buyers the same bids, extensions and close, including bids placed through another process', async () => {
    const [a, b, c] = await W.buyers(operator, 'live', 3, 10_000_000);
    const lotId = await listLot('SKU-MELON-SX', { closesAt: inMs(8000), extensionSeconds: 2 });
    const byHeader = watch(`/lots/${lotId}/live`, W.bearer(a.token));
    const byQuery = watch(`/lots/${lotId}/live?access_token=${encodeURIComponent(b.token)}`);
    for (const client of [byHeader, byQuery]) await client.waitFor((f) => f.some((x) => x.event === 'snapshot'), 10_000, 'the snapshot');
    expect(byHeader.status()).toBe(200);
    expect(byHeader.frames[0].data).toMatchObject({ lotId, currentPrice: null, minimumBid: 400, units: 100 });

    await W.post(c.token, `/lots/${lotId}/bids`, { pricePerUnit: 400 }).expect(201);
    await W.post(a.token, `/lots/${lotId}/bids`, { pricePerUnit: 410 }).expect(201);
    const ctx = (id: string) => ({ commandId: id, actor: 'elsewhere', correlationId: id, now: new Date().toISOString() });
    await remoteBids.place(lotId, b.buyerId, { pricePerUnit: 420, maxPricePerUnit: 480 }, ctx('remote-bid-1'));
    await expect(remoteBids.place(lotId, c.buyerId, { pricePerUnit: 450 }, ctx('remote-bid-2'))).rejects.toMatchObject({ code: 'OUTBID' });

    for (const client of [byHeader, byQuery]) await client.waitFor((f) => f.some((x) => x.event === 'closed'), 30_000, 'the close');
    const seen = publicSequence(byHeader.frames);
    expect(publicSequence(byQuery.frames)).toEqual(seen);
    const bids = seen.filter((f) => f.event === 'bid').map((f) => [f.data.bidder, f.data.pricePerUnit]);
    expect(bids).toEqual([
      ['买家**01', 400],
      ['买家**02', 410],
      ['买家**03', 420],
      ['买家**01', 450],
      ['买家**03', 460],
    ]);
    expect(seen.at(-1)).toMatchObject({ event: 'closed', data: { outcome: 'sold', pricePerUnit: 460, winner: '买家**03' } });
    const ids = seen.map((f) => Number(f.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));

    // Personal frames: only the outbid buyer hears of it, each sees its own bids as its own, and nobody sees another's identity or maximum.
    expect(byHeader.frames.filter((f) => f.event === 'outbid')).toHaveLength(1);
    expect(byQuery.frames.filter((f) => f.event === 'outbid')).toHaveLength(0);
    expect(byQuery.frames.filter((f) => f.event === 'bid' && f.data.mine).map((f) => f.data.pricePerUnit)).toEqual([420, 460]);
    expect(byQuery.frames.at(-1)?.data).toMatchObject({ mine: true });
    for (const text of [JSON.stringify(byHeader.frames), JSON.stringify(byQuery.frames)]) {
      for (const buyer of [a, b, c]) expect(text).not.toContain(buyer.buyerId);
      expect(text).not.toContain('maxPricePerUnit');
    }
    // The board ends with the close, and a reconnection that has seen everything is told to stop.
    await byHeader.waitFor(() => byHeader.ended(), 5000, 'the stream to end');
    const last = String(seen.at(-1)?.id);
    await stack.http('wholesale').get(`/lots/${lotId}/live`).set({ ...W.bearer(a.token), 'Last-Event-ID': last }).expect(204);
  });

  it('resumes after Last-Event-ID without repeating or losing a bid', async () => {
    const [a, b] = await W.buyers(operator, 'resume', 2, 10_000_000);
    const lotId = await listLot('SKU-CUCUMBER-SX', { closesAt: inMs(3600_000) });
    const first = watch(`/lots/${lotId}/live`, W.bearer(a.token));
    await first.waitFor((f) => f.length > 0, 10_000, 'the snapshot');
    await W.post(a.token, `/lots/${lotId}/bids`, { pricePerUnit: 400 }).expect(201);
    await first.waitFor((f) => f.some((x) => x.event === 'bid'), 10_000, 'the first bid');
    first.close();
    const lastId = String(first.frames.at(-1)?.id);
    await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnit: 420 }).expect(201);
    const resumed = watch(`/lots/${lotId}/live`, { ...W.bearer(a.token), 'Last-Event-ID': lastId });
    await resumed.waitFor((f) => f.some((x) => x.event === 'outbid'), 10_000, 'the missed bid');
    expect(resumed.frames.map((f) => [f.event, f.data.pricePerUnit])).toEqual([
      ['bid', 420],
      ['outbid', 420],
    ]);
    resumed.close();
  });

  it('asks for a token (header or access_token) and answers 404 for an unknown lot', async () => {
    const res = await stack.http('wholesale').get('/lots/L-000000000000/live').expect(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
    await stack.http('wholesale').get('/lots/L-000000000000/live?access_token=not-a-token').expect(401);
    const buyer = await stack.login('wholesale', 'buyer1');
    await stack.http('wholesale').get(`/lots/L-000000000000/live?access_token=${buyer}`).expect(404);
    const kitchen = await stack.login('wholesale', 'kitchen1');
    await stack.http('wholesale').get(`/lots/L-000000000000/live?access_token=${kitchen}`).expect(403);
  });
});
