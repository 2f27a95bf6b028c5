import type { BatchPick } from '../stock/stock.events';

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

/** Stream of one sale order: `sale-<id>`. */
export const saleStream = (saleId: string): string => `sale-${saleId}`;
