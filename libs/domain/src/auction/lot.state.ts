import { hasOwnKey, own } from '../shared/own-keys';
import { bidderAlias, type Leader, type LotEvent, type LotStatus, type LotTerms } from './lot.events';

/** State of the `lot-<id>` stream. */
export interface LotState {
  status: LotStatus;
  terms: LotTerms | null;
  closesAt: string;
  /** Current (visible) price per unit; null before the first bid. */
  price: number | null;
  leader: Leader | null;
  bidCount: number;
  /** Per-lot pseudonyms (买家**01, 买家**02…) in order of each buyer's first bid. */
  aliases: Record<string, string>;
  /** Bid attempts seen: accepted ones and voided ones (a voided id can never be placed). */
  attempts: Record<string, 'accepted' | 'voided'>;
}

export const initialLotState: LotState = {
  status: 'none',
  terms: null,
  closesAt: '',
  price: null,
  leader: null,
  bidCount: 0,
  aliases: {},
  attempts: {},
};

/** The alias of `buyerId` on a lot, existing or next. */
export function aliasOf(state: LotState, buyerId: string): string {
  return own(state.aliases, buyerId) ?? bidderAlias(Object.keys(state.aliases).length + 1);
}

/** Fold one lot event; unknown event types leave the state unchanged. */
export function evolveLot(state: LotState, event: LotEvent): LotState {
  switch (event.type) {
    case 'LotListed':
      return { ...state, status: 'listed', terms: event.data, closesAt: event.data.closesAt };
    case 'LotListingAbandoned':
      return { ...state, status: 'abandoned' };
    case 'LotWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'BidPlaced': {
      const d = event.data;
      const leader: Leader = {
        bidId: d.bidId,
        buyerId: d.buyerId,
        alias: d.alias,
        max: d.maxPricePerUnit,
        at: d.placedAt,
      };
      const aliases = hasOwnKey(state.aliases, d.buyerId) ? state.aliases : { ...state.aliases, [d.buyerId]: d.alias };
      const counted = own(state.attempts, d.bidId) === 'accepted' ? 0 : 1;
      return {
        ...state,
        price: d.pricePerUnit,
        // An answered challenger is followed by its BidOutbid, and the leader's proxy by its own BidPlaced.
        leader,
        bidCount: state.bidCount + 1,
        aliases,
        attempts: counted ? { ...state.attempts, [d.bidId]: 'accepted' } : state.attempts,
      };
    }
    case 'LeaderMaxRaised': {
      const d = event.data;
      if (!state.leader) return state;
      return {
        ...state,
        leader: { ...state.leader, bidId: d.bidId, max: d.maxPricePerUnit, at: d.at },
        attempts: { ...state.attempts, [d.bidId]: 'accepted' },
      };
    }
    case 'BidOutbid':
      return state;
    case 'LotExtended':
      return { ...state, closesAt: event.data.closesAt };
    case 'BidAttemptVoided':
      return { ...state, attempts: { ...state.attempts, [event.data.bidId]: 'voided' } };
    case 'LotSold':
      return { ...state, status: 'sold' };
    case 'LotUnsold':
      return { ...state, status: 'unsold' };
    default:
      return state;
  }
}
