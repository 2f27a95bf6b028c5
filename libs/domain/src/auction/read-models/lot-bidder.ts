import type { LotEvent } from '../lot.events';

/** Where one buyer stands on one lot. */
export type BidderStanding = 'leading' | 'outbid' | 'won' | 'lost';

/** Read model `lot_bidders`: one buyer's own view of one lot, its maximum included; served to that buyer only. */
export type LotBidderDoc = {
  _id: string;
  lotId: string;
  buyerId: string;
  alias: string;
  standing: BidderStanding;
  /** The highest maximum this buyer has set on the lot. */
  maxPricePerUnit: number;
  /** The last price bid for this buyer (by itself or its proxy). */
  lastPricePerUnit: number;
  updatedAt: string;
};

/** Id of a buyer's document on a lot. */
export const lotBidderId = (lotId: string, buyerId: string): string => `${lotId}|${buyerId}`;

/** The bidder documents a lot event touches. */
export function lotBidderIdsOf(event: LotEvent): string[] {
  switch (event.type) {
    case 'BidPlaced':
    case 'LeaderMaxRaised':
    case 'BidOutbid':
    case 'LotSold':
      return [lotBidderId(event.data.lotId, event.data.buyerId)];
    case 'LotUnsold':
      return event.data.buyerId ? [lotBidderId(event.data.lotId, event.data.buyerId)] : [];
    default:
      return [];
  }
}

/** Fold a lot event into one buyer's document on that lot. */
export function evolveLotBidder(doc: LotBidderDoc | null, event: LotEvent, occurredAt: string): LotBidderDoc | null {
  if (event.type === 'BidPlaced') {
    const d = event.data;
    const base: LotBidderDoc = doc ?? {
      _id: lotBidderId(d.lotId, d.buyerId),
      lotId: d.lotId,
      buyerId: d.buyerId,
      alias: d.alias,
      standing: 'leading',
      maxPricePerUnit: 0,
      lastPricePerUnit: 0,
      updatedAt: occurredAt,
    };
    return {
      ...base,
      standing: 'leading',
      maxPricePerUnit: Math.max(base.maxPricePerUnit, d.maxPricePerUnit),
      lastPricePerUnit: d.pricePerUnit,
      updatedAt: occurredAt,
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'LeaderMaxRaised':
      return {
        ...doc,
        maxPricePerUnit: Math.max(doc.maxPricePerUnit, event.data.maxPricePerUnit),
        updatedAt: occurredAt,
      };
    case 'BidOutbid':
      return { ...doc, standing: 'outbid', updatedAt: occurredAt };
    case 'LotSold':
      return { ...doc, standing: 'won', updatedAt: occurredAt };
    case 'LotUnsold':
      return { ...doc, standing: 'lost', updatedAt: occurredAt };
    default:
      return doc;
  }
}
