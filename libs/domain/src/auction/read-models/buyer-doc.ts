import type { BuyerEvent } from '../buyer.events';
import {
  availableCredit,
  evolveBuyer,
  exposureOf,
  initialBuyerState,
  receivableOf,
  type BuyerState,
} from '../buyer.state';

/** Read model `buyers`: one buyer's credit account with its figures (fen). */
export type BuyerDoc = {
  _id: string;
  buyerId: string;
  approved: boolean;
  creditLimit: number;
  /** Credit held by live bids: per lot the largest hold, summed. */
  exposure: number;
  /** Won lots not yet paid. */
  receivables: number;
  available: number;
  holds: Array<{ bidId: string; lotId: string; amount: number }>;
  sales: Array<{ saleId: string; lotId: string; amount: number; paid: number }>;
  state: BuyerState;
  updatedAt: string;
};

/** Fold a buyer event into its document (the state is kept so the figures are exactly the decider's). */
export function evolveBuyerDoc(doc: BuyerDoc | null, event: BuyerEvent, occurredAt: string): BuyerDoc | null {
  const state = evolveBuyer(doc?.state ?? initialBuyerState, event);
  const buyerId = event.data.buyerId;
  return {
    _id: buyerId,
    buyerId,
    approved: state.approved,
    creditLimit: state.creditLimit,
    exposure: exposureOf(state.holds),
    receivables: receivableOf(state.receivables),
    available: availableCredit(state),
    holds: Object.entries(state.holds)
      .map(([bidId, h]) => ({ bidId, ...h }))
      .sort((a, b) => a.lotId.localeCompare(b.lotId) || a.bidId.localeCompare(b.bidId)),
    sales: Object.entries(state.receivables)
      .map(([saleId, r]) => ({ saleId, ...r }))
      .sort((a, b) => a.saleId.localeCompare(b.saleId)),
    state,
    updatedAt: occurredAt,
  };
}
