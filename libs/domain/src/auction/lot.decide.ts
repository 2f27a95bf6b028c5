import { shanghaiDate } from '../shared/business-time';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { hasOwnKey, own } from '../shared/own-keys';
import { resolveBid } from './lot.bidding';
import { saleIdFor, type LotEvent, type LotTerms } from './lot.events';
import { evolveLot, initialLotState, type LotState } from './lot.state';

/** Longest anti-sniping window an operator may set. */
export const MAX_EXTENSION_SECONDS = 3600;

/** List a lot whose stock the handler has already reserved and allocated from its batch. */
export type ListLot = { type: 'ListLot'; terms: LotTerms; now: string };
/** A buyer's bid: the visible price it asks for and an optional hidden maximum its proxy may bid up to. */
export interface BidRequest {
  lotId: string;
  bidId: string;
  buyerId: string;
  pricePerUnit: number;
  maxPricePerUnit?: number;
  now: string;
}

/** A buyer's bid, decided at the server's `now`. */
export type PlaceBid = BidRequest & { type: 'PlaceBid' };
/**
 * The close deadline fired: sell to the leader when the reserve is met, else close unsold (a no-op before
 * closesAt). With `earlyBy` an operator closes it now, before its deadline, the same way.
 */
export type CloseLot = { type: 'CloseLot'; lotId: string; now: string; earlyBy?: string };
/** An operator takes a lot off the market before its first bid. */
export type WithdrawLot = { type: 'WithdrawLot'; lotId: string; reason: string; by: string; now: string };
/** A reservation for a lot that was never listed: make sure it never will be, so its stock can go back. */
export type AbandonListing = { type: 'AbandonListing'; lotId: string; reason: string; now: string };
/** A credit hold whose bid never reached the lot: make sure that bid can never be placed later. */
export type VoidBidAttempt = { type: 'VoidBidAttempt'; lotId: string; bidId: string; buyerId: string; now: string };

export type LotCommand = ListLot | PlaceBid | CloseLot | WithdrawLot | AbandonListing | VoidBidAttempt;

const ms = (iso: string): number => Date.parse(iso);
const isPositiveInt = (n: number): boolean => Number.isSafeInteger(n) && n > 0;

/** Terms a lot can be listed with at `now`; the handler checks them before reserving any stock. */
export function validateLotTerms(t: LotTerms, now: string): void {
  if (!isPositiveInt(t.unitBase) || !isPositiveInt(t.units) || t.quantity !== t.units * t.unitBase) {
    throw new DomainError(
      'INVALID_STATE',
      `quantityBase must be a whole number of ${t.unit} (${t.unitBase} base units each)`,
      'quantityBase',
    );
  }
  if (!isPositiveInt(t.startPrice))
    throw new DomainError('INVALID_STATE', 'startPriceFen must be a positive whole number of fen', 'startPriceFen');
  if (!Number.isSafeInteger(t.reservePrice) || t.reservePrice < 0) {
    throw new DomainError(
      'INVALID_STATE',
      'reservePriceFen must be a whole number of fen, 0 for none',
      'reservePriceFen',
    );
  }
  if (!isPositiveInt(t.increment))
    throw new DomainError('INVALID_STATE', 'incrementFen must be a positive whole number of fen', 'incrementFen');
  if (
    !Number.isSafeInteger(t.extensionSeconds) ||
    t.extensionSeconds < 0 ||
    t.extensionSeconds > MAX_EXTENSION_SECONDS
  ) {
    throw new DomainError(
      'INVALID_STATE',
      `extensionSeconds must be 0 to ${MAX_EXTENSION_SECONDS}`,
      'extensionSeconds',
    );
  }
  if (Number.isNaN(ms(t.opensAt)) || Number.isNaN(ms(t.closesAt)) || ms(t.closesAt) <= ms(t.opensAt)) {
    throw new DomainError('INVALID_DATES', 'closesAt must be after opensAt', 'closesAt');
  }
  if (ms(t.closesAt) <= ms(now)) throw new DomainError('INVALID_DATES', 'closesAt must be in the future', 'closesAt');
  if (shanghaiDate(new Date(t.closesAt)) > t.batch.expiryDate) {
    throw new DomainError(
      'INVALID_DATES',
      `the batch expires on ${t.batch.expiryDate}, before the lot would close`,
      'closesAt',
    );
  }
}

function list(c: ListLot, state: LotState): LotEvent[] {
  if (state.status === 'abandoned')
    throw new DomainError('ALREADY_DECIDED', `listing ${c.terms.lotId} was abandoned; list again`, 'id');
  if (state.status !== 'none') throw new DomainError('ALREADY_EXISTS', `lot ${c.terms.lotId} already exists`, 'id');
  validateLotTerms(c.terms, c.now);
  return [{ type: 'LotListed', data: c.terms }];
}

/** The lot exists and was listed (any outcome), or NOT_FOUND. */
function requireTerms(state: LotState, lotId: string): LotTerms {
  if (!state.terms || state.status === 'none' || state.status === 'abandoned')
    throw new DomainError('NOT_FOUND', `no lot ${lotId}`, 'id');
  return state.terms;
}

function bid(c: PlaceBid, state: LotState): LotEvent[] {
  const terms = requireTerms(state, c.lotId);
  if (state.status !== 'listed')
    throw new DomainError('ALREADY_DECIDED', `lot ${c.lotId} is already ${state.status}`, 'id');
  if (own(state.attempts, c.bidId) === 'voided')
    throw new DomainError('ALREADY_DECIDED', `bid ${c.bidId} expired before it reached the lot`, 'id');
  if (ms(c.now) < ms(terms.opensAt)) throw new DomainError('NOT_OPEN', `bidding opens at ${terms.opensAt}`, 'id');
  if (ms(c.now) >= ms(state.closesAt))
    throw new DomainError('CUTOFF_PASSED', `bidding closed at ${state.closesAt}`, 'id');
  const events = resolveBid(c, state, terms);
  const priceChanged = events.some((e) => e.type === 'BidPlaced');
  const window = terms.extensionSeconds * 1000;
  // Only a visible price change extends: a silent raise of the leader's maximum reveals nothing to answer.
  if (priceChanged && window > 0 && ms(state.closesAt) - ms(c.now) <= window) {
    const closesAt = new Date(ms(state.closesAt) + window).toISOString();
    events.push({
      type: 'LotExtended',
      data: { lotId: c.lotId, closesAt, previousClosesAt: state.closesAt, bidId: c.bidId, at: c.now },
    });
  }
  return events;
}

function close(c: CloseLot, state: LotState): LotEvent[] {
  const terms = requireTerms(state, c.lotId);
  // Already closed, or extended since the deadline was set: the deadline of the new closesAt decides.
  if (state.status !== 'listed' || (c.earlyBy === undefined && ms(c.now) < ms(state.closesAt))) return [];
  const { lotId, sku, warehouse, units, quantity } = terms;
  const early = c.earlyBy !== undefined && ms(c.now) < ms(state.closesAt) ? { closedEarlyBy: c.earlyBy } : {};
  const leader = state.leader;
  const price = state.price;
  if (leader && price !== null && price >= terms.reservePrice) {
    return [
      {
        type: 'LotSold',
        data: {
          lotId,
          saleId: saleIdFor(lotId),
          sku,
          warehouse,
          buyerId: leader.buyerId,
          bidId: leader.bidId,
          alias: leader.alias,
          pricePerUnit: price,
          units,
          quantity,
          amount: price * units,
          closedAt: c.now,
          ...early,
        },
      },
    ];
  }
  return [
    {
      type: 'LotUnsold',
      data: {
        lotId,
        sku,
        warehouse,
        reason: leader ? 'reserve_not_met' : 'no_bids',
        highestPricePerUnit: price,
        ...(leader ? { buyerId: leader.buyerId } : {}),
        closedAt: c.now,
        ...early,
      },
    },
  ];
}

function withdraw(c: WithdrawLot, state: LotState): LotEvent[] {
  const terms = requireTerms(state, c.lotId);
  if (state.status === 'withdrawn') return [];
  if (state.status !== 'listed')
    throw new DomainError('ALREADY_DECIDED', `lot ${c.lotId} is already ${state.status}`, 'id');
  if (state.bidCount > 0)
    throw new DomainError(
      'INVALID_STATE',
      `lot ${c.lotId} has bids; only a lot without bids can be withdrawn (close it instead)`,
      'id',
    );
  const { lotId, sku, warehouse } = terms;
  return [{ type: 'LotWithdrawn', data: { lotId, sku, warehouse, reason: c.reason, by: c.by, at: c.now } }];
}

function abandon(c: AbandonListing, state: LotState): LotEvent[] {
  if (state.status !== 'none') return [];
  return [{ type: 'LotListingAbandoned', data: { lotId: c.lotId, reason: c.reason, at: c.now } }];
}

function voidAttempt(c: VoidBidAttempt, state: LotState): LotEvent[] {
  // Only an open lot could still take the bid; elsewhere nothing needs fencing off.
  if (state.status !== 'listed' || hasOwnKey(state.attempts, c.bidId)) return [];
  return [{ type: 'BidAttemptVoided', data: { lotId: c.lotId, bidId: c.bidId, buyerId: c.buyerId, at: c.now } }];
}

/** A timed lot auction (批发竞价): listing, English bidding with proxies and anti-sniping, close. */
export const lotDecider: Decider<LotCommand, LotEvent, LotState> & { name: string } = {
  name: 'lot',
  initialState: initialLotState,
  decide(command, state) {
    switch (command.type) {
      case 'ListLot':
        return list(command, state);
      case 'PlaceBid':
        return bid(command, state);
      case 'CloseLot':
        return close(command, state);
      case 'WithdrawLot':
        return withdraw(command, state);
      case 'AbandonListing':
        return abandon(command, state);
      case 'VoidBidAttempt':
        return voidAttempt(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveLot,
};
