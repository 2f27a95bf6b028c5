import type { BatchPick } from '../../stock/stock.events';
import type { SaleEvent, SaleTerms, SettlementMethod } from '../sale.events';
import type { SaleStatus } from '../sale.state';

/** Read model `sales`: one document per sale order of a won lot. */
export type SaleDoc = SaleTerms & {
  _id: string;
  status: Exclude<SaleStatus, 'none'>;
  paid: number;
  outstanding: number;
  issued: BatchPick[] | null;
  issuedAt?: string;
  payments: Array<{
    paymentId: string;
    amount: number;
    method: SettlementMethod;
    reference?: string;
    by: string;
    at: string;
  }>;
  settledAt?: string;
  updatedAt: string;
};

/** Fold a sale event into its document. */
export function evolveSaleDoc(doc: SaleDoc | null, event: SaleEvent, occurredAt: string): SaleDoc | null {
  if (event.type === 'SaleOpened') {
    if (doc) return doc;
    return {
      _id: event.data.saleId,
      ...event.data,
      status: 'payment_due',
      paid: 0,
      outstanding: event.data.amount,
      issued: null,
      payments: [],
      updatedAt: occurredAt,
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'SaleStockIssued':
      return { ...doc, issued: event.data.picks, issuedAt: event.data.at, updatedAt: occurredAt };
    case 'SalePaymentRecorded': {
      const { paymentId, amount, method, reference, by, at } = event.data;
      if (doc.payments.some((p) => p.paymentId === paymentId)) return doc;
      const paid = doc.paid + amount;
      const payment = { paymentId, amount, method, ...(reference ? { reference } : {}), by, at };
      return {
        ...doc,
        paid,
        outstanding: doc.amount - paid,
        payments: [...doc.payments, payment],
        updatedAt: occurredAt,
      };
    }
    case 'SaleSettled':
      return { ...doc, status: 'settled', settledAt: event.data.at, updatedAt: occurredAt };
    default:
      return doc;
  }
}
