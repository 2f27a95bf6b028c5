import { given } from '@gx/testing';
import { stockDecider, type ReceiveStock } from './stock.decide';
import type { StockEvent } from './stock.events';
import { isSellable } from './stock.events';
import { evolveStockLevel } from './read-models/stock-level';

const receipt = (overrides: Partial<ReceiveStock> = {}): ReceiveStock => ({
  type: 'ReceiveStock',
  batchId: 'B-1',
  sku: 'SKU-PEAR-GX',
  warehouse: 'LC-HUB-DCF',
  quantity: 50_000,
  producer: 'COOP-GX-PEAR',
  origin: { village: '东古城镇前屯村', plot: 'A-3' },
  harvestDate: '2026-11-20',
  expiryDate: '2027-01-19',
  grade: '一级',
  inspection: { result: 'pass', testId: 'NC-2026-1120-07' },
  cost: { per: 1000, fen: 600 },
  now: '2026-11-28T02:00:00.000Z',
  ...overrides,
});

const received = (overrides: Partial<ReceiveStock> = {}): StockEvent => {
  const { type: _t, now, ...data } = receipt(overrides);
  return { type: 'StockReceived', data: { ...data, receivedAt: now } };
};

describe('stock: receiving a batch', () => {
  it('records the batch with all its facts', () => {
    given(stockDecider).when(receipt()).then([received()]);
  });

  it('adds a second batch of the same SKU beside the first', () => {
    given(stockDecider, [received()]).when(receipt({ batchId: 'B-2', quantity: 1 })).then([received({ batchId: 'B-2', quantity: 1 })]);
  });

  it('refuses to receive the same batch twice', () => {
    given(stockDecider, [received()]).when(receipt()).thenFails('ALREADY_EXISTS', 'batchId');
  });

  it.each([0, -5, 1.5, Number.NaN])('refuses quantity %p', (quantity) => {
    given(stockDecider).when(receipt({ quantity })).thenFails('INVALID_STATE', 'quantity');
  });

  it('refuses an expiry date before the harvest date', () => {
    given(stockDecider).when(receipt({ expiryDate: '2026-11-19' })).thenFails('INVALID_DATES', 'expiryDate');
  });

  it('folds receipts into on-hand totals per batch', () => {
    const state = [received(), received({ batchId: 'B-2', quantity: 7 })].reduce(stockDecider.evolve, stockDecider.initialState);
    expect(state.onHand).toBe(50_007);
    expect(state.batches['B-2'].onHand).toBe(7);
  });
});

describe('stock: sellable batches', () => {
  it('is sellable only when inspected as passed and not expired', () => {
    expect(isSellable({ inspection: { result: 'pass' }, expiryDate: '2026-12-01' }, '2026-12-01')).toBe(true);
    expect(isSellable({ inspection: { result: 'pass' }, expiryDate: '2026-11-30' }, '2026-12-01')).toBe(false);
    expect(isSellable({ inspection: { result: 'fail' }, expiryDate: '2027-01-01' }, '2026-12-01')).toBe(false);
    expect(isSellable({ inspection: { result: 'missing' }, expiryDate: '2027-01-01' }, '2026-12-01')).toBe(false);
  });
});

describe('stock level read model', () => {
  it('sums receipts and orders batches first-expiry-first', () => {
    const at = '2026-11-28T02:00:00.000Z';
    let doc = evolveStockLevel(null, received(), at);
    doc = evolveStockLevel(doc, received({ batchId: 'B-0', quantity: 10, expiryDate: '2026-12-01' }), at);
    expect(doc).toMatchObject({ _id: 'SKU-PEAR-GX@LC-HUB-DCF', onHand: 50_010, reserved: 0, available: 50_010 });
    expect(doc?.batches.map((b) => b.batchId)).toEqual(['B-0', 'B-1']);
  });
});
