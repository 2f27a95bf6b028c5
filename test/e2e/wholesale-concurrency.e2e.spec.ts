import type { Response } from 'supertest';
import { eventually } from '../support/processes';
import { startStack, type Stack } from './support/stack';
import { inMs, wholesale } from './support/wholesale';

jest.setTimeout(120_000);

/** Egg lots: 3,000 pieces = 100 boxes of 30, prices in fen per box. */
const UNITS = 100;

describe('wholesale desk: many buyers bidding on one lot at once', () => {
  let stack: Stack;
  let W: ReturnType<typeof wholesale>;
  let operator: string;
  let ops: string;

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'wholesale']);
    W = wholesale(stack);
    operator = await stack.login('wholesale', 'operator1');
    ops = await stack.login('operations', 'operator1');
  });
  afterAll(async () => {
    await stack.close();
  });

  const listEggs = async () => {
    const { batchId } = await W.receiveAtMarket(ops, 'SKU-EGG', 3_000, { producer: 'FSC-DCF-01' });
    const res = await W.post(operator, '/lots', {
      warehouse: 'LC-MKT-01',
      sku: 'SKU-EGG',
      batchId,
      quantityBase: 3_000,
      startPriceFen: 1000,
      incrementFen: 10,
      closesAt: inMs(3600_000),
    }).expect(201);
    return res.body.lotId as string;
  };
  const exposureOf = async (buyerId: string) =>
    (await W.get(operator, `/buyers/${buyerId}`).expect(200)).body.exposureFen as number;

  it('ends with one consistent winner, and only the winner holds credit, at units × its maximum', async () => {
    const buyers = await W.buyers(operator, 'rush', 12, 50_000_000);
    const lotId = await listEggs();
    // Every buyer fires three bids at once, some with hidden maxima; all 36 race through one lot.
    const attempts = buyers.flatMap((b, i) =>
      [0, 1, 2].map((k) => {
        const price = 1000 + 10 * ((i * 7 + k * 13) % 40);
        const max = k === 1 ? price + 10 * ((i * 5) % 30) : undefined;
        return { buyer: b, body: { pricePerUnitFen: price, ...(max ? { maxPricePerUnitFen: max } : {}) } };
      }),
    );
    const responses: Response[] = await Promise.all(
      attempts.map((a) => W.post(a.buyer.token, `/lots/${lotId}/bids`, a.body)),
    );
    const outcomes = responses.map((r) => (r.status === 201 ? 'leading' : (r.body.code as string)));
    expect(new Set(outcomes)).toEqual(
      new Set(outcomes.filter((o) => ['leading', 'OUTBID', 'BID_TOO_LOW'].includes(o))),
    );
    expect(outcomes).toContain('leading');
    // A bid under the price when the lot decided it (most of them raced past a dry run that let them through) says
    // the server's minimum at the refusal, above its own price.
    const tooLow = responses.flatMap((r, i) =>
      r.body.code === 'BID_TOO_LOW' && r.body.errors?.[0]?.field === 'pricePerUnitFen'
        ? [{ asked: attempts[i]?.body.pricePerUnitFen ?? 0, minimum: r.body.minimumBidFen as unknown }]
        : [],
    );
    for (const { asked, minimum } of tooLow) expect(minimum).toBeGreaterThan(asked);

    // Projections lag the answers, each at its own pace: read the lot at a write made after every bid
    // answered (so it shows the auction as the bids left it), then wait for the holds to settle. (Pears, so
    // that no older egg batch stands before the next test's lot under first-expiry-first-out.)
    const { position } = await W.receiveAtMarket(ops, 'SKU-PEAR-GX', 5_000);
    const lot = (await W.get(operator, `/lots/${lotId}?after=${position}`).expect(200)).body;
    expect(lot.bidCount).toBeGreaterThan(0);
    const winner = buyers.find((b) => b.buyerId === lot.leaderBuyerId);
    if (!winner) throw new Error(`the leader ${String(lot.leaderBuyerId)} is not one of the bidders`);
    const own = (await W.get(winner.token, `/lots/${lotId}?after=${position}`).expect(200)).body;
    expect(own.you).toMatchObject({ standing: 'leading' });
    expect(own.currentPriceFen).toBeLessThanOrEqual(own.you.maxPricePerUnitFen);
    // Only the winner holds credit, at units × its maximum, once every outbid hold is released.
    const settled = buyers.map((b) => (b === winner ? UNITS * own.you.maxPricePerUnitFen : 0));
    let exposures: number[] = [];
    await eventually(
      async () => {
        exposures = await Promise.all(buyers.map((b) => exposureOf(b.buyerId)));
        return exposures.every((e, i) => e === settled[i]) ? true : undefined;
      },
      30_000,
      () => `every outbid hold released: exposures ${exposures.join(', ')}, expected ${settled.join(', ')}`,
    );
    // English auction with proxies: the winner holds the highest maximum that reached the lot, and the
    // price is at least every other buyer's maximum (their proxies were bid out).
    for (const b of buyers.filter((x) => x !== winner)) {
      const view = (await W.get(b.token, `/lots/${lotId}`).expect(200)).body;
      if (view.you) {
        expect(view.you.standing).toBe('outbid');
        expect(view.you.maxPricePerUnitFen).toBeLessThanOrEqual(own.you.maxPricePerUnitFen);
        expect(own.currentPriceFen).toBeGreaterThanOrEqual(view.you.maxPricePerUnitFen);
      }
      expect(await exposureOf(b.buyerId)).toBe(0);
    }
  });

  it('takes exactly one of many simultaneous bids at one price; the others are OUTBID', async () => {
    const buyers = await W.buyers(operator, 'tie', 10, 50_000_000);
    const lotId = await listEggs();
    const responses = await Promise.all(
      buyers.map((b) => W.post(b.token, `/lots/${lotId}/bids`, { pricePerUnitFen: 1000 })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(9).fill('OUTBID'));
    const leader = buyers[responses.findIndex((r) => r.status === 201)];
    const lot = (
      await W.get(operator, `/lots/${lotId}?after=${responses.find((r) => r.status === 201)?.body.position}`).expect(
        200,
      )
    ).body;
    expect(lot).toMatchObject({ currentPriceFen: 1000, bidCount: 1, leaderBuyerId: leader.buyerId });
    // Exactly: the leader holds units × 1000, every refused hold is released (not merely not yet projected).
    const settled = buyers.map((b) => (b === leader ? UNITS * 1000 : 0));
    let exposures: number[] = [];
    await eventually(
      async () => {
        exposures = await Promise.all(buyers.map((b) => exposureOf(b.buyerId)));
        return exposures.every((e, i) => e === settled[i]) ? true : undefined;
      },
      30_000,
      () => `the refused holds released: exposures ${exposures.join(', ')}, expected ${settled.join(', ')}`,
    );
  });
});
