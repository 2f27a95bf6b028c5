import { decideAll, given } from '@gx/testing';
import { fold } from '../shared/decider';
import { lotDecider, type LotCommand, type PlaceBid } from './lot.decide';
import type { LotEvent, LotTerms } from './lot.events';

const LOT = 'L-000000000001';
const OPENS = '2026-11-28T02:00:00.000Z';
const CLOSES = '2026-11-28T04:00:00.000Z';
/** `seconds` before the (original) close. */
const before = (seconds: number): string => new Date(Date.parse(CLOSES) - seconds * 1000).toISOString();
const MID = before(3600);

const terms = (overrides: Partial<LotTerms> = {}): LotTerms => ({
  lotId: LOT,
  sku: 'SKU-PEAR-GX',
  skuName: '冠县鸭梨',
  warehouse: 'LC-MKT-01',
  batch: {
    batchId: 'B-20261125-aaaaaaaaaaaa',
    producer: 'COOP-GX-PEAR',
    origin: { village: '冠县东古城镇后屯村' },
    harvestDate: '2026-11-25',
    expiryDate: '2027-01-24',
    grade: '特级',
    inspection: { result: 'pass', testId: 'NC-1' },
  },
  quantity: 500_000,
  unit: '箱(5kg)',
  unitBase: 5000,
  units: 100,
  startPrice: 3000,
  reservePrice: 4000,
  increment: 100,
  opensAt: OPENS,
  closesAt: CLOSES,
  extensionSeconds: 60,
  listedBy: 'operator1',
  listedAt: OPENS,
  ...overrides,
});

const listed = (overrides: Partial<LotTerms> = {}): LotEvent => ({ type: 'LotListed', data: terms(overrides) });
const bid = (bidId: string, buyerId: string, pricePerUnit: number, maxPricePerUnit?: number, now = MID): PlaceBid => ({
  type: 'PlaceBid',
  lotId: LOT,
  bidId,
  buyerId,
  pricePerUnit,
  ...(maxPricePerUnit === undefined ? {} : { maxPricePerUnit }),
  now,
});
const placed = (
  bidId: string,
  buyerId: string,
  alias: string,
  price: number,
  max: number,
  proxy = false,
  at = MID,
): LotEvent => ({
  type: 'BidPlaced',
  data: { lotId: LOT, bidId, buyerId, alias, pricePerUnit: price, maxPricePerUnit: max, proxy, placedAt: at },
});
const outbid = (bidId: string, buyerId: string, price: number, at = MID): LotEvent => ({
  type: 'BidOutbid',
  data: { lotId: LOT, bidId, buyerId, pricePerUnit: price, at },
});
/** Run commands one after another from a history, as the runner does. */
const run = (history: LotEvent[], ...commands: LotCommand[]): LotEvent[] => decideAll(lotDecider, history, ...commands);
const stateOf = (events: LotEvent[]) => fold(lotDecider, events);

describe('lot auction: listing', () => {
  it('lists a lot with its batch facts and terms', () => {
    given(lotDecider).when({ type: 'ListLot', terms: terms(), now: OPENS }).then([listed()]);
  });
  it('refuses a quantity that is not a whole number of trading units', () => {
    given(lotDecider)
      .when({ type: 'ListLot', terms: terms({ quantity: 500_001 }), now: OPENS })
      .thenFails('INVALID_STATE', 'quantityBase');
  });
  it('refuses a close in the past, before the opening, or after the batch expires', () => {
    given(lotDecider).when({ type: 'ListLot', terms: terms(), now: CLOSES }).thenFails('INVALID_DATES', 'closesAt');
    given(lotDecider)
      .when({ type: 'ListLot', terms: terms({ opensAt: CLOSES }), now: OPENS })
      .thenFails('INVALID_DATES', 'closesAt');
    const expiring = terms({ batch: { ...terms().batch, expiryDate: '2026-11-27' } });
    given(lotDecider).when({ type: 'ListLot', terms: expiring, now: OPENS }).thenFails('INVALID_DATES', 'closesAt');
  });
  it('never lists a lot whose listing was abandoned (its stock went back)', () => {
    const abandoned = run([], { type: 'AbandonListing', lotId: LOT, reason: 'never listed', now: OPENS });
    given(lotDecider, abandoned).when({ type: 'ListLot', terms: terms(), now: OPENS }).thenFails('ALREADY_DECIDED');
    given(lotDecider, [listed()]).when({ type: 'AbandonListing', lotId: LOT, reason: 'x', now: OPENS }).then([]);
  });
});

describe('lot auction: increments', () => {
  it('takes a first bid at the start price and makes its bidder 买家**01', () => {
    given(lotDecider, [listed()])
      .when(bid('b1', 'BUYER-A', 3000))
      .then([placed('b1', 'BUYER-A', '买家**01', 3000, 3000)]);
  });
  it('refuses a first bid below the start price', () => {
    given(lotDecider, [listed()])
      .when(bid('b1', 'BUYER-A', 2999))
      .thenFails('BID_TOO_LOW', 'pricePerUnitFen');
  });
  it('needs the current price plus the increment from a challenger', () => {
    const history = [listed(), placed('b1', 'BUYER-A', '买家**01', 3000, 3000)];
    given(lotDecider, history)
      .when(bid('b2', 'BUYER-B', 3050))
      .thenFails('BID_TOO_LOW', 'pricePerUnitFen');
    given(lotDecider, history)
      .when(bid('b2', 'BUYER-B', 3100))
      .then([placed('b2', 'BUYER-B', '买家**02', 3100, 3100), outbid('b1', 'BUYER-A', 3100)]);
  });
  it('answers a bid at exactly the current price with OUTBID: the earlier bid at that price leads', () => {
    given(lotDecider, [listed(), placed('b1', 'BUYER-A', '买家**01', 3100, 3100)])
      .when(bid('b2', 'BUYER-B', 3100))
      .thenFails('OUTBID');
  });
  it('takes bids only while the lot is open, by the server clock on the command', () => {
    given(lotDecider, [listed()])
      .when(bid('b1', 'BUYER-A', 3000, undefined, '2026-11-28T01:59:59.999Z'))
      .thenFails('NOT_OPEN');
    given(lotDecider, [listed()])
      .when(bid('b1', 'BUYER-A', 3000, undefined, CLOSES))
      .thenFails('CUTOFF_PASSED');
    given(lotDecider, [])
      .when(bid('b1', 'BUYER-A', 3000))
      .thenFails('NOT_FOUND');
    const sold = run([listed(), placed('b1', 'BUYER-A', '买家**01', 4000, 4000)], {
      type: 'CloseLot',
      lotId: LOT,
      now: CLOSES,
    });
    given(lotDecider, sold)
      .when(bid('b2', 'BUYER-B', 4100, undefined, CLOSES))
      .thenFails('ALREADY_DECIDED');
  });
});

describe('lot auction: proxy bidding', () => {
  const proxyLeads = [listed(), placed('b1', 'BUYER-A', '买家**01', 3000, 3800)];

  it('lets the standing proxy answer a lower challenger one increment above it', () => {
    given(lotDecider, proxyLeads)
      .when(bid('b2', 'BUYER-B', 3200))
      .then([
        placed('b2', 'BUYER-B', '买家**02', 3200, 3200),
        placed('b1', 'BUYER-A', '买家**01', 3300, 3800, true),
        outbid('b2', 'BUYER-B', 3300),
      ]);
  });
  it('caps the answer at the proxy maximum, and equal maxima keep the earlier bid leading', () => {
    given(lotDecider, proxyLeads)
      .when(bid('b2', 'BUYER-B', 3500, 3800))
      .then([
        placed('b2', 'BUYER-B', '买家**02', 3800, 3800, true),
        placed('b1', 'BUYER-A', '买家**01', 3800, 3800, true),
        outbid('b2', 'BUYER-B', 3800),
      ]);
  });
  it('a higher maximum beats the proxy at one increment above its maximum, after the proxy bid all of it', () => {
    const events = run(proxyLeads, bid('b2', 'BUYER-B', 3200, 5000));
    expect(events.slice(2)).toEqual([
      placed('b1', 'BUYER-A', '买家**01', 3800, 3800, true),
      placed('b2', 'BUYER-B', '买家**02', 4000, 5000, true),
      outbid('b1', 'BUYER-A', 4000),
    ]);
    expect(stateOf(events).leader).toMatchObject({ buyerId: 'BUYER-B', max: 5000 });
  });
  it('lifts a maximum that covers the reserve straight to the reserve', () => {
    given(lotDecider, [listed()])
      .when(bid('b1', 'BUYER-A', 3000, 6000))
      .then([placed('b1', 'BUYER-A', '买家**01', 4000, 6000, true)]);
  });
  it('lets the leader raise its own hidden maximum without raising the price', () => {
    given(lotDecider, proxyLeads)
      .when(bid('b3', 'BUYER-A', 3000, 3900))
      .then([
        {
          type: 'LeaderMaxRaised',
          data: {
            lotId: LOT,
            bidId: 'b3',
            previousBidId: 'b1',
            buyerId: 'BUYER-A',
            alias: '买家**01',
            maxPricePerUnit: 3900,
            at: MID,
          },
        },
      ]);
    given(lotDecider, proxyLeads)
      .when(bid('b3', 'BUYER-A', 3000, 3700))
      .thenFails('BID_TOO_LOW', 'maxPricePerUnitFen');
  });
  it('refuses a maximum below the asked price', () => {
    given(lotDecider, [listed()])
      .when(bid('b1', 'BUYER-A', 3500, 3400))
      .thenFails('INVALID_STATE', 'maxPricePerUnitFen');
  });
});

describe('lot auction: anti-sniping', () => {
  const extended = (bidId: string, at: string, from = CLOSES, seconds = 60): LotEvent => ({
    type: 'LotExtended',
    data: {
      lotId: LOT,
      closesAt: new Date(Date.parse(from) + seconds * 1000).toISOString(),
      previousClosesAt: from,
      bidId,
      at,
    },
  });

  it('extends the close by N seconds when a bid lands in the last N seconds', () => {
    const at = before(30);
    given(lotDecider, [listed()])
      .when(bid('b1', 'BUYER-A', 3000, undefined, at))
      .then([placed('b1', 'BUYER-A', '买家**01', 3000, 3000, false, at), extended('b1', at)]);
  });
  it('does not extend for a bid before the window', () => {
    const events = run([listed()], bid('b1', 'BUYER-A', 3000, undefined, before(61)));
    expect(events.map((e) => e.type)).toEqual(['LotListed', 'BidPlaced']);
  });
  it('keeps extending from the extended close, and a rejected bid never extends', () => {
    const first = run([listed()], bid('b1', 'BUYER-A', 3000, undefined, before(10)));
    expect(stateOf(first).closesAt).toBe(new Date(Date.parse(CLOSES) + 60_000).toISOString());
    // Past the original close but before the extended one: still open.
    const late = new Date(Date.parse(CLOSES) + 20_000).toISOString();
    const second = run(first, bid('b2', 'BUYER-B', 3100, undefined, late));
    expect(stateOf(second).closesAt).toBe(new Date(Date.parse(CLOSES) + 120_000).toISOString());
    given(lotDecider, second)
      .when(bid('b3', 'BUYER-C', 3100, undefined, late))
      .thenFails('OUTBID');
    expect(() => lotDecider.decide(bid('b3', 'BUYER-C', 3150, undefined, late), stateOf(second))).toThrow();
  });
  it('does not extend when the leader silently raises its maximum', () => {
    const history = [listed(), placed('b1', 'BUYER-A', '买家**01', 3000, 3000)];
    const events = lotDecider.decide(bid('b2', 'BUYER-A', 3100, 3500, before(5)), stateOf(history));
    expect(events.map((e) => e.type)).toEqual(['LeaderMaxRaised']);
  });
});

describe('lot auction: close and reserve', () => {
  const close = (now = CLOSES): LotCommand => ({ type: 'CloseLot', lotId: LOT, now });

  it('sells to the leader at the current price when the reserve is met', () => {
    given(lotDecider, [listed(), placed('b1', 'BUYER-A', '买家**01', 4000, 4500)])
      .when(close())
      .then([
        {
          type: 'LotSold',
          data: {
            lotId: LOT,
            saleId: 'S-000000000001',
            sku: 'SKU-PEAR-GX',
            warehouse: 'LC-MKT-01',
            buyerId: 'BUYER-A',
            bidId: 'b1',
            alias: '买家**01',
            pricePerUnit: 4000,
            units: 100,
            quantity: 500_000,
            amount: 400_000,
            closedAt: CLOSES,
          },
        },
      ]);
  });
  it('closes unsold when the reserve is not met, naming the leader whose credit goes back', () => {
    given(lotDecider, [listed(), placed('b1', 'BUYER-A', '买家**01', 3900, 3900)])
      .when(close())
      .then([
        {
          type: 'LotUnsold',
          data: {
            lotId: LOT,
            sku: 'SKU-PEAR-GX',
            warehouse: 'LC-MKT-01',
            reason: 'reserve_not_met',
            highestPricePerUnit: 3900,
            buyerId: 'BUYER-A',
            closedAt: CLOSES,
          },
        },
      ]);
    given(lotDecider, [listed()])
      .when(close())
      .then([
        {
          type: 'LotUnsold',
          data: {
            lotId: LOT,
            sku: 'SKU-PEAR-GX',
            warehouse: 'LC-MKT-01',
            reason: 'no_bids',
            highestPricePerUnit: null,
            closedAt: CLOSES,
          },
        },
      ]);
  });
  it('does nothing before the (possibly extended) close, and nothing a second time', () => {
    const extended = run([listed()], bid('b1', 'BUYER-A', 4000, undefined, before(5)));
    given(lotDecider, extended).when(close()).then([]);
    const sold = run(extended, close(new Date(Date.parse(CLOSES) + 60_000).toISOString()));
    expect(sold.at(-1)?.type).toBe('LotSold');
    given(lotDecider, sold).when(close('2026-11-29T00:00:00.000Z')).then([]);
  });
});

describe('lot auction: bid attempts that never arrived', () => {
  it('voids an attempt the lot never saw, so it can never be placed later', () => {
    const voided = run([listed()], { type: 'VoidBidAttempt', lotId: LOT, bidId: 'b1', buyerId: 'BUYER-A', now: MID });
    expect(voided.at(-1)?.type).toBe('BidAttemptVoided');
    given(lotDecider, voided)
      .when(bid('b1', 'BUYER-A', 3000))
      .thenFails('ALREADY_DECIDED');
  });
  it('leaves an accepted bid alone', () => {
    given(lotDecider, [listed(), placed('b1', 'BUYER-A', '买家**01', 3000, 3000)])
      .when({ type: 'VoidBidAttempt', lotId: LOT, bidId: 'b1', buyerId: 'BUYER-A', now: MID })
      .then([]);
  });
});

describe('lot auction: operators close now or withdraw', () => {
  const closeNow = (now = MID): LotCommand => ({ type: 'CloseLot', lotId: LOT, now, earlyBy: 'operator2' });
  const withdraw = (now = MID): LotCommand => ({
    type: 'WithdrawLot',
    lotId: LOT,
    reason: '质检复核',
    by: 'operator1',
    now,
  });

  it('closes before the deadline the way the deadline would, naming the operator', () => {
    const sold = run([listed(), placed('b1', 'BUYER-A', '买家**01', 4000, 4500)], closeNow());
    expect(sold.at(-1)).toMatchObject({
      type: 'LotSold',
      data: { buyerId: 'BUYER-A', pricePerUnit: 4000, closedAt: MID, closedEarlyBy: 'operator2' },
    });
    given(lotDecider, [listed()])
      .when(closeNow())
      .then([
        {
          type: 'LotUnsold',
          data: {
            lotId: LOT,
            sku: 'SKU-PEAR-GX',
            warehouse: 'LC-MKT-01',
            reason: 'no_bids',
            highestPricePerUnit: null,
            closedAt: MID,
            closedEarlyBy: 'operator2',
          },
        },
      ]);
    // The deadline after an early close, and an early close after the deadline, change nothing.
    given(lotDecider, sold).when({ type: 'CloseLot', lotId: LOT, now: CLOSES }).then([]);
    const closedByDeadline = run([listed()], { type: 'CloseLot', lotId: LOT, now: CLOSES });
    given(lotDecider, closedByDeadline).when(closeNow(CLOSES)).then([]);
  });

  it('withdraws a lot without bids once, and refuses one with bids or already closed', () => {
    given(lotDecider, [listed()])
      .when(withdraw())
      .then([
        {
          type: 'LotWithdrawn',
          data: {
            lotId: LOT,
            sku: 'SKU-PEAR-GX',
            warehouse: 'LC-MKT-01',
            reason: '质检复核',
            by: 'operator1',
            at: MID,
          },
        },
      ]);
    const withdrawn = run([listed()], withdraw());
    given(lotDecider, withdrawn).when(withdraw()).then([]);
    given(lotDecider, withdrawn)
      .when(bid('b1', 'BUYER-A', 3000))
      .thenFails('ALREADY_DECIDED');
    given(lotDecider, withdrawn).when(closeNow()).then([]);
    given(lotDecider, [listed(), placed('b1', 'BUYER-A', '买家**01', 3000, 3000)])
      .when(withdraw())
      .thenFails('INVALID_STATE');
    given(lotDecider, run([listed()], { type: 'CloseLot', lotId: LOT, now: CLOSES }))
      .when(withdraw(CLOSES))
      .thenFails('ALREADY_DECIDED');
  });
});
