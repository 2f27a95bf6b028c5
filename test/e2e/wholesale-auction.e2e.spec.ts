import { moneyFieldsNotInFen } from '@gx/platform';
import { eventually } from '../support/processes';
import { startStack, type Stack } from './support/stack';
import { day, movableClock, wholesale } from './support/wholesale';

/** The demo catalog's name of COOP-SX-VEG, the producer of the batches received at the market in these tests. */
const PRODUCER_NAME = '莘县蔬菜产销专业合作社';

jest.setTimeout(60_000);

describe('wholesale desk: listing, bidding, credit and the close', () => {
  let stack: Stack;
  let W: ReturnType<typeof wholesale>;
  let operator: string;
  let ops: string;
  let buyer1: string;
  // Every app's clock, which the tests move on so that none waits for a close.
  const time = movableClock();

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'wholesale'], {}, [time.provider]);
    W = wholesale(stack);
    operator = await stack.login('wholesale', 'operator1');
    ops = await stack.login('operations', 'operator1');
    buyer1 = await stack.login('wholesale', 'buyer1');
  });
  afterAll(async () => {
    await stack.close();
  });

  /** Stock of a SKU at the market as operations reports it. */
  const marketStock = async (sku: string, after: string) =>
    (
      await stack
        .http('operations')
        .get(`/stock?sku=${sku}&warehouse=LC-MKT-01&after=${after}`)
        .set(W.bearer(ops))
        .expect(200)
    ).body.items[0];
  /** List a lot of `sku` (a fresh batch received for it) closing at `closesAt`. */
  const lotOf = async (sku: string, body: object) => {
    const { batchId } = await W.receiveAtMarket(ops, sku, 200_000);
    const res = await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku,
      batchId,
      quantityBase: 100_000,
      saleUnit: '斤',
      startPriceFen: 400,
      incrementFen: 10,
      closesAt: time.inMs(3 * 3600_000),
      ...body,
    }).expect(201);
    return { batchId, lotId: res.body.lotId as string, position: res.body.position as string };
  };
  const lotAs = async (token: string, lotId: string, after: string) =>
    (await W.get(token, `/lots/${lotId}?after=${after}`).expect(200)).body;
  const account = async (token: string, buyerId: string, after?: string) =>
    (await W.get(token, `/buyers/${buyerId}${after ? `?after=${after}` : ''}`).expect(200)).body;

  it('seeds approved buyers and open lots of market pears closing over the next hours', async () => {
    const lots = await eventually(
      async () => {
        const res = await W.get(buyer1, '/lots?status=open').expect(200);
        return res.body.items.length >= 3 ? res.body.items : undefined;
      },
      10_000,
      'the demo lots',
    );
    expect(lots[0]).toMatchObject({
      sku: 'SKU-PEAR-GX',
      warehouse: 'LC-MKT-01',
      status: 'open',
      batch: { grade: '特级', inspection: { result: 'pass' } },
    });
    expect(
      lots.every(
        (l: { closesAt: string; status: string }) =>
          l.status === 'open' && l.closesAt.endsWith('+08:00') && Date.parse(l.closesAt) > Date.now(),
      ),
    ).toBe(true);
    // One meaning of status: the filter takes exactly the values the answers carry.
    const stale = await W.get(buyer1, '/lots?status=listed').expect(400);
    expect(stale.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    expect(stale.body.errors[0].message).toContain('scheduled, open, closing, sold, unsold');
    expect(lots[0]).not.toHaveProperty('reservePriceFen');
    const credit = await eventually(
      async () => {
        const res = await W.get(buyer1, '/buyers/BUYER-LC-001');
        return res.status === 200 ? res.body : undefined;
      },
      10_000,
      'the demo credit',
    );
    expect(credit).toMatchObject({ creditLimitFen: 20_000_000, exposureFen: 0, availableFen: 20_000_000 });
  });

  it('lists a lot from a market batch with its grade, origin and inspection, and reserves its quantity', async () => {
    const { batchId, position } = await W.receiveAtMarket(ops, 'SKU-CABBAGE', 300_000);
    const before = await marketStock('SKU-CABBAGE', position);
    const res = await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku: 'SKU-CABBAGE',
      batchId,
      quantityBase: 120_000,
      startPriceFen: 150,
      reservePriceFen: 200,
      incrementFen: 5,
      closesAt: time.inMs(3600_000),
      notes: '大白菜 一级',
    }).expect(201);
    expect(res.body).toMatchObject({
      quantityBase: 120_000,
      baseUnit: 'g',
      saleUnit: { unit: 'kg', base: 1000 },
      units: 120,
      batch: {
        batchId,
        grade: '特级',
        origin: { plot: 'M-3' },
        inspection: { result: 'pass', testId: 'NC-E2E-AUCTION' },
      },
    });
    // The lot's detail names the producer as people know it, beside the code the lot records.
    const detail = await W.get(operator, `/lots/${res.body.lotId}?after=${res.body.position}`).expect(200);
    expect(detail.body.batch).toMatchObject({ producer: 'COOP-SX-VEG', producerName: PRODUCER_NAME });
    const after = await marketStock('SKU-CABBAGE', res.body.position);
    expect(after.availableBase).toBe(before.availableBase - 120_000);
    expect(after.reservations).toEqual([
      expect.objectContaining({
        holder: res.body.lotId,
        holderKind: 'lot',
        picks: [{ batchId, quantityBase: 120_000 }],
      }),
    ]);
    // Business times in Beijing time with their offset; the same instant as asked.
    for (const time of ['opensAt', 'closesAt', 'listedAt'])
      expect(res.body[time]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/);
    const lot = (await W.get(operator, `/lots/${res.body.lotId}?after=${res.body.position}`).expect(200)).body;
    expect(lot).toMatchObject({
      quantityBase: 120_000,
      baseUnit: 'g',
      saleUnit: { unit: 'kg', base: 1000 },
      units: 120,
      startPriceFen: 150,
      reservePriceFen: 200,
      incrementFen: 5,
    });
    expect(Date.parse(lot.closesAt)).toBe(Date.parse(res.body.closesAt));

    // More than the free stock: refused in the lot's sale unit, the base units named so.
    const short = await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku: 'SKU-CABBAGE',
      batchId,
      quantityBase: 200_000,
      startPriceFen: 150,
      incrementFen: 5,
      closesAt: time.inMs(3600_000),
    }).expect(409);
    expect(short.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', detail: '180 kg available (180000 g), 200 asked' });
    // A quantity that is no whole number of the sale unit says so, naming quantityBase.
    const odd = await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku: 'SKU-CABBAGE',
      batchId,
      quantityBase: 1500,
      startPriceFen: 150,
      incrementFen: 5,
      closesAt: time.inMs(3600_000),
    }).expect(409);
    expect(odd.body.detail).toBe('quantityBase must be a whole number of kg (1000 base units each)');
    // The names before the convention are refused, naming the fields now required.
    const old = await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku: 'SKU-CABBAGE',
      batchId,
      quantity: 1000,
      startPrice: 150,
      increment: 5,
      closesAt: time.inMs(3600_000),
    }).expect(400);
    expect(old.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['quantityBase', 'startPriceFen', 'incrementFen']),
    );

    const elsewhere = await W.post(operator, '/lots', {
      warehouse: 'LC-HUB-DCF',
      sku: 'SKU-CABBAGE',
      batchId,
      quantityBase: 1000,
      startPriceFen: 1,
      incrementFen: 1,
      closesAt: time.inMs(3600_000),
    });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.code).toBe('INVALID_STATE');
  });

  it('refuses to list a fresher batch while an older one waits (FEFO), keeping no stock aside', async () => {
    const { batchId: older } = await W.receiveAtMarket(ops, 'SKU-POTATO', 50_000);
    const { batchId: newer, position } = await W.receiveAtMarket(ops, 'SKU-POTATO', 50_000, { harvestDate: day(0) });
    const before = await marketStock('SKU-POTATO', position);
    const res = await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku: 'SKU-POTATO',
      batchId: newer,
      quantityBase: 10_000,
      startPriceFen: 100,
      incrementFen: 5,
      closesAt: time.inMs(3600_000),
    }).expect(422);
    expect(res.body.code).toBe('BATCH_NOT_SELLABLE');
    const head = (
      await W.post(operator, '/lots', {
        warehouse: 'LC-MKT-01',
        sku: 'SKU-POTATO',
        batchId: older,
        quantityBase: 10_000,
        startPriceFen: 100,
        incrementFen: 5,
        closesAt: time.inMs(3600_000),
      }).expect(201)
    ).body;
    const after = await marketStock('SKU-POTATO', head.position);
    expect(after.availableBase).toBe(before.availableBase - 10_000);
    expect(after.reservations.map((r: { holder: string }) => r.holder)).toEqual([head.lotId]);
  });

  it('bids: increments, ties, proxy answers, and nobody sees another buyer or maximum', async () => {
    const [a, b] = await W.buyers(operator, 'mask', 2, 10_000_000);
    const { lotId } = await lotOf('SKU-TOMATO-SX', { reservePriceFen: 500 });
    const first = await W.post(a.token, `/lots/${lotId}/bids`, {
      pricePerUnitFen: 400,
      maxPricePerUnitFen: 617,
    }).expect(201);
    // The maximum covers the reserve, so the price rises to it at once.
    expect(first.body).toMatchObject({
      status: 'leading',
      pricePerUnitFen: 500,
      maxPricePerUnitFen: 617,
      creditHeldFen: 200 * 617,
    });
    const low = (await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 505 }).expect(422)).body;
    expect(low).toMatchObject({
      code: 'BID_TOO_LOW',
      detail: 'the lowest acceptable bid is 510 fen per 斤',
      errors: [{ field: 'pricePerUnitFen', message: 'the lowest acceptable bid is 510 fen per 斤' }],
      minimumBidFen: 510,
    });
    expect((await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 500 }).expect(409)).body.code).toBe(
      'OUTBID',
    );
    // Placed, counted and answered by a's proxy at once: accepted, and the answer says who leads now.
    const answered = await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 550 }).expect(201);
    expect(answered.body).toMatchObject({
      status: 'outbid',
      yourPricePerUnitFen: 550,
      pricePerUnitFen: 560,
      leader: '买家**01',
      creditHeldFen: 0,
    });
    expect(JSON.stringify(answered.body)).not.toContain(a.buyerId);

    const proxied = (
      await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 570, maxPricePerUnitFen: 590 }).expect(201)
    ).body;
    expect(proxied).toMatchObject({
      status: 'outbid',
      pricePerUnitFen: 600,
      leader: '买家**01',
      maxPricePerUnitFen: 590,
    });
    expect(JSON.stringify(proxied)).not.toContain('617');
    const head = await eventually(
      async () => {
        const lot = await lotAs(b.token, lotId, '0');
        // The whole proxy answer (price, count and b's standing), not its first event alone.
        return lot.currentPriceFen === 600 && lot.bidCount === 5 && lot.you?.standing === 'outbid' ? lot : undefined;
      },
      5000,
      'the lot at 600 with b outbid',
    );
    expect(head).toMatchObject({
      leader: '买家**01',
      bidCount: 5,
      you: { alias: '买家**02', standing: 'outbid', maxPricePerUnitFen: 590 },
    });
    expect(JSON.stringify(head)).not.toContain(a.buyerId);
    expect(JSON.stringify(head)).not.toContain('617');
    const own = await lotAs(a.token, lotId, '0');
    expect(own.you).toMatchObject({ alias: '买家**01', standing: 'leading', maxPricePerUnitFen: 617 });
    expect(JSON.stringify(own)).not.toContain(b.buyerId);

    const staff = await lotAs(operator, lotId, '0');
    expect(staff).toMatchObject({ reservePriceFen: 500, leaderBuyerId: a.buyerId });
    expect(JSON.stringify(staff)).not.toContain('617');

    expect((await W.get(b.token, `/buyers/${a.buyerId}`).expect(404)).body.code).toBe('NOT_FOUND');
    expect(await account(operator, a.buyerId)).toMatchObject({ exposureFen: 200 * 617 });
    expect(
      await eventually(
        async () => ((await account(b.token, b.buyerId)).exposureFen === 0 ? true : undefined),
        5000,
        'b released',
      ),
    ).toBe(true);
  });

  it("refuses a bid another buyer's higher bid overtook as too low, with the server's minimum now (not the one the bidder saw)", async () => {
    const [a, b] = await W.buyers(operator, 'stale', 2, 10_000_000);
    // The whole batch: a leftover would stand before the next test's batch under first-expiry-first-out.
    const { lotId, position } = await lotOf('SKU-CUCUMBER-SX', { quantityBase: 200_000 });
    // b's view of the lot: no bids yet, 400 the lowest bid.
    expect((await lotAs(b.token, lotId, position)).minimumBidFen).toBe(400);
    const ahead = await W.post(a.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 450 }).expect(201);
    const refused = await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 400 }).expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      code: 'BID_TOO_LOW',
      detail: 'the lowest acceptable bid is 460 fen per 斤',
      errors: [{ field: 'pricePerUnitFen', message: 'the lowest acceptable bid is 460 fen per 斤' }],
      minimumBidFen: 460,
    });
    expect(moneyFieldsNotInFen(refused.body)).toEqual([]);
    // The figure is the lot's: the lot agrees once it has read the bid, and a bid at it leads; the refusal held no credit.
    expect((await lotAs(b.token, lotId, ahead.body.position)).minimumBidFen).toBe(460);
    expect(await account(b.token, b.buyerId, ahead.body.position)).toMatchObject({ exposureFen: 0 });
    await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 460 }).expect(201);
  });

  it('enforces credit: a bid beyond available credit is refused, and credit freed by an outbid bid can be used again', async () => {
    const [small] = await W.buyers(operator, 'credit', 1, 100_000);
    const [rival] = await W.buyers(operator, 'rival', 1, 10_000_000);
    const one = await lotOf('SKU-CUCUMBER-SX', {});
    const two = await lotOf('SKU-JUJUBE-CP', {});
    // 200 斤 × 450 fen = 90,000 of 100,000.
    const first = await W.post(small.token, `/lots/${one.lotId}/bids`, { pricePerUnitFen: 450 }).expect(201);
    const refused = await W.post(small.token, `/lots/${two.lotId}/bids`, { pricePerUnitFen: 400 }).expect(422);
    expect(refused.body.code).toBe('CREDIT_EXCEEDED');
    const held = await account(small.token, small.buyerId, first.body.position);
    expect(held).toMatchObject({ creditLimitFen: 100_000, exposureFen: 90_000, availableFen: 10_000 });

    const outbid = await W.post(rival.token, `/lots/${one.lotId}/bids`, { pricePerUnitFen: 460 }).expect(201);
    await eventually(
      async () =>
        (await account(small.token, small.buyerId, outbid.body.position)).exposureFen === 0 ? true : undefined,
      10_000,
      'the hold released',
    );
    const second = await W.post(small.token, `/lots/${two.lotId}/bids`, { pricePerUnitFen: 400 }).expect(201);
    expect(await account(small.token, small.buyerId, second.body.position)).toMatchObject({
      exposureFen: 80_000,
      availableFen: 20_000,
    });
  });

  it('closes at the deadline, sells to the winner, issues the stock and turns exposure into a receivable that settlement clears', async () => {
    const [winner, loser] = await W.buyers(operator, 'close', 2, 10_000_000);
    const closesAt = time.inMs(60_000);
    const { lotId, batchId } = await lotOf('SKU-MELON-SX', { closesAt, reservePriceFen: 420, extensionSeconds: 0 });
    await W.post(loser.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 430 }).expect(201);
    await W.post(winner.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 440, maxPricePerUnitFen: 500 }).expect(201);
    time.moveTo(Date.parse(closesAt) + 1000);
    const sold = await eventually(
      async () => {
        const lot = await lotAs(winner.token, lotId, '0');
        return lot.status === 'sold' ? lot : undefined;
      },
      20_000,
      'the lot sold',
    );
    expect(sold.outcome).toMatchObject({
      winner: '买家**02',
      pricePerUnitFen: 440,
      amountFen: 88_000,
      saleId: expect.stringMatching(/^S-/),
    });
    expect((await lotAs(loser.token, lotId, '0')).outcome).not.toHaveProperty('saleId');

    const saleId = sold.outcome.saleId as string;
    const sale = await eventually(
      async () => {
        const res = await W.get(winner.token, `/sales/${saleId}`);
        return res.status === 200 && res.body.issued ? res.body : undefined;
      },
      10_000,
      'the sale issued',
    );
    expect(sale).toMatchObject({
      buyerId: winner.buyerId,
      status: 'payment_due',
      quantityBase: 100_000,
      baseUnit: 'g',
      units: 200,
      saleUnit: { unit: '斤', base: 500 },
      pricePerUnitFen: 440,
      amountFen: 88_000,
      outstandingFen: 88_000,
      issued: [{ batchId, quantityBase: 100_000 }],
    });
    for (const time of [
      sale.dueAt,
      sale.openedAt,
      sale.issuedAt,
      sold.closesAt,
      sold.outcome.closedAt,
      sold.recentBids[0].at,
    ])
      expect(time).toMatch(/\+08:00$/);
    expect((await W.get(loser.token, `/sales/${saleId}`).expect(404)).body.code).toBe('NOT_FOUND');

    // The issue is written by a process manager; the stock read model shows it a moment later.
    const stock = await eventually(
      async () => {
        const level = await marketStock('SKU-MELON-SX', '0');
        const batch = level.batches.find((b: { batchId: string }) => b.batchId === batchId);
        return batch?.allocatedBase === 0 ? level : undefined;
      },
      10_000,
      'the stock issued at the market',
    );
    expect(stock.batches.find((b: { batchId: string }) => b.batchId === batchId)).toMatchObject({
      onHandBase: 100_000,
      allocatedBase: 0,
    });
    const owed = await eventually(
      async () => {
        const acc = await account(winner.token, winner.buyerId);
        return acc.receivablesFen === 88_000 ? acc : undefined;
      },
      10_000,
      'the receivable',
    );
    expect(owed).toMatchObject({ exposureFen: 0, availableFen: 10_000_000 - 88_000 });
    expect((await account(loser.token, loser.buyerId)).exposureFen).toBe(0);

    const part = await W.post(operator, `/sales/${saleId}/settle`, { amountFen: 8_000, method: 'cash' }).expect(200);
    expect(part.body).toMatchObject({ status: 'payment_due', paidFen: 8_000, outstandingFen: 80_000 });
    const tooMuch = await W.post(operator, `/sales/${saleId}/settle`, { amountFen: 80_001, method: 'cash' }).expect(
      409,
    );
    expect(tooMuch.body.detail).toBe('amountFen must be 1 to 80000 fen (outstanding)');
    const settled = await W.post(operator, `/sales/${saleId}/settle`, {
      method: 'bank_transfer',
      reference: '工行 0012',
    }).expect(200);
    expect(settled.body).toMatchObject({ status: 'settled', paidFen: 88_000, outstandingFen: 0 });
    const paid = (await W.get(winner.token, `/sales/${saleId}?after=${settled.body.position}`).expect(200)).body;
    expect(paid.payments).toEqual([
      expect.objectContaining({ amountFen: 8_000, method: 'cash', at: expect.stringMatching(/\+08:00$/) }),
      expect.objectContaining({ amountFen: 80_000, method: 'bank_transfer', reference: '工行 0012' }),
    ]);
    // No answer of the journey carries money in a field that does not say fen.
    expect(
      moneyFieldsNotInFen({
        sold,
        sale,
        owed,
        part: part.body,
        settled: settled.body,
        paid,
        sales: (await W.get(operator, '/sales').expect(200)).body,
      }),
    ).toEqual([]);
    await eventually(
      async () => ((await account(winner.token, winner.buyerId)).availableFen === 10_000_000 ? true : undefined),
      10_000,
      'credit restored',
    );
    expect((await W.post(operator, `/sales/${saleId}/settle`, { method: 'cash' }).expect(409)).body.code).toBe(
      'ALREADY_DECIDED',
    );
  });

  it('closes unsold when the reserve is not met: stock and credit go back, and the batch can be listed again', async () => {
    const [bidder] = await W.buyers(operator, 'unsold', 1, 10_000_000);
    const closesAt = time.inMs(60_000);
    const { lotId, batchId, position } = await lotOf('SKU-MILLET', {
      quantityBase: 100_000,
      saleUnit: '袋(2.5kg)',
      startPriceFen: 2000,
      reservePriceFen: 9000,
      incrementFen: 50,
      closesAt,
      extensionSeconds: 0,
    });
    await W.post(bidder.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 2500 }).expect(201);
    const listed = await marketStock('SKU-MILLET', position);
    time.moveTo(Date.parse(closesAt) + 1000);
    const closed = await eventually(
      async () => {
        const lot = await lotAs(bidder.token, lotId, '0');
        return lot.status === 'unsold' ? lot : undefined;
      },
      20_000,
      'the lot unsold',
    );
    expect(closed.outcome).toMatchObject({ reason: 'reserve_not_met' });
    await eventually(
      async () =>
        (await marketStock('SKU-MILLET', '0')).availableBase === listed.availableBase + 100_000 ? true : undefined,
      10_000,
      'the stock released',
    );
    await eventually(
      async () => ((await account(bidder.token, bidder.buyerId)).exposureFen === 0 ? true : undefined),
      10_000,
      'the credit released',
    );
    await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku: 'SKU-MILLET',
      batchId,
      quantityBase: 100_000,
      startPriceFen: 2000,
      incrementFen: 50,
      closesAt: time.inMs(3600_000),
    }).expect(201);
  });
});
