import type { BatchPick } from '../stock/stock.events';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { hasOwnKey } from '../shared/own-keys';

/** Days a buyer has to pay for a won lot (账期). */
export const SALE_PAYMENT_TERMS_DAYS = 7;

/** How a settlement was paid. */
export const SETTLEMENT_METHODS = ['bank_transfer', 'cash', 'credit_offset'] as const;
export type SettlementMethod = (typeof SETTLEMENT_METHODS)[number];

/** The sale order of a sold lot, as the close decided it. */
export type SaleTerms = {
  saleId: string;
  lotId: string;
  buyerId: string;
  sku: string;
  warehouse: string;
  quantity: number;
  units: number;
  unit: string;
  pricePerUnit: number;
  amount: number;
  dueAt: string;
  openedAt: string;
};

export type SaleEvent =
  | { type: 'SaleOpened'; data: SaleTerms }
  | { type: 'SaleStockIssued'; data: { saleId: string; picks: BatchPick[]; at: string } }
  | {
      type: 'SalePaymentRecorded';
      data: {
        saleId: string;
        buyerId: string;
        paymentId: string;
        amount: number;
        method: SettlementMethod;
        reference?: string;
        by: string;
        at: string;
      };
    }
  | { type: 'SaleSettled'; data: { saleId: string; at: string } };

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

/** Stream of one sale order: `sale-<id>`. */
export const saleStream = (saleId: string): string => `sale-${saleId}`;

export type OpenSale = { type: 'OpenSale'; terms: SaleTerms };
export type RecordSaleIssued = { type: 'RecordSaleIssued'; saleId: string; picks: BatchPick[]; now: string };
/** An operator records a payment (default: everything outstanding). */
export type SettleSale = {
  type: 'SettleSale';
  saleId: string;
  paymentId: string;
  amount?: number;
  method: SettlementMethod;
  reference?: string;
  by: string;
  now: string;
};

export type SaleCommand = OpenSale | RecordSaleIssued | SettleSale;

function settle(c: SettleSale, state: SaleState): SaleEvent[] {
  if (!state.terms) throw new DomainError('NOT_FOUND', `no sale ${c.saleId}`, 'id');
  if (hasOwnKey(state.payments, c.paymentId)) return [];
  if (state.status === 'settled') throw new DomainError('ALREADY_DECIDED', `sale ${c.saleId} is already settled`, 'id');
  const outstanding = state.terms.amount - state.paid;
  const amount = c.amount ?? outstanding;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > outstanding) {
    throw new DomainError('INVALID_STATE', `amountFen must be 1 to ${outstanding} fen (outstanding)`, 'amountFen');
  }
  const { saleId, paymentId, method, reference, by } = c;
  const events: SaleEvent[] = [
    {
      type: 'SalePaymentRecorded',
      data: { saleId, buyerId: state.terms.buyerId, paymentId, amount, method, ...(reference ? { reference } : {}), by, at: c.now },
    },
  ];
  if (amount === outstanding) events.push({ type: 'SaleSettled', data: { saleId, at: c.now } });
  return events;
}

/** Fold one sale event; unknown event types leave the state unchanged. */
export function evolveSale(state: SaleState, event: SaleEvent): SaleState {
  switch (event.type) {
    case 'SaleOpened':
      return { ...state, status: 'payment_due', terms: event.data };
    case 'SaleStockIssued':
      return { ...state, issued: true };
    case 'SalePaymentRecorded':
      return { ...state, paid: state.paid + event.data.amount, payments: { ...state.payments, [event.data.paymentId]: true } };
    case 'SaleSettled':
      return { ...state, status: 'settled' };
    default:
      return state;
  }
}

/** The sale order of a won lot: stock issued to the buyer, payment due, settlement recorded by operators. */
export const saleDecider: Decider<SaleCommand, SaleEvent, SaleState> & { name: string } = {
  name: 'sale',
  initialState: initialSaleState,
  decide(command, state) {
    switch (command.type) {
      case 'OpenSale':
        return state.status === 'none' ? [{ type: 'SaleOpened', data: command.terms }] : [];
      case 'RecordSaleIssued':
        if (!state.terms) throw new DomainError('NOT_FOUND', `no sale ${command.saleId}`, 'id');
        return state.issued ? [] : [{ type: 'SaleStockIssued', data: { saleId: command.saleId, picks: command.picks, at: command.now } }];
      case 'SettleSale':
        return settle(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveSale,
};
