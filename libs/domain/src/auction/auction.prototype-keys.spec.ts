import { decideAll, given, PROTOTYPE_KEYS } from '@gx/testing';
import { fold } from '../shared/decider';
import { own } from '../shared/own-keys';
import { buyerDecider, type BuyerCommand } from './buyer.decide';
import type { BuyerEvent } from './buyer.events';
import { availableCredit } from './buyer.state';
import { bidderAlias, type LotEvent } from './lot.events';
import { aliasOf, evolveLot, initialLotState } from './lot.state';
import { saleDecider } from './sale.decide';
import type { SaleEvent, SaleTerms } from './sale.events';

const B = 'BUYER-LC-001';
const NOW = '2026-11-28T02:00:00.000Z';
const approved: BuyerEvent = {
  type: 'BuyerCreditLimitSet',
  data: { buyerId: B, creditLimit: 1_000_000, previous: null, by: 'operator1', at: NOW },
};
const runBuyer = (history: BuyerEvent[], ...commands: BuyerCommand[]): BuyerEvent[] =>
  decideAll(buyerDecider, history, ...commands);
const terms: SaleTerms = {
  saleId: 'S-1',
  lotId: 'L-1',
  buyerId: B,
  sku: 'SKU-PEAR-GX',
  warehouse: 'LC-MKT',
  quantity: 10_000,
  units: 10,
  unit: 'kg',
  pricePerUnit: 900,
  amount: 9_000,
  dueAt: NOW,
  openedAt: NOW,
};
const opened: SaleEvent = { type: 'SaleOpened', data: terms };

describe.each(PROTOTYPE_KEYS)('auction: %s is an ordinary id', (key) => {
  it('is a bid, lot, sale and payment of a buyer account like any other', () => {
    expect(
      runBuyer([approved], { type: 'ReleaseExposure', buyerId: B, bidId: key, reason: 'outbid', now: NOW }),
    ).toEqual([approved]);
    given(buyerDecider, [approved])
      .when({ type: 'RecordBuyerPayment', buyerId: B, saleId: key, paymentId: 'P-1', amount: 1, now: NOW })
      .thenFails('NOT_FOUND', 'saleId');
    const history = runBuyer(
      [approved],
      { type: 'ReserveExposure', buyerId: B, bidId: key, lotId: key, amount: 300_000, now: NOW },
      { type: 'ReserveExposure', buyerId: B, bidId: key, lotId: key, amount: 300_000, now: NOW },
      { type: 'ConvertExposure', buyerId: B, lotId: key, saleId: key, amount: 250_000, now: NOW },
      { type: 'RecordBuyerPayment', buyerId: B, saleId: key, paymentId: key, amount: 50_000, now: NOW },
      { type: 'RecordBuyerPayment', buyerId: B, saleId: key, paymentId: key, amount: 50_000, now: NOW },
    );
    expect(history.map((e) => e.type)).toEqual([
      'BuyerCreditLimitSet',
      'BuyerExposureReserved',
      'BuyerExposureConverted',
      'BuyerPaymentRecorded',
    ]);
    const state = fold(buyerDecider, history);
    expect(state.holds).toEqual({});
    expect(own(state.receivables, key)).toEqual({ lotId: key, amount: 250_000, paid: 50_000 });
    expect(availableCredit(state)).toBe(800_000);
  });

  it('is a bidder and a bid id of a lot like any other', () => {
    const placed = (bidId: string, buyerId: string, alias: string): LotEvent => ({
      type: 'BidPlaced',
      data: {
        lotId: 'L-1',
        bidId,
        buyerId,
        alias,
        pricePerUnit: 900,
        maxPricePerUnit: 900,
        proxy: false,
        placedAt: NOW,
      },
    });
    expect(aliasOf(initialLotState, key)).toBe(bidderAlias(1));
    const state = [
      placed('b-0', 'BUYER-0', bidderAlias(1)),
      placed(key, key, bidderAlias(2)),
      placed(key, key, bidderAlias(2)),
    ].reduce(evolveLot, initialLotState);
    expect(aliasOf(state, key)).toBe(bidderAlias(2));
    expect(Object.keys(state.aliases).sort()).toEqual(['BUYER-0', key].sort());
    expect(own(state.attempts, key)).toBe('accepted');
  });

  it('is a payment id of a sale like any other', () => {
    const settle = {
      type: 'SettleSale' as const,
      saleId: 'S-1',
      paymentId: key,
      amount: 1_000,
      method: 'bank_transfer' as const,
      by: 'operator1',
      now: NOW,
    };
    const once = decideAll(saleDecider, [opened], settle);
    expect(once).toHaveLength(2);
    given(saleDecider, once).when(settle).then([]);
  });
});
