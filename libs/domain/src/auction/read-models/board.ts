import { own } from '../../shared/own-keys';
import { minimumBid } from '../lot.bidding';
import type { LotEvent, UnsoldReason } from '../lot.events';
import type { LotState } from '../lot.state';

/**
 * What the live board pushes. Bidders appear only by their per-lot alias; no maximum is ever
 * included, except the viewer's own in its snapshot.
 */
export type BoardEvent =
  | { type: 'bid'; lotId: string; bidder: string; pricePerUnit: number; proxy: boolean; at: string; mine: boolean }
  | { type: 'extended'; lotId: string; closesAt: string; previousClosesAt: string; at: string }
  /** Sent only to the buyer whose bid stopped leading. */
  | { type: 'outbid'; lotId: string; pricePerUnit: number; at: string }
  | {
      type: 'closed';
      lotId: string;
      outcome: 'sold' | 'unsold' | 'withdrawn';
      pricePerUnit: number | null;
      winner?: string;
      reason?: UnsoldReason;
      at: string;
      mine: boolean;
    };

/** The board event a stored lot event means for `viewer` (a buyer id; undefined for staff), or null. */
export function boardEventFor(event: LotEvent, viewer?: string): BoardEvent | null {
  switch (event.type) {
    case 'BidPlaced': {
      const d = event.data;
      return {
        type: 'bid',
        lotId: d.lotId,
        bidder: d.alias,
        pricePerUnit: d.pricePerUnit,
        proxy: d.proxy,
        at: d.placedAt,
        mine: d.buyerId === viewer,
      };
    }
    case 'LotExtended': {
      const { lotId, closesAt, previousClosesAt, at } = event.data;
      return { type: 'extended', lotId, closesAt, previousClosesAt, at };
    }
    case 'BidOutbid':
      return event.data.buyerId === viewer
        ? { type: 'outbid', lotId: event.data.lotId, pricePerUnit: event.data.pricePerUnit, at: event.data.at }
        : null;
    case 'LotSold': {
      const d = event.data;
      return {
        type: 'closed',
        lotId: d.lotId,
        outcome: 'sold',
        pricePerUnit: d.pricePerUnit,
        winner: d.alias,
        at: d.closedAt,
        mine: d.buyerId === viewer,
      };
    }
    case 'LotUnsold': {
      const d = event.data;
      return {
        type: 'closed',
        lotId: d.lotId,
        outcome: 'unsold',
        pricePerUnit: d.highestPricePerUnit,
        reason: d.reason,
        at: d.closedAt,
        mine: false,
      };
    }
    case 'LotWithdrawn': {
      const d = event.data;
      return { type: 'closed', lotId: d.lotId, outcome: 'withdrawn', pricePerUnit: null, at: d.at, mine: false };
    }
    default:
      return null;
  }
}

/** The board's opening frame: the lot as it stands, and the viewer's own position on it. */
export interface BoardSnapshot {
  lotId: string;
  status: LotState['status'];
  sku: string;
  skuName: string;
  grade: string;
  /** The batch's origin village. */
  origin: string;
  increment: number;
  extensionSeconds: number;
  units: number;
  unit: string;
  opensAt: string;
  closesAt: string;
  currentPrice: number | null;
  minimumBid: number;
  leader: string | null;
  bidCount: number;
  reserveMet: boolean;
  /** The viewer's alias, when it has bid; its maximum while it leads. */
  you?: { alias: string; leading: boolean; maxPricePerUnit?: number };
}

/** Snapshot of a listed lot's state for `viewer`; null when the lot was never listed. */
export function boardSnapshot(state: LotState, viewer?: string): BoardSnapshot | null {
  const terms = state.terms;
  if (!terms || state.status === 'none' || state.status === 'abandoned') return null;
  const leading = viewer !== undefined && state.leader?.buyerId === viewer;
  const alias = viewer === undefined ? undefined : own(state.aliases, viewer);
  return {
    lotId: terms.lotId,
    status: state.status,
    sku: terms.sku,
    skuName: terms.skuName,
    grade: terms.batch.grade,
    origin: terms.batch.origin.village,
    increment: terms.increment,
    extensionSeconds: terms.extensionSeconds,
    units: terms.units,
    unit: terms.unit,
    opensAt: terms.opensAt,
    closesAt: state.closesAt,
    currentPrice: state.price,
    minimumBid: minimumBid(state, terms),
    leader: state.leader?.alias ?? null,
    bidCount: state.bidCount,
    reserveMet: state.price !== null && state.price >= terms.reservePrice,
    ...(alias ? { you: { alias, leading, ...(leading ? { maxPricePerUnit: state.leader?.max } : {}) } } : {}),
  };
}
