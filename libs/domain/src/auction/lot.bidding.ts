import { DomainError } from '../shared/domain-error';
import type { BidRequest } from './lot.decide';
import type { LotEvent, LotTerms } from './lot.events';
import { aliasOf, type LotState } from './lot.state';

type BidPlaced = Extract<LotEvent, { type: 'BidPlaced' }>;

const isWholeFen = (n: number): boolean => Number.isSafeInteger(n) && n > 0;

/** The lowest price a new bid may ask: the start price, then the current price plus the increment. */
export function minimumBid(state: Pick<LotState, 'price'>, terms: Pick<LotTerms, 'startPrice' | 'increment'>): number {
  return state.price === null ? terms.startPrice : state.price + terms.increment;
}

/**
 * The price a winning maximum settles at: when the maximum covers the reserve, the price rises to
 * at least the reserve (a proxy that can meet the reserve does so at once, as on eBay).
 */
function withReserve(price: number, max: number, reserve: number): number {
  return reserve > 0 && max >= reserve && price < reserve ? reserve : price;
}

/**
 * English auction with proxy bidding. A bid must ask at least the current price plus the increment
 * (a bid at exactly the current price lost a tie to an earlier one: OUTBID). Against a standing
 * proxy the higher maximum leads at one increment above the other maximum (capped at its own);
 * equal maxima: the earlier bid leads. The leader bidding again raises its hidden maximum only,
 * which must go up.
 */
export function resolveBid(c: BidRequest, state: LotState, terms: LotTerms): LotEvent[] {
  if (!isWholeFen(c.pricePerUnit))
    throw new DomainError('BID_TOO_LOW', 'pricePerUnitFen must be a positive whole number of fen', 'pricePerUnitFen');
  const max = c.maxPricePerUnit ?? c.pricePerUnit;
  if (!Number.isSafeInteger(max) || max < c.pricePerUnit) {
    throw new DomainError(
      'INVALID_STATE',
      'maxPricePerUnitFen must be a whole number of fen, at least pricePerUnitFen',
      'maxPricePerUnitFen',
    );
  }
  const leader = state.leader;
  const alias = aliasOf(state, c.buyerId);
  const placed = (
    bidId: string,
    buyerId: string,
    who: string,
    price: number,
    cap: number,
    proxy: boolean,
  ): BidPlaced => ({
    type: 'BidPlaced',
    data: {
      lotId: c.lotId,
      bidId,
      buyerId,
      alias: who,
      pricePerUnit: price,
      maxPricePerUnit: cap,
      proxy,
      placedAt: c.now,
    },
  });
  if (leader && leader.buyerId === c.buyerId) return raiseOwnMax(c, state, terms, max, placed);
  if (leader && state.price !== null && c.pricePerUnit === state.price) {
    throw new DomainError(
      'OUTBID',
      `an earlier bid at ${state.price} fen per ${terms.unit} leads; bid at least ${state.price + terms.increment}`,
      'pricePerUnitFen',
    );
  }
  const minimum = minimumBid(state, terms);
  if (c.pricePerUnit < minimum) {
    throw new DomainError(
      'BID_TOO_LOW',
      `the lowest acceptable bid is ${minimum} fen per ${terms.unit}`,
      'pricePerUnitFen',
    );
  }
  const outbid = (bidId: string, buyerId: string, price: number): LotEvent => ({
    type: 'BidOutbid',
    data: { lotId: c.lotId, bidId, buyerId, pricePerUnit: price, at: c.now },
  });

  if (!leader || state.price === null) {
    const price = withReserve(c.pricePerUnit, max, terms.reservePrice);
    return [placed(c.bidId, c.buyerId, alias, price, max, price > c.pricePerUnit)];
  }
  if (max > leader.max) {
    const events: LotEvent[] = [];
    // The leader's proxy bids its whole maximum before it is beaten, as the board shows.
    if (leader.max > state.price)
      events.push(placed(leader.bidId, leader.buyerId, leader.alias, leader.max, leader.max, true));
    const price = withReserve(
      Math.max(c.pricePerUnit, Math.min(max, leader.max + terms.increment)),
      max,
      terms.reservePrice,
    );
    events.push(placed(c.bidId, c.buyerId, alias, price, max, price > c.pricePerUnit));
    events.push(outbid(leader.bidId, leader.buyerId, price));
    return events;
  }
  // The standing proxy answers: the challenger's maximum is bid, then the leader one increment above it (at most its own).
  const answer = withReserve(Math.min(leader.max, max + terms.increment), leader.max, terms.reservePrice);
  return [
    placed(c.bidId, c.buyerId, alias, max, max, max > c.pricePerUnit),
    placed(leader.bidId, leader.buyerId, leader.alias, answer, leader.max, true),
    outbid(c.bidId, c.buyerId, answer),
  ];
}

/**
 * The leader bids again: its hidden maximum rises, never the price it pays against itself (only a
 * new maximum meeting the reserve lifts the price to the reserve).
 */
function raiseOwnMax(
  c: BidRequest,
  state: LotState,
  terms: LotTerms,
  max: number,
  placed: (bidId: string, buyerId: string, who: string, price: number, cap: number, proxy: boolean) => BidPlaced,
): LotEvent[] {
  const leader = state.leader;
  if (!leader || state.price === null) return [];
  if (max <= leader.max) {
    throw new DomainError(
      'BID_TOO_LOW',
      `you lead with a maximum of ${leader.max} fen per ${terms.unit}; a new bid must raise it`,
      'maxPricePerUnitFen',
    );
  }
  const events: LotEvent[] = [
    {
      type: 'LeaderMaxRaised',
      data: {
        lotId: c.lotId,
        bidId: c.bidId,
        previousBidId: leader.bidId,
        buyerId: c.buyerId,
        alias: leader.alias,
        maxPricePerUnit: max,
        at: c.now,
      },
    },
  ];
  const price = withReserve(state.price, max, terms.reservePrice);
  if (price !== state.price) events.push(placed(c.bidId, c.buyerId, leader.alias, price, max, true));
  return events;
}
