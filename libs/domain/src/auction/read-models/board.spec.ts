import { decideAll } from '@gx/testing';
import { lotDecider, type PlaceBid } from '../lot.decide';
import type { LotEvent, LotTerms } from '../lot.events';
import { boardEventFor, boardSnapshot } from './board';
import { evolveLotBidder, lotBidderIdsOf, type LotBidderDoc } from './lot-bidder';
import { evolveLotDoc, lotPhase, type LotDoc } from './lot-doc';

const LOT = 'L-0000000000aa';
const AT = '2026-11-28T03:00:00.000Z';
const terms: LotTerms = {
  lotId: LOT,
  sku: 'SKU-PEAR-GX',
  skuName: '冠县鸭梨',
  warehouse: 'LC-MKT-01',
  batch: {
    batchId: 'B-1',
    producer: 'COOP-GX-PEAR',
    origin: { village: '后屯村' },
    harvestDate: '2026-11-25',
    expiryDate: '2027-01-24',
    grade: '特级',
    inspection: { result: 'pass' },
  },
  quantity: 50_000,
  unit: '箱(5kg)',
  unitBase: 5000,
  units: 10,
  startPrice: 3000,
  reservePrice: 3500,
  increment: 100,
  opensAt: '2026-11-28T02:00:00.000Z',
  closesAt: '2026-11-28T04:00:00.000Z',
  extensionSeconds: 60,
  listedBy: 'operator1',
  listedAt: '2026-11-28T01:00:00.000Z',
};
const bid = (bidId: string, buyerId: string, pricePerUnit: number, maxPricePerUnit?: number): PlaceBid => ({
  type: 'PlaceBid',
  lotId: LOT,
  bidId,
  buyerId,
  pricePerUnit,
  ...(maxPricePerUnit ? { maxPricePerUnit } : {}),
  now: AT,
});

/** A lot where BUYER-A's proxy (max 4321, meeting the reserve at once) answers BUYER-B twice. */
const history: LotEvent[] = decideAll(
  lotDecider,
  [{ type: 'LotListed', data: terms }],
  bid('b1', 'BUYER-A', 3000, 4321),
  bid('b2', 'BUYER-B', 3600),
  bid('b3', 'BUYER-B', 3800),
);
const state = history.reduce(lotDecider.evolve, lotDecider.initialState);

describe('live board and lot views: masking', () => {
  it('shows bids by masked alias and never a maximum or a buyer id', () => {
    const frames = history.map((e) => boardEventFor(e, 'BUYER-B')).filter((f) => f !== null);
    const text = JSON.stringify(frames);
    expect(text).not.toContain('BUYER-A');
    expect(text).not.toContain('4321');
    expect(
      frames.filter((f) => f.type === 'bid').map((f) => f.type === 'bid' && [f.bidder, f.pricePerUnit, f.mine]),
    ).toEqual([
      ['买家**01', 3500, false],
      ['买家**02', 3600, true],
      ['买家**01', 3700, false],
      ['买家**02', 3800, true],
      ['买家**01', 3900, false],
    ]);
  });
  it('tells only the outbid buyer that it was outbid', () => {
    expect(history.map((e) => boardEventFor(e, 'BUYER-B')).filter((f) => f?.type === 'outbid')).toHaveLength(2);
    expect(history.map((e) => boardEventFor(e, 'BUYER-C')).filter((f) => f?.type === 'outbid')).toHaveLength(0);
    expect(history.map((e) => boardEventFor(e)).filter((f) => f?.type === 'outbid')).toHaveLength(0);
  });
  it('shows the leader its own maximum in the snapshot, and nobody else', () => {
    expect(boardSnapshot(state, 'BUYER-A')?.you).toEqual({ alias: '买家**01', leading: true, maxPricePerUnit: 4321 });
    expect(boardSnapshot(state, 'BUYER-B')?.you).toEqual({ alias: '买家**02', leading: false });
    const anonymous = boardSnapshot(state);
    expect(anonymous).toMatchObject({ currentPrice: 3900, leader: '买家**01', minimumBid: 4000, reserveMet: true });
    expect(JSON.stringify(anonymous)).not.toContain('4321');
  });
  it('keeps no maximum in the lot document, and each buyer its own in its bidder document', () => {
    const doc = history.reduce<LotDoc | null>((d, e) => evolveLotDoc(d, e, AT), null);
    expect(JSON.stringify(doc)).not.toContain('4321');
    expect(doc).toMatchObject({ currentPrice: 3900, bidCount: 5, leader: { alias: '买家**01', buyerId: 'BUYER-A' } });
    const bidders = new Map<string, LotBidderDoc | null>();
    for (const e of history)
      for (const id of lotBidderIdsOf(e)) bidders.set(id, evolveLotBidder(bidders.get(id) ?? null, e, AT));
    expect(bidders.get(`${LOT}|BUYER-A`)).toMatchObject({
      standing: 'leading',
      maxPricePerUnit: 4321,
      lastPricePerUnit: 3900,
    });
    expect(bidders.get(`${LOT}|BUYER-B`)).toMatchObject({
      standing: 'outbid',
      maxPricePerUnit: 3800,
      alias: '买家**02',
    });
  });
  it('is pure: the same event applied to the same document gives the same document', () => {
    for (let i = 1; i < history.length; i++) {
      const before = history.slice(0, i).reduce<LotDoc | null>((d, e) => evolveLotDoc(d, e, AT), null);
      const snapshot = structuredClone(before);
      expect(evolveLotDoc(before, history[i], AT)).toEqual(evolveLotDoc(before, history[i], AT));
      expect(before).toEqual(snapshot);
    }
  });
  it('derives the phase from the clock: scheduled, open, closing', () => {
    const listed = { status: 'listed' as const, opensAt: terms.opensAt, closesAt: terms.closesAt };
    expect(lotPhase(listed, '2026-11-28T01:00:00.000Z')).toBe('scheduled');
    expect(lotPhase(listed, AT)).toBe('open');
    expect(lotPhase(listed, terms.closesAt)).toBe('closing');
    expect(lotPhase({ ...listed, status: 'sold' }, AT)).toBe('sold');
  });
});
