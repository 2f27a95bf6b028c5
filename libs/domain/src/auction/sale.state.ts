import type { SaleEvent, SaleTerms } from './sale.events';

export type SaleStatus = 'none' | 'payment_due' | 'settled';

/** State of the `sale-<id>` stream. */
export interface SaleState {
  status: SaleStatus;
  terms: SaleTerms | null;
  paid: number;
  issued: boolean;
  payments: Record<string, true>;
}

export const initialSaleState: SaleState = { status: 'none', terms: null, paid: 0, issued: false, payments: {} };

/** Fold one sale event; unknown event types leave the state unchanged. */
export function evolveSale(state: SaleState, event: SaleEvent): SaleState {
  switch (event.type) {
    case 'SaleOpened':
      return { ...state, status: 'payment_due', terms: event.data };
    case 'SaleStockIssued':
      return { ...state, issued: true };
    case 'SalePaymentRecorded':
      return {
        ...state,
        paid: state.paid + event.data.amount,
        payments: { ...state.payments, [event.data.paymentId]: true },
      };
    case 'SaleSettled':
      return { ...state, status: 'settled' };
    default:
      return state;
  }
}
