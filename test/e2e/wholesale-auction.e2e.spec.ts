import { eventually } from '../support/processes';
import { startStack, type Stack } from './support/stack';
import { day, inMs, wholesale } from './support/wholesale';

jest.setTimeout(60_000);

describe('wholesale desk: listing, bidding, credit and the close', () => {
  let stack: Stack;
  let W: ReturnType<typeof wholesale>;
  let operator: string;
  let ops: string;
  let buyer1: string;

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'wholesale']);
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
    (await stack.http('operations').get(`/stock?sku=${sku}&warehouse=LC-MKT-01&after=${after}`).set(W.bearer(ops)).expect(200)).body.items[0];
  /** List a lot of `sku` (a fresh batch received for it) closing at `closesAt`. */
  const lotOf = async (sku: string, body: object) => {
    const { batchId } = await W.receiveAtMarket(ops, sku, 200_000);
    const res = await W.post(operator, '/lots', { warehouse: 'LC-MKT-01', sku, batchId, quantity: 100_000, unit: '斤', startPrice: 400, increment: 10, closesAt: inMs(3 * 3600_000), ...body }).expect(201);
    return { batchId, lotId: res.body.lotId as string, position: res.body.position as string };
  };
  const lotAs = async (token: string, lotId: string, after: string) => (await W.get(token, `/lots/${lotId}?after=${after}`).expect(200)).body;
  const account = async (token: string, buyerId: string, after?: string) =>
    (await W.get(token, `/buyers/${buyerId}${after ? `?after=${after}` : ''}`).expect(200)).body;

  it('seeds approved buyers and open lots of market pears closing over the next hours', async () => {
    const lots = await eventually(async () => {
      const res = await W.get(buyer1, '/lots?status=open').expect(200);
      return res.body.items.length >= 3 ? res.body.items : undefined;
    }, 10_000, 'the demo lots');
    expect(lots[0]).toMatchObject({ sku: 'SKU-PEAR-GX', warehouse: 'LC-MKT-01', phase: 'open', batch: { grade: '特级', inspection: { result: 'pass' } } });
    expect(lots.every((l: { closesAt: string }) => l.closesAt > new Date().toISOString())).toBe(true);
    expect(lots[0]).not.toHaveProperty('reservePrice');
    const credit = await eventually(async () => {
      const res = await W.get(buyer1, '/buyers/BUYER-LC-001');
      return res.status === 200 ? res.body : undefined;
    }, 10_000, 'the demo credit');
    expect(credit).toMatchObject({ creditLimit: 20_000_000, exposure: 0, available: 20_000_000 });
  });

  it('lists a lot from a market batch with its grade, origin and inspection, and reserves its quantity', async () => {
    const { batchId, position } = await W.receiveAtMarket(ops, 'SKU-CABBAGE', 300_000);
    const before = await marketStock('SKU-CABBAGE', position);
    const res = await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku: 'SKU-CABBAGE',
      batchId,
      quantity: 120_000,
      startPrice: 150,
      reservePrice: 200,
      increment: 5,
      closesAt: inMs(3600_000),
      notes: '大白菜 一级',
    }).expect(201);
    expect(res.body).toMatchObject({ unit: 'kg', units: 120, batch: { batchId, grade: '特级', origin: { plot: 'M-3' }, inspection: { result: 'pass', testId: 'NC-E2E-AUCTION' } } });
    const after = await marketStock('SKU-CABBAGE', res.body.position);
    expect(after.available).toBe(before.available - 120_000);
    expect(after.reservations).toEqual([expect.objectContaining({ holder: res.body.lotId, holderKind: 'lot', picks: { [batchId]: 120_000 } })]);

    const elsewhere = await W.post(operator, '/lots', { warehouse: 'LC-HUB-DCF', sku: 'SKU-CABBAGE', batchId, quantity: 1000, startPrice: 1, increment: 1, closesAt: inMs(3600_000) });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.code).toBe('INVALID_STATE');
  });

  it('refuses to list a fresher batch while an older one waits (FEFO), keeping no stock aside', async () => {
    const { batchId: older } = await W.receiveAtMarket(ops, 'SKU-POTATO', 50_000);
    const { batchId: newer, position } = await W.receiveAtMarket(ops, 'SKU-POTATO', 50_000, { harvestDate: day(0) });
    const before = await marketStock('SKU-POTATO', position);
    const res = await W.post(operator, '/lots', { warehouse: 'LC-MKT-01', sku: 'SKU-POTATO', batchId: newer, quantity: 10_000, startPrice: 100, increment: 5, closesAt: inMs(3600_000) }).expect(422);
    expect(res.body.code).toBe('BATCH_NOT_SELLABLE');
    const head = (await W.post(operator, '/lots', { warehouse: 'LC-MKT-01', sku: 'SKU-POTATO', batchId: older, quantity: 10_000, startPrice: 100, increment: 5, closesAt: inMs(3600_000) }).expect(201)).body;
    const after = await marketStock('SKU-POTATO', head.position);
    expect(after.available).toBe(before.available - 10_000);
    expect(after.reservations.map((r: { holder: string }) => r.holder)).toEqual([head.lotId]);
  });

  it('bids: increments, ties, proxy answers, and nobody sees another buyer or maximum', async () => {
    const [a, b] = await W.buyers(operator, 'mask', 2, 10_000_000);
    const { lotId } = await lotOf('SKU-TOMATO-SX', { reservePrice: 500 });
    const first = await W.post(a.token, `/lots/${lotId}/bids`, { pricePerUnit: 400, maxPricePerUnit: 617 }).expect(201);
    // The maximum covers the reserve, so the price rises to it at once.
    expect(first.body).toMatchObject({ status: 'leading', pricePerUnit: 500, maxPricePerUnit: 617, creditHeld: 200 * 617 });
    expect((await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnit: 505 }).expect(422)).body.code).toBe('BID_TOO_LOW');
    expect((await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnit: 500 }).expect(409)).body.code).toBe('OUTBID');
    const answered = await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnit: 550 }).expect(409);
    expect(answered.body).toMatchObject({ code: 'OUTBID', detail: expect.stringContaining('560') });

    const proxied = (await W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnit: 570, maxPricePerUnit: 590 }).expect(409)).body;
    expect(proxied.code).toBe('OUTBID');
    const head = await eventually(async () => {
      const lot = await lotAs(b.token, lotId, '0');
      // The whole proxy answer (price, count and b's standing), not its first event alone.
      return lot.currentPrice === 600 && lot.bidCount === 5 && lot.you?.standing === 'outbid' ? lot : undefined;
    }, 5000, 'the lot at 600 with b outbid');
    expect(head).toMatchObject({ leader: '买家**01', bidCount: 5, you: { alias: '买家**02', standing: 'outbid', maxPricePerUnit: 590 } });
    expect(JSON.stringify(head)).not.toContain(a.buyerId);
    expect(JSON.stringify(head)).not.toContain('617');
    const own = await lotAs(a.token, lotId, '0');
    expect(own.you).toMatchObject({ alias: '买家**01', standing: 'leading', maxPricePerUnit: 617 });
    expect(JSON.stringify(own)).not.toContain(b.buyerId);

    const staff = await lotAs(operator, lotId, '0');
    expect(staff).toMatchObject({ reservePrice: 500, leaderBuyerId: a.buyerId });
    expect(JSON.stringify(staff)).not.toContain('617');

    expect((await W.get(b.token, `/buyers/${a.buyerId}`).expect(403)).body.code).toBe('FORBIDDEN');
    expect(await account(operator, a.buyerId)).toMatchObject({ exposure: 200 * 617 });
    expect(await eventually(async () => ((await account(b.token, b.buyerId)).exposure === 0 ? true : undefined), 5000, 'b released')).toBe(true);
  });

  it('enforces credit: a bid beyond available credit is refused, and credit freed by an outbid bid can be used again', async () => {
    const [small] = await W.buyers(operator, 'credit', 1, 100_000);
    const [rival] = await W.buyers(operator, 'rival', 1, 10_000_000);
    const one = await lotOf('SKU-CUCUMBER-SX', {});
    const two = await lotOf('SKU-JUJUBE-CP', {});
    // 200 斤 × 450 fen = 90,000 of 100,000.
    const first = await W.post(small.token, `/lots/${one.lotId}/bids`, { pricePerUnit: 450 }).expect(201);
    const refused = await W.post(small.token, `/lots/${two.lotId}/bids`, { pricePerUnit: 400 }).expect(422);
    expect(refused.body.code).toBe('CREDIT_EXCEEDED');
    const held = await account(small.token, small.buyerId, first.body.position);
    expect(held).toMatchObject({ creditLimit: 100_000, exposure: 90_000, available: 10_000 });

    const outbid = await W.post(rival.token, `/lots/${one.lotId}/bids`, { pricePerUnit: 460 }).expect(201);
    await eventually(async () => ((await account(small.token, small.buyerId, outbid.body.position)).exposure === 0 ? true : undefined), 10_000, 'the hold released');
    const second = await W.post(small.token, `/lots/${two.lotId}/bids`, { pricePerUnit: 400 }).expect(201);
    expect(await account(small.token, small.buyerId, second.body.position)).toMatchObject({ exposure: 80_000, available: 20_000 });
  });

  it('closes at the deadline, sells to the winner, issues the stock and turns exposure into a receivable that settlement clears', async () => {
    const [winner, loser] = await W.buyers(operator, 'close', 2, 10_000_000);
    const { lotId, batchId } = await lotOf('SKU-MELON-SX', { closesAt: inMs(6000), reservePrice: 420, extensionSeconds: 0 });
    await W.post(loser.token, `/lots/${lotId}/bids`, { pricePerUnit: 430 }).expect(201);
    await W.post(winner.token, `/lots/${lotId}/bids`, { pricePerUnit: 440, maxPricePerUnit: 500 }).expect(201);
    const sold = await eventually(async () => {
      const lot = await lotAs(winner.token, lotId, '0');
      return lot.phase === 'sold' ? lot : undefined;
    }, 20_000, 'the lot sold');
    expect(sold.outcome).toMatchObject({ winner: '买家**02', pricePerUnit: 440, amount: 88_000, saleId: expect.stringMatching(/^S-/) });
    expect((await lotAs(loser.token, lotId, '0')).outcome).not.toHaveProperty('saleId');

    const saleId = sold.outcome.saleId as string;
    const sale = await eventually(async () => {
      const res = await W.get(winner.token, `/sales/${saleId}`);
      return res.status === 200 && res.body.issued ? res.body : undefined;
    }, 10_000, 'the sale issued');
    expect(sale).toMatchObject({ buyerId: winner.buyerId, status: 'payment_due', amount: 88_000, outstanding: 88_000, issued: [{ batchId, quantity: 100_000 }] });
    expect((await W.get(loser.token, `/sales/${saleId}`).expect(403)).body.code).toBe('FORBIDDEN');

    // The issue is written by a process manager; the stock read model shows it a moment later.
    const stock = await eventually(async () => {
      const level = await marketStock('SKU-MELON-SX', '0');
      const batch = level.batches.find((b: { batchId: string }) => b.batchId === batchId);
      return batch?.allocated === 0 ? level : undefined;
    }, 10_000, 'the stock issued at the market');
    expect(stock.batches.find((b: { batchId: string }) => b.batchId === batchId)).toMatchObject({ onHand: 100_000, allocated: 0 });
    const owed = await eventually(async () => {
      const acc = await account(winner.token, winner.buyerId);
      return acc.receivables === 88_000 ? acc : undefined;
    }, 10_000, 'the receivable');
    expect(owed).toMatchObject({ exposure: 0, available: 10_000_000 - 88_000 });
    expect((await account(loser.token, loser.buyerId)).exposure).toBe(0);

    const settled = await W.post(operator, `/sales/${saleId}/settle`, { method: 'bank_transfer', reference: '工行 0012' }).expect(200);
    expect(settled.body).toMatchObject({ status: 'settled', paid: 88_000, outstanding: 0 });
    await eventually(async () => ((await account(winner.token, winner.buyerId)).available === 10_000_000 ? true : undefined), 10_000, 'credit restored');
    expect((await W.post(operator, `/sales/${saleId}/settle`, { method: 'cash' }).expect(409)).body.code).toBe('ALREADY_DECIDED');
  });

  it('closes unsold when the reserve is not met: stock and credit go back, and the batch can be listed again', async () => {
    const [bidder] = await W.buyers(operator, 'unsold', 1, 10_000_000);
    const { lotId, batchId, position } = await lotOf('SKU-MILLET', { quantity: 100_000, unit: '袋(2.5kg)', startPrice: 2000, reservePrice: 9000, increment: 50, closesAt: inMs(5000), extensionSeconds: 0 });
    // Bid first: the lot closes 5 s after listing, and the stock read may wait for its projection.
    await W.post(bidder.token, `/lots/${lotId}/bids`, { pricePerUnit: 2500 }).expect(201);
    const listed = await marketStock('SKU-MILLET', position);
    const closed = await eventually(async () => {
      const lot = await lotAs(bidder.token, lotId, '0');
      return lot.phase === 'unsold' ? lot : undefined;
    }, 20_000, 'the lot unsold');
    expect(closed.outcome).toMatchObject({ reason: 'reserve_not_met' });
    await eventually(async () => ((await marketStock('SKU-MILLET', '0')).available === listed.available + 100_000 ? true : undefined), 10_000, 'the stock released');
    await eventually(async () => ((await account(bidder.token, bidder.buyerId)).exposure === 0 ? true : undefined), 10_000, 'the credit released');
    await W.post(operator, '/lots', { warehouse: 'LC-MKT-01', sku: 'SKU-MILLET', batchId, quantity: 100_000, startPrice: 2000, increment: 50, closesAt: inMs(3600_000) }).expect(201);
  });
});
