import {
  Accounts,
  BidCommands,
  BuyerCommands,
  CatalogCommands,
  LotCommands,
  openEventStore,
  PersonalDataVault,
  StockCommands,
} from '@gx/application';
import { CommandRunner, type EventStore } from '@gx/eventstore';
import { day } from './storefront-support';
import { moneyFieldsNotInFen } from '@gx/platform';
import { startStack, type Stack } from './support/stack';
import { listeningUrl, movableClock, openSse, wholesale, type SseClient, type SseFrame } from './support/wholesale';

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
  // Every app's clock, which the tests move on so that none waits for an extension or a close.
  const time = movableClock();

  beforeAll(async () => {
    // The wholesale app's log lines are kept for the test (stream ends are logged).
    stack = await startStack(['worker', 'operations', 'wholesale'], {}, [time.provider], { logsOf: ['wholesale'] });
    W = wholesale(stack);
    operator = await stack.login('wholesale', 'operator1');
    ops = await stack.login('operations', 'operator1');
    base = await listeningUrl(stack);
    // Another process's view of the log: its own store client and runner, sharing nothing in memory with the apps.
    elsewhere = openEventStore(stack.config);
    const runner = new CommandRunner(elsewhere);
    const catalog = new CatalogCommands(runner);
    remoteBids = new BidCommands(
      new LotCommands(runner, catalog, new StockCommands(runner, catalog)),
      new BuyerCommands(runner, new Accounts(runner, new PersonalDataVault(stack.pool.acquireKeys()))),
    );
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await elsewhere.close();
    await stack.pool.releaseKeys();
    await stack.close();
  });

  const watch = (path: string, headers: Record<string, string> = {}) => {
    const client = openSse(`${base}${path}`, headers);
    clients.push(client);
    return client;
  };
  /** A lot of half a new batch (`receipt` overrides the receipt's facts). */
  const listLot = async (sku: string, body: object, receipt: object = {}) => {
    const { batchId } = await W.receiveAtMarket(ops, sku, 100_000, receipt);
    const res = await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku,
      batchId,
      quantityBase: 50_000,
      saleUnit: '斤',
      startPriceFen: 400,
      incrementFen: 10,
      ...body,
    });
    if (res.status !== 201) throw new Error(`listing answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.lotId as string;
  };

  it('shows two watching buyers the same bids, extensions and close, including bids placed through another process', async () => {
    const [a, b, c] = await W.buyers(operator, 'live', 3, 10_000_000);
    const closesAt = time.inMs(600_000);
    const lotId = await listLot('SKU-MELON-SX', { closesAt, extensionSeconds: 10 });
    const byHeader = watch(`/lots/${lotId}/live`, W.bearer(a.token));
    const byQuery = watch(`/lots/${lotId}/live?access_token=${encodeURIComponent(b.token)}`);
    for (const client of [byHeader, byQuery])
      await client.waitFor((f) => f.some((x) => x.event === 'snapshot'), 10_000, 'the snapshot');
    expect(byHeader.status()).toBe(200);
    expect(byHeader.frames[0].data).toMatchObject({ lotId, currentPriceFen: null, minimumBidFen: 400, units: 100 });

    await W.post(c.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 400 }).expect(201);
    await W.post(a.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 410 }).expect(201);
    // Five seconds before the close (on the apps' clock, which the other process shares): its first bid moves the price inside
    // the anti-sniping window of ten seconds and extends the close by ten; the second, fifteen seconds before the new close, does not.
    time.moveTo(Date.parse(closesAt) - 5000);
    const ctx = (id: string) => ({
      commandId: id,
      actor: 'elsewhere',
      correlationId: id,
      now: time.clock.now().toISOString(),
    });
    await remoteBids.place(lotId, b.buyerId, { pricePerUnitFen: 420, maxPricePerUnitFen: 480 }, ctx('remote-bid-1'));
    await expect(
      remoteBids.place(lotId, c.buyerId, { pricePerUnitFen: 450 }, ctx('remote-bid-2')),
    ).resolves.toMatchObject({ status: 'outbid', pricePerUnitFen: 460 });

    const extendedTo = new Date(Date.parse(closesAt) + 10_000).toISOString();
    for (const client of [byHeader, byQuery])
      await client.waitFor((f) => f.some((x) => x.event === 'extended'), 10_000, 'the extension');
    // The close: the deadline fires once the clock passes the extended close.
    time.moveTo(Date.parse(extendedTo) + 1000);
    for (const client of [byHeader, byQuery])
      await client.waitFor((f) => f.some((x) => x.event === 'closed'), 30_000, 'the close');
    const seen = publicSequence(byHeader.frames);
    expect(
      seen
        .filter((f) => f.event === 'extended')
        .map((f) => [Date.parse(String(f.data.previousClosesAt)), Date.parse(String(f.data.closesAt))]),
    ).toEqual([[Date.parse(closesAt), Date.parse(extendedTo)]]);
    expect(publicSequence(byQuery.frames)).toEqual(seen);
    const bids = seen.filter((f) => f.event === 'bid').map((f) => [f.data.bidder, f.data.pricePerUnitFen]);
    expect(bids).toEqual([
      ['买家**01', 400],
      ['买家**02', 410],
      ['买家**03', 420],
      ['买家**01', 450],
      ['买家**03', 460],
    ]);
    expect(seen.at(-1)).toMatchObject({
      event: 'closed',
      data: { outcome: 'sold', pricePerUnitFen: 460, winner: '买家**03' },
    });
    const ids = seen.map((f) => Number(f.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    // Every frame on the conventions: money in …Fen (fen per the sale unit), business times in Beijing time.
    for (const client of [byHeader, byQuery]) expect(moneyFieldsNotInFen(client.frames.map((f) => f.data))).toEqual([]);
    expect(byHeader.frames[0].data).toMatchObject({ saleUnit: { unit: '斤', base: 500 }, incrementFen: 10 });
    const times = byHeader.frames.flatMap((f) =>
      ['at', 'opensAt', 'closesAt', 'previousClosesAt'].map((k) => f.data[k]).filter((t) => typeof t === 'string'),
    );
    expect(times.length).toBeGreaterThan(6);
    for (const time of times) expect(time).toMatch(/\+08:00$/);

    // Personal frames: only the outbid buyer hears of it, each sees its own bids as its own, and nobody sees another's identity or maximum.
    expect(byHeader.frames.filter((f) => f.event === 'outbid')).toHaveLength(1);
    expect(byQuery.frames.filter((f) => f.event === 'outbid')).toHaveLength(0);
    expect(byQuery.frames.filter((f) => f.event === 'bid' && f.data.mine).map((f) => f.data.pricePerUnitFen)).toEqual([
      420, 460,
    ]);
    expect(byQuery.frames.at(-1)?.data).toMatchObject({ mine: true });
    for (const text of [JSON.stringify(byHeader.frames), JSON.stringify(byQuery.frames)]) {
      for (const buyer of [a, b, c]) expect(text).not.toContain(buyer.buyerId);
      expect(text).not.toContain('maxPricePerUnit');
    }
    // The board ends with the close, and a reconnection that has seen everything is told to stop.
    await byHeader.waitFor(() => byHeader.ended(), 5000, 'the stream to end');
    const last = String(seen.at(-1)?.id);
    await stack
      .http('wholesale')
      .get(`/lots/${lotId}/live`)
      .set({ ...W.bearer(a.token), 'Last-Event-ID': last })
      .expect(204);
  });

  it('resumes after Last-Event-ID without repeating or losing a bid', async () => {
    const [a, b] = await W.buyers(operator, 'resume', 2, 10_000_000);
    const lotId = await listLot('SKU-CUCUMBER-SX', { closesAt: time.inMs(3600_000) });
    const first = watch(`/lots/${lotId}/live`, W.bearer(a.token));
    await first.waitFor((f) => f.length > 0, 10_000, 'the snapshot');
    await W.post(a.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 400 }).expect(201);
    await first.waitFor((f) => f.some((x) => x.event === 'bid'), 10_000, 'the first bid');
    first.close();
    const lastId = String(first.frames.at(-1)?.id);
    await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 420 }).expect(201);
    const resumed = watch(`/lots/${lotId}/live`, { ...W.bearer(a.token), 'Last-Event-ID': lastId });
    await resumed.waitFor((f) => f.some((x) => x.event === 'outbid'), 10_000, 'the missed bid');
    expect(resumed.frames.map((f) => [f.event, f.data.pricePerUnitFen])).toEqual([
      ['bid', 420],
      ['outbid', 420],
    ]);
    resumed.close();
  });

  it('logs every stream end with its user, lot, reason, frames and seconds, and counts it by reason in /metrics', async () => {
    const [a, b] = await W.buyers(operator, 'ends', 2, 10_000_000);
    // Harvested before the half batch the first test left: first expiry first out lets it be listed.
    const lotId = await listLot('SKU-MELON-SX', { closesAt: time.inMs(3600_000) }, { harvestDate: day(-2) });
    const metrics = async () => (await stack.http('wholesale').get('/metrics')).text;
    const ended = (text: string, reason: string) =>
      Number(
        new RegExp(`^live_streams_ended_total\\{[^}]*reason="${reason}"[^}]*\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0,
      );
    const endsLogged = () => stack.logs('wholesale').filter((l) => l.msg === 'live stream ended');
    const loggedBefore = endsLogged().length;
    const before = await metrics();

    // client_left: a buyer watches the lot and the market board, sees a bid on both, and leaves.
    const leaving = watch(`/lots/${lotId}/live`, W.bearer(a.token));
    const board = watch('/lots/live', W.bearer(a.token));
    await leaving.waitFor((f) => f.some((x) => x.event === 'snapshot'), 10_000, 'the snapshot');
    await board.waitFor((f) => f.some((x) => x.event === 'market'), 10_000, 'the market frame');
    await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 400 }).expect(201);
    // The board may learn of the lot only now, from a `listed` frame of its state that already holds the bid.
    const sawBid = (f: SseFrame[]) =>
      f.some(
        (x) => x.data.lotId === lotId && (x.event === 'bid' || (x.event === 'listed' && Number(x.data.bidCount) >= 1)),
      );
    for (const client of [leaving, board]) await client.waitFor(sawBid, 10_000, 'the bid');
    leaving.close();
    board.close();
    // closed: the bidder watches until an operator closes the lot now; the stream ends with the close.
    const staying = watch(`/lots/${lotId}/live`, W.bearer(b.token));
    await staying.waitFor((f) => f.some((x) => x.event === 'snapshot'), 10_000, 'the snapshot');
    await W.post(operator, `/lots/${lotId}/close`, {}).expect(200);
    await staying.waitFor(() => staying.ended(), 10_000, 'the stream to end with the close');
    await staying.waitFor(() => endsLogged().length >= loggedBefore + 3, 10_000, 'three stream ends in the log');

    const lines = endsLogged()
      .slice(loggedBefore)
      .filter((l) => l.user === 'ends1' || l.user === 'ends2');
    const line = (lot: string, reason: string) => lines.find((l) => l.lot === lot && l.reason === reason);
    expect(lines).toHaveLength(3);
    expect(line(lotId, 'client_left')).toEqual(
      expect.objectContaining({
        level: 'info',
        app: 'wholesale',
        context: 'LiveStreams',
        user: 'ends1',
        frames: leaving.frames.length,
        seconds: expect.any(Number),
      }),
    );
    expect(line('market', 'client_left')).toEqual(
      expect.objectContaining({ user: 'ends1', frames: board.frames.length }),
    );
    expect(line(lotId, 'closed')).toEqual(expect.objectContaining({ user: 'ends2', frames: staying.frames.length }));
    expect(staying.frames.map((f) => f.event)).toEqual(['snapshot', 'closed']);
    for (const l of lines) expect(l.seconds).toBeGreaterThanOrEqual(0);
    // Nothing of the token in the log line (the access token can come in the URL).
    expect(JSON.stringify(lines)).not.toContain(a.token);
    const after = await metrics();
    expect(ended(after, 'client_left') - ended(before, 'client_left')).toBe(2);
    expect(ended(after, 'closed') - ended(before, 'closed')).toBe(1);
  });

  it('serialises each event once per kind of watcher, however many watch: ten buyers and five operators cost two serialisations of a bid', async () => {
    const buyers = await W.buyers(operator, 'many', 11, 10_000_000);
    const lotId = await listLot('SKU-MELON-SX', { closesAt: time.inMs(3600_000) }, { harvestDate: day(-3) });
    const metrics = async () => (await stack.http('wholesale').get('/metrics')).text;
    const counter = (text: string, name: string) =>
      [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
    const watchers = [
      ...buyers.slice(1).map((b) => watch(`/lots/${lotId}/live`, W.bearer(b.token))),
      ...Array.from({ length: 5 }, () => watch(`/lots/${lotId}/live`, W.bearer(operator))),
    ];
    for (const w of watchers) await w.waitFor((f) => f.some((x) => x.event === 'snapshot'), 10_000, 'the snapshot');
    const before = await metrics();
    // The first buyer (not watching) bids: operators get one frame (with names), the ten watching buyers another; the
    // bidder has no stream here, so its own variant is never made.
    await W.post(buyers[0]!.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 400 }).expect(201);
    for (const w of watchers) await w.waitFor((f) => f.some((x) => x.event === 'bid'), 10_000, 'the bid');
    const after = await metrics();
    // Every watcher got the bid (waited for above): fifteen frames at least (a clock tick may add some), from two serialisations.
    expect(counter(after, 'live_frames_sent_total') - counter(before, 'live_frames_sent_total')).toBeGreaterThanOrEqual(
      15,
    );
    expect(counter(after, 'live_frames_serialised_total') - counter(before, 'live_frames_serialised_total')).toBe(2);
    for (const w of watchers) w.close();
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
