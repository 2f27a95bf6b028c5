import { minimumBid } from '../lot.bidding';
import type { LotEvent, LotTerms, UnsoldReason } from '../lot.events';

/** How many of the latest bids a lot document keeps for its board. */
export const RECENT_BIDS = 20;

/** One bid as everybody may see it: price, masked bidder, time. */
export interface PublicBid {
  alias: string;
  pricePerUnit: number;
  proxy: boolean;
  at: string;
}

/**
 * Read model `lots`: one document per listed lot — its terms as listed, and the live auction. Holds no
 * bidder's maximum; the leader's id is for operators only.
 */
// Mapped, not `LotTerms &`: an interface has no implicit index signature, and documents must be assignable to `Doc`.
export type LotDoc = { [K in keyof LotTerms]: LotTerms[K] } & {
  _id: string;
  originalClosesAt: string;
  extensions: number;
  status: 'listed' | 'sold' | 'unsold' | 'withdrawn';
  currentPrice: number | null;
  minimumBid: number;
  reserveMet: boolean;
  leader: { alias: string; buyerId: string } | null;
  bidCount: number;
  recentBids: PublicBid[];
  outcome?: {
    closedAt: string;
    saleId?: string;
    buyerId?: string;
    alias?: string;
    pricePerUnit?: number;
    amount?: number;
    reason?: UnsoldReason;
    /** The operator who closed the lot before its deadline, or withdrew it. */
    by?: string;
    withdrawn?: { reason: string };
  };
  updatedAt: string;
};

/** Fold a lot event into its document; events of a lot never listed leave nothing. */
export function evolveLotDoc(doc: LotDoc | null, event: LotEvent, occurredAt: string): LotDoc | null {
  if (event.type === 'LotListed') {
    const t = event.data;
    return {
      _id: t.lotId,
      ...t,
      originalClosesAt: t.closesAt,
      extensions: 0,
      status: 'listed',
      currentPrice: null,
      minimumBid: t.startPrice,
      reserveMet: false,
      leader: null,
      bidCount: 0,
      recentBids: [],
      updatedAt: occurredAt,
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'BidPlaced': {
      const d = event.data;
      const bid: PublicBid = { alias: d.alias, pricePerUnit: d.pricePerUnit, proxy: d.proxy, at: d.placedAt };
      return {
        ...doc,
        currentPrice: d.pricePerUnit,
        minimumBid: minimumBid({ price: d.pricePerUnit }, doc),
        reserveMet: d.pricePerUnit >= doc.reservePrice,
        leader: { alias: d.alias, buyerId: d.buyerId },
        bidCount: doc.bidCount + 1,
        recentBids: [bid, ...doc.recentBids].slice(0, RECENT_BIDS),
        updatedAt: occurredAt,
      };
    }
    case 'LotExtended':
      return { ...doc, closesAt: event.data.closesAt, extensions: doc.extensions + 1, updatedAt: occurredAt };
    case 'LotSold': {
      const { saleId, buyerId, alias, pricePerUnit, amount, closedAt, closedEarlyBy } = event.data;
      const by = closedEarlyBy ? { by: closedEarlyBy } : {};
      return {
        ...doc,
        status: 'sold',
        outcome: { closedAt, saleId, buyerId, alias, pricePerUnit, amount, ...by },
        updatedAt: occurredAt,
      };
    }
    case 'LotUnsold': {
      const { reason, closedAt, closedEarlyBy } = event.data;
      return {
        ...doc,
        status: 'unsold',
        outcome: { closedAt, reason, ...(closedEarlyBy ? { by: closedEarlyBy } : {}) },
        updatedAt: occurredAt,
      };
    }
    case 'LotWithdrawn': {
      const { reason, by, at } = event.data;
      return {
        ...doc,
        status: 'withdrawn',
        outcome: { closedAt: at, by, withdrawn: { reason } },
        updatedAt: occurredAt,
      };
    }
    default:
      return doc;
  }
}

/** Where a lot stands at `now`: scheduled, open, closing (past closesAt, awaiting its close), sold or unsold. */
export type LotPhase = 'scheduled' | 'open' | 'closing' | 'sold' | 'unsold' | 'withdrawn';

/** The phase of a lot document at `now` (ISO). */
export function lotPhase(doc: Pick<LotDoc, 'status' | 'opensAt' | 'closesAt'>, now: string): LotPhase {
  if (doc.status !== 'listed') return doc.status;
  if (now < doc.opensAt) return 'scheduled';
  return now < doc.closesAt ? 'open' : 'closing';
}
