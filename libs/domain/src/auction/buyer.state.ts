import type { PersonalText } from '../shared/personal-data';
import { own, withoutOwn } from '../shared/own-keys';
import type { BuyerEvent, CreditHold, Receivable } from './buyer.events';

/** State of the `buyer-<id>` stream: the credit account of one wholesale buyer. */
export interface BuyerState {
  /** Registered (BuyerRegistered, or approved before buyers were registered on their own stream). */
  registered: boolean;
  /**
   * The buyer's name as registered (absent for buyers approved before registration was recorded): sealed with the
   * registering person's key, since a trader's name is often a person's (个体户).
   */
  name?: PersonalText;
  approved: boolean;
  creditLimit: number;
  holds: Record<string, CreditHold>;
  receivables: Record<string, Receivable>;
  payments: Record<string, true>;
}

export const initialBuyerState: BuyerState = {
  registered: false,
  approved: false,
  creditLimit: 0,
  holds: {},
  receivables: {},
  payments: {},
};

/**
 * Exposure: per lot the largest hold, summed over lots. A buyer can be bound only once per lot, so
 * a raise on a lot it already bids on needs only the difference (its holds there are alternatives).
 */
export function exposureOf(holds: Record<string, CreditHold>): number {
  const perLot = new Map<string, number>();
  for (const h of Object.values(holds)) perLot.set(h.lotId, Math.max(perLot.get(h.lotId) ?? 0, h.amount));
  let sum = 0;
  for (const amount of perLot.values()) sum += amount;
  return sum;
}

/** Unpaid sale amounts. */
export function receivableOf(receivables: Record<string, Receivable>): number {
  return Object.values(receivables).reduce((n, r) => n + r.amount - r.paid, 0);
}

/** Credit still available: the limit less exposure and unpaid receivables (may be negative after a cut). */
export function availableCredit(state: Pick<BuyerState, 'creditLimit' | 'holds' | 'receivables'>): number {
  return state.creditLimit - exposureOf(state.holds) - receivableOf(state.receivables);
}

const without = <T>(record: Record<string, T>, keys: string[]): Record<string, T> => keys.reduce(withoutOwn, record);

/** Fold one buyer event; unknown event types leave the state unchanged. */
export function evolveBuyer(state: BuyerState, event: BuyerEvent): BuyerState {
  switch (event.type) {
    case 'BuyerRegistered':
      return { ...state, registered: true, name: event.data.name };
    case 'BuyerCreditLimitSet':
      return { ...state, registered: true, approved: true, creditLimit: event.data.creditLimit };
    case 'BuyerExposureReserved':
      return {
        ...state,
        holds: { ...state.holds, [event.data.bidId]: { lotId: event.data.lotId, amount: event.data.amount } },
      };
    case 'BuyerExposureReleased':
      return { ...state, holds: without(state.holds, [event.data.bidId]) };
    case 'BuyerExposureConverted': {
      const { lotId, saleId, bidIds, amount } = event.data;
      return {
        ...state,
        holds: without(state.holds, bidIds),
        receivables: { ...state.receivables, [saleId]: { lotId, amount, paid: 0 } },
      };
    }
    case 'BuyerPaymentRecorded': {
      const r = own(state.receivables, event.data.saleId);
      const receivables = r
        ? { ...state.receivables, [event.data.saleId]: { ...r, paid: r.paid + event.data.amount } }
        : state.receivables;
      return { ...state, receivables, payments: { ...state.payments, [event.data.paymentId]: true } };
    }
    default:
      return state;
  }
}
