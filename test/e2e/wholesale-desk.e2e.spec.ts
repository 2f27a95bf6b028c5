import { connect } from 'node:net';
import { moneyFieldsNotInFen } from '@gx/platform';
import { metric } from './support/metrics';
import { startStack, type Stack } from './support/stack';
import { STORES } from './support/stores';
import { listeningUrl, movableClock, openSse, wholesale, type SseClient } from './support/wholesale';

jest.setTimeout(120_000);

describe('wholesale desk: lot controls, bidders by name, market prices, and the live board at scale', () => {
  let stack: Stack;
  let W: ReturnType<typeof wholesale>;
  let operator: string;
  let ops: string;
  let base: string;
  const clients: SseClient[] = [];
  // Every app's clock, which the tests move on so that none waits for a close.
  const time = movableClock();

  beforeAll(async () => {
    // Small bounds, so that the test reaches them.
    stack = await startStack(
      ['worker', 'operations', 'wholesale'],
      {
        LIVE_STREAMS_PER_USER: '3',
        LIVE_STREAMS_PER_LOT: '4',
        LIVE_STREAMS_MAX: '6',
        LIVE_MAX_BUFFER_BYTES: '65536',
      },
      [time.provider],
      { logsOf: ['wholesale'] },
    );
    W = wholesale(stack);
    operator = await stack.login('wholesale', 'operator1');
    ops = await stack.login('operations', 'operator1');
    base = await listeningUrl(stack);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await stack.close();
  });

  const watch = (path: string, headers: Record<string, string> = {}) => {
    const client = openSse(`${base}${path}`, headers);
    clients.push(client);
    return client;
  };
  // The whole batch goes into the lot: a leftover would be first-expiry-first-out ahead of the next batch of the SKU.
  const listLot = async (sku: string, body: object = {}) => {
    const { batchId } = await W.receiveAtMarket(ops, sku, 50_000);
    const res = await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku,
      batchId,
      quantityBase: 50_000,
      saleUnit: '斤',
      startPriceFen: 400,
      incrementFen: 10,
      closesAt: time.inMs(3_600_000),
      ...body,
    });
    if (res.status !== 201) throw new Error(`listing answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { lotId: res.body.lotId as string, batchId, position: res.body.position as string };
  };
  const freeOf = async (batchId: string): Promise<number> => {
    const res = await W.get(operator, '/market-batches').expect(200);
    return (
      (res.body.items as Array<{ batchId: string; freeBase: number }>).find((b) => b.batchId === batchId)?.freeBase ?? 0
    );
  };
  const until = async (check: () => Promise<boolean>, what: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('withdraws a lot without bids (stock back, bids refused, repeatable) and refuses one with bids', async () => {
    const [buyer] = await W.buyers(operator, 'wd', 1, 10_000_000);
    const { lotId, batchId } = await listLot('SKU-JUJUBE-CP');
    await until(async () => (await freeOf(batchId)) === 0, 'the lot to hold its stock');
    const res = await W.post(operator, `/lots/${lotId}/withdraw`, { reason: '质检复核' }).expect(200);
    expect(res.body).toMatchObject({ lotId, status: 'withdrawn' });
    await W.post(operator, `/lots/${lotId}/withdraw`, { reason: '质检复核' }).expect(200);
    await until(async () => (await freeOf(batchId)) === 50_000, 'the lot stock to return');
    const bid = await W.post(buyer.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 400 }).expect(409);
    expect(bid.body.code).toBe('ALREADY_DECIDED');
    const lot = await W.get(operator, `/lots/${lotId}?after=${res.body.position}`).expect(200);
    expect(lot.body).toMatchObject({
      status: 'withdrawn',
      outcome: { withdrawn: { reason: '质检复核' }, by: 'operator1' },
    });
    expect(
      (await W.get(operator, '/lots?status=withdrawn').expect(200)).body.items.map((l: { lotId: string }) => l.lotId),
    ).toContain(lotId);
    const types = (await stack.events.readStream(`lot-${lotId}`)).map((e) => e.type);
    expect(types.filter((t) => t === 'LotWithdrawn')).toHaveLength(1);

    const withBid = await listLot('SKU-TOMATO-SX');
    await W.post(buyer.token, `/lots/${withBid.lotId}/bids`, { pricePerUnitFen: 400 }).expect(201);
    expect((await W.post(operator, `/lots/${withBid.lotId}/withdraw`, { reason: 'x' }).expect(409)).body.code).toBe(
      'INVALID_STATE',
    );
    await W.post(buyer.token, `/lots/${withBid.lotId}/withdraw`, { reason: 'x' }).expect(403);
  });

  it('closes a lot now the way the deadline does (sale, operator recorded), once, and shows its price on the market chart', async () => {
    const [a, b] = await W.buyers(operator, 'cn', 2, 10_000_000);
    const closesAt = time.inMs(60_000);
    const { lotId } = await listLot('SKU-MELON-SX', { closesAt });
    // A lot closing a second later that nobody closes early: once the deadline has closed it, the deadline of the first has passed too.
    const bystander = await listLot('SKU-TOMATO-SX', { closesAt: new Date(Date.parse(closesAt) + 1000).toISOString() });
    await W.post(a.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 400 }).expect(201);
    await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 450 }).expect(201);
    await W.post(a.token, `/lots/${bystander.lotId}/bids`, { pricePerUnitFen: 400 }).expect(201);
    // Two operators' clicks at once: one close.
    const [first, second] = await Promise.all([
      W.post(operator, `/lots/${lotId}/close`, {}),
      W.post(operator, `/lots/${lotId}/close`, {}),
    ]);
    for (const res of [first, second])
      expect(res.body).toMatchObject({ lotId, status: 'sold', pricePerUnitFen: 450, winner: '买家**02' });
    // The deadline passes later (on the apps' clock) and changes nothing.
    const soldBy = async (id: string) =>
      (await stack.events.readStream(`lot-${id}`)).filter((e) => e.type === 'LotSold');
    time.moveTo(Date.parse(closesAt) + 2000);
    await until(async () => (await soldBy(bystander.lotId)).length === 1, 'the deadline to close the other lot');
    expect((await soldBy(bystander.lotId))[0]?.data).not.toHaveProperty('closedEarlyBy');
    const sold = await soldBy(lotId);
    expect(sold).toHaveLength(1);
    expect(sold[0]?.data).toMatchObject({ closedEarlyBy: 'operator1', pricePerUnit: 450 });
    expect(sold[0]?.metadata.actor).toBe('operator1');
    // Countdowns follow the clock that decides: a board's serverTime is the apps' clock, now a minute ahead of the wall.
    const board = watch(`/lots/${lotId}/live`, W.bearer(a.token));
    await board.waitFor((f) => f.some((x) => x.event === 'snapshot'), 10_000, 'the snapshot');
    const serverTime = Date.parse(String(board.frames[0]?.data.serverTime));
    expect(Math.abs(serverTime - time.clock.now().getTime())).toBeLessThan(5000);
    expect(serverTime - Date.now()).toBeGreaterThan(50_000);
    board.close();

    const lot = await W.get(operator, `/lots/${lotId}?after=${first.body.position}`).expect(200);
    expect(lot.body).toMatchObject({
      status: 'sold',
      outcome: { by: 'operator1', winner: '买家**02', buyerId: b.buyerId },
    });
    await until(async () => (await W.get(operator, `/sales/S-${lotId.slice(2)}`)).status === 200, 'the sale order');
    const prices = await W.get(a.token, `/market-prices?sku=SKU-MELON-SX&after=${first.body.position}`).expect(200);
    expect(prices.body.items).toContainEqual(
      expect.objectContaining({
        lotId,
        sku: 'SKU-MELON-SX',
        skuName: '莘县香瓜',
        grade: '特级',
        saleUnit: { unit: '斤', base: 500 },
        units: 100,
        pricePerUnitFen: 450,
      }),
    );
    await W.get(a.token, '/market-prices?from=yesterday').expect(400);
  });

  it('shows operators the bidders by name in GET /lots/{id} and on the live board; buyers still see aliases', async () => {
    const [a, b] = await W.buyers(operator, 'nm', 2, 10_000_000);
    const { lotId } = await listLot('SKU-TOMATO-SX');
    const staff = watch(`/lots/${lotId}/live`, W.bearer(operator));
    const buyerView = watch(`/lots/${lotId}/live`, W.bearer(a.token));
    for (const c of [staff, buyerView])
      await c.waitFor((f) => f.some((x) => x.event === 'snapshot'), 10_000, 'the snapshot');
    await W.post(a.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 400 }).expect(201);
    const placed = await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 410 }).expect(201);
    await staff.waitFor((f) => f.filter((x) => x.event === 'bid').length === 2, 10_000, 'two bids');
    expect(
      staff.frames.filter((f) => f.event === 'bid').map((f) => [f.data.bidder, f.data.buyerName, f.data.buyerId]),
    ).toEqual([
      ['买家**01', '买家 nm1', a.buyerId],
      ['买家**02', '买家 nm2', b.buyerId],
    ]);
    await buyerView.waitFor((f) => f.filter((x) => x.event === 'bid').length === 2, 10_000, 'two bids');
    expect(JSON.stringify(buyerView.frames)).not.toContain('买家 nm');
    expect(JSON.stringify(buyerView.frames)).not.toContain(b.buyerId);

    const lot = await W.get(operator, `/lots/${lotId}?after=${placed.body.position}`).expect(200);
    expect(lot.body).toMatchObject({ leader: '买家**02', leaderName: '买家 nm2', leaderBuyerId: b.buyerId });
    expect(lot.body.recentBids.map((x: { buyerName: string }) => x.buyerName)).toEqual(['买家 nm2', '买家 nm1']);
    expect(lot.body.bidders).toEqual([
      { alias: '买家**01', buyerId: a.buyerId, name: '买家 nm1' },
      { alias: '买家**02', buyerId: b.buyerId, name: '买家 nm2' },
    ]);
    const seenByBuyer = await W.get(a.token, `/lots/${lotId}`).expect(200);
    expect(JSON.stringify(seenByBuyer.body)).not.toContain('nm2');
    expect(seenByBuyer.body.leader).toBe('买家**02');
    staff.close();
    buyerView.close();
  });

  it('streams the market board: every listed lot at once, then the bids of any lot', async () => {
    const [a] = await W.buyers(operator, 'mk', 1, 10_000_000);
    const { lotId, position } = await listLot('SKU-CUCUMBER-SX');
    // The market frame lists the lots of the read model: read after the listing.
    await W.get(a.token, `/lots?after=${position}`).expect(200);
    const market = watch('/lots/live', W.bearer(a.token));
    await market.waitFor((f) => f.some((x) => x.event === 'market'), 10_000, 'the market frame');
    const lots = market.frames[0]?.data.lots as Array<{
      lotId: string;
      grade: string;
      origin: string;
      serverTime: string;
    }>;
    expect(lots.find((l) => l.lotId === lotId)).toMatchObject({ grade: '特级', origin: '莘县张鲁回族镇杨庄村' });
    const later = await listLot('SKU-CUCUMBER-SX');
    await market.waitFor(
      (f) => f.some((x) => x.event === 'listed' && x.data.lotId === later.lotId),
      10_000,
      'the new lot',
    );
    await W.post(a.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 400 }).expect(201);
    await market.waitFor((f) => f.some((x) => x.event === 'bid' && x.data.lotId === lotId), 10_000, 'the bid');
    expect(market.frames.find((x) => x.event === 'bid')?.data).toMatchObject({
      bidder: '买家**01',
      mine: true,
      pricePerUnitFen: 400,
    });
    expect(moneyFieldsNotInFen(market.frames.map((x) => x.data))).toEqual([]);
    market.close();
  });

  it("answers a Last-Event-ID beyond the lot's revision with a snapshot", async () => {
    const { lotId } = await listLot('SKU-CUCUMBER-SX');
    const client = watch(`/lots/${lotId}/live`, { ...W.bearer(operator), 'Last-Event-ID': '999' });
    await client.waitFor((f) => f.length > 0, 10_000, 'a frame');
    expect(client.frames[0]).toMatchObject({ id: '0', event: 'snapshot', data: { lotId, bidCount: 0 } });
    const byQuery = watch(`/lots/${lotId}/live?lastEventId=999`, W.bearer(operator));
    await byQuery.waitFor((f) => f.length > 0, 10_000, 'a frame');
    expect(byQuery.frames[0]?.event).toBe('snapshot');
    client.close();
    byQuery.close();
  });

  it('bounds live streams per user (429), per lot and per process (503), with Retry-After, and frees them when clients leave', async () => {
    const users = await W.buyers(operator, 'adm', 3, 10_000_000);
    const { lotId } = await listLot('SKU-CUCUMBER-SX');
    const [u1, u2, u3] = users;
    const path = `/lots/${lotId}/live`;
    const open = async (token: string, p = path) => {
      const c = watch(p, W.bearer(token));
      await c.waitFor((f) => f.length > 0 || c.ended(), 10_000, 'the first frame');
      return c;
    };
    await until(
      async () => metric((await stack.http('wholesale').get('/metrics')).text, 'live_streams_open') === 0,
      'earlier streams to close',
    );
    const mine = [await open(u1.token), await open(u1.token), await open(u1.token)];
    const refused = await stack.http('wholesale').get(path).set(W.bearer(u1.token)).expect(429);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.body.code).toBe('TOO_MANY_STREAMS');
    // Four on one lot is its bound; the fifth watcher is refused though its user holds none.
    const fourth = await open(u2.token);
    const lotFull = await stack.http('wholesale').get(path).set(W.bearer(u3.token)).expect(503);
    expect(lotFull.headers['retry-after']).toBe('10');
    // Six in the process: the market board of another user fills it.
    await open(u2.token, '/lots/live');
    await open(u3.token, '/lots/live');
    await stack.http('wholesale').get('/lots/live').set(W.bearer(u3.token)).expect(503);
    const metrics = (await stack.http('wholesale').get('/metrics')).text;
    expect(metric(metrics, 'live_streams_open')).toBe(6);
    expect(metric(metrics, 'live_streams_refused_total', 'reason="per_user"')).toBe(1);
    expect(metric(metrics, 'live_streams_refused_total', 'reason="per_lot"')).toBe(1);
    expect(metric(metrics, 'live_streams_refused_total', 'reason="per_process"')).toBe(1);
    for (const c of [...mine, fourth]) c.close();
    await until(
      async () =>
        metric((await stack.http('wholesale').get('/metrics')).text, 'live_streams_open', 'stream="lot"') === 0,
      'the streams to be freed',
    );
    (await open(u1.token)).close();
  });

  // A transport behaviour, the same on every store; on the production doubles, several megabytes of events through the
  // EventStoreDB fake and the MongoDB double's projections take minutes, so it runs on the embedded stores only.
  (STORES === 'production' ? it.skip : it)(
    'drops a client that stops reading once its buffer is full, and counts frames, drops and fan-out time',
    async () => {
      const { lotId } = await listLot('SKU-CUCUMBER-SX');
      const before = (await stack.http('wholesale').get('/metrics')).text;
      // A raw client that sends its request and never reads: the kernel buffers fill (about 4 MB on loopback here), then the process's.
      const { port } = new URL(base);
      const socket = connect(Number(port), '127.0.0.1');
      let closed = false;
      socket.on('close', () => (closed = true));
      socket.on('error', () => undefined);
      socket.write(
        `GET /lots/${lotId}/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${operator}\r\n\r\n`,
      );
      socket.pause();
      const reader = watch(`/lots/${lotId}/live`, W.bearer(operator));
      await reader.waitFor((f) => f.length > 0, 10_000, 'the snapshot');
      await until(
        async () =>
          metric((await stack.http('wholesale').get('/metrics')).text, 'live_streams_open', 'stream="lot"') === 2,
        'both streams',
      );
      // Bids as the log holds them, appended in bulk with 16 KB aliases, so that a few hundred frames fill the socket buffers
      // (placing the thousands of ordinary bids that takes would take minutes here): the board only reads the log.
      const { revision } = await (async () => ({
        revision: (await stack.events.readStream(`lot-${lotId}`)).length - 1,
      }))();
      let next = revision + 1;
      let price = 400;
      const slowDrops = async () =>
        metric(
          (await stack.http('wholesale').get('/metrics')).text,
          'live_streams_ended_total',
          'reason="slow_client"',
        );
      const dropsBefore = metric(before, 'live_streams_ended_total', 'reason="slow_client"');
      const big = '买'.repeat(5400);
      // Batches of 40 (about 650 KB): EventStoreDB refuses appends over 1 MB.
      for (let batch = 0; batch < 50 && (await slowDrops()) === dropsBefore; batch++) {
        const events = Array.from({ length: 40 }, (_, i) => {
          const at = new Date().toISOString();
          const bidId = `flood-${batch}-${i}`;
          const data = {
            lotId,
            bidId,
            buyerId: i % 2 ? 'BUYER-FLOOD-1' : 'BUYER-FLOOD-2',
            alias: `${big}${i % 2}`,
            pricePerUnit: price + i * 10,
            maxPricePerUnit: price + i * 10,
            proxy: false,
            placedAt: at,
          };
          return {
            type: 'BidPlaced',
            data,
            metadata: { schemaVersion: 1, correlationId: bidId, causationId: bidId, actor: 'flood', occurredAt: at },
          };
        });
        await stack.events.append(`lot-${lotId}`, events, next - 1);
        next += events.length;
        price += events.length * 10;
        await new Promise((r) => setTimeout(r, 200));
      }
      await until(async () => (await slowDrops()) === dropsBefore + 1, 'the slow client to be dropped', 30_000);
      // The drop is logged as the stream's end: who, which lot, why, and how many frames it was written before.
      const dropped = stack
        .logs('wholesale')
        .filter((l) => l.msg === 'live stream ended' && l.reason === 'slow_client');
      expect(dropped).toEqual([
        expect.objectContaining({
          context: 'LiveStreams',
          user: 'operator1',
          lot: lotId,
          frames: expect.any(Number),
          seconds: expect.any(Number),
        }),
      ]);
      expect(dropped[0]?.frames).toBeGreaterThan(1);
      socket.resume();
      await until(async () => closed, "the slow client's connection to close");
      // The reader kept up: every bid, in order, and its stream is still open.
      const total = (price - 400) / 10;
      await reader.waitFor((f) => f.filter((x) => x.event === 'bid').length >= total, 60_000, 'every bid');
      const bids = reader.frames.filter((x) => x.event === 'bid').map((x) => x.data.pricePerUnitFen as number);
      expect(bids.length).toBe(total);
      expect(bids.every((p, i) => p === 400 + i * 10)).toBe(true);
      const after = (await stack.http('wholesale').get('/metrics')).text;
      expect(metric(after, 'live_streams_open', 'stream="lot"')).toBe(1);
      expect(metric(after, 'live_frames_sent_total') - metric(before, 'live_frames_sent_total')).toBeGreaterThanOrEqual(
        total,
      );
      expect(
        metric(after, 'live_fanout_seconds_count') - metric(before, 'live_fanout_seconds_count'),
      ).toBeGreaterThanOrEqual(total);
      reader.close();
      socket.destroy();
    },
  );
});
