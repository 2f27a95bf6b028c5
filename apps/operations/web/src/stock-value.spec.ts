import { stockValueFen } from './stock-value';
import type { Batch, StockLevel } from './models';

const batch = (onHand: number, fen: number, per: number): Batch => ({
  batchId: 'B',
  producer: 'P',
  origin: { village: 'V' },
  harvestDate: '2026-11-20',
  expiryDate: '2026-12-20',
  grade: '一级',
  inspection: { result: 'pass' },
  costFen: fen,
  costPerBase: per,
  onHandBase: onHand,
  allocatedBase: 0,
  freeBase: onHand,
  sellable: true,
});

describe('stockValueFen', () => {
  it('values each batch at its own cost per base units', () => {
    const level = { batches: [batch(500_000, 250, 1000), batch(30, 60, 1)] } as StockLevel;
    expect(stockValueFen(level)).toBe(125_000 + 1_800);
  });
});
