import { given } from '@gx/testing';
import { saleDecider, type SettleSale } from './sale.decide';
import type { SaleEvent } from './sale.events';

const NOW = '2026-11-28T04:00:00.000Z';
const opened: SaleEvent = {
  type: 'SaleOpened',
  data: {
    saleId: 'S-1',
    lotId: 'L-1',
    buyerId: 'BUYER-LC-001',
    sku: 'SKU-PEAR-GX',
    warehouse: 'LC-MKT-01',
    quantity: 500_000,
    units: 100,
    unit: '箱(5kg)',
    pricePerUnit: 4000,
    amount: 400_000,
    dueAt: '2026-12-05T04:00:00.000Z',
    openedAt: NOW,
  },
};
const settle = (paymentId: string, amount?: number): SettleSale => ({
  type: 'SettleSale',
  saleId: 'S-1',
  paymentId,
  ...(amount === undefined ? {} : { amount }),
  method: 'bank_transfer',
  by: 'operator1',
  now: NOW,
});
const paid = (paymentId: string, amount: number): SaleEvent => ({
  type: 'SalePaymentRecorded',
  data: {
    saleId: 'S-1',
    buyerId: 'BUYER-LC-001',
    paymentId,
    amount,
    method: 'bank_transfer',
    by: 'operator1',
    at: NOW,
  },
});

describe('sale settlement', () => {
  it('settles everything outstanding by default', () => {
    given(saleDecider, [opened])
      .when(settle('P-1'))
      .then([paid('P-1', 400_000), { type: 'SaleSettled', data: { saleId: 'S-1', at: NOW } }]);
  });
  it('records part payments and settles with the last one', () => {
    given(saleDecider, [opened])
      .when(settle('P-1', 100_000))
      .then([paid('P-1', 100_000)]);
    given(saleDecider, [opened, paid('P-1', 100_000)])
      .when(settle('P-2'))
      .then([paid('P-2', 300_000), { type: 'SaleSettled', data: { saleId: 'S-1', at: NOW } }]);
  });
  it('refuses more than is outstanding, a settled sale, and an unknown one; a repeated payment is a no-op', () => {
    given(saleDecider, [opened, paid('P-1', 100_000)])
      .when(settle('P-2', 300_001))
      .thenFails('INVALID_STATE', 'amountFen');
    given(saleDecider, [opened, paid('P-1', 400_000), { type: 'SaleSettled', data: { saleId: 'S-1', at: NOW } }])
      .when(settle('P-2'))
      .thenFails('ALREADY_DECIDED');
    given(saleDecider, [opened, paid('P-1', 100_000)])
      .when(settle('P-1', 100_000))
      .then([]);
    given(saleDecider).when(settle('P-1')).thenFails('NOT_FOUND');
  });
});
