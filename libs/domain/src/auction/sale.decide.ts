import type { BatchPick } from '../stock/stock.events';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { hasOwnKey } from '../shared/own-keys';
import type { SaleEvent, SaleTerms, SettlementMethod } from './sale.events';
import { evolveSale, initialSaleState, type SaleState } from './sale.state';

/** Days a buyer has to pay for a won lot (账期). */
export const SALE_PAYMENT_TERMS_DAYS = 7;

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
      data: {
        saleId,
        buyerId: state.terms.buyerId,
        paymentId,
        amount,
        method,
        ...(reference ? { reference } : {}),
        by,
        at: c.now,
      },
    },
  ];
  if (amount === outstanding) events.push({ type: 'SaleSettled', data: { saleId, at: c.now } });
  return events;
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
        return state.issued
          ? []
          : [{ type: 'SaleStockIssued', data: { saleId: command.saleId, picks: command.picks, at: command.now } }];
      case 'SettleSale':
        return settle(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveSale,
};
