import type { StockEvent } from '../../stock/stock.events';
import { evolveStockVariance, stockVarianceIdOf, type StockVarianceDoc } from './stock-variance';

const where = { sku: 'SKU-PEAR-GX', warehouse: 'LC-HUB-DCF' };
const cost = { per: 1000, fen: 600 };
const received = (quantity: number): StockEvent => ({
  type: 'StockReceived',
  data: {
    ...where,
    batchId: 'B-1',
    producer: 'COOP-GX-PEAR',
    origin: { village: '前屯村' },
    harvestDate: '2026-11-20',
    expiryDate: '2027-01-19',
    grade: '一级',
    inspection: { result: 'pass' },
    cost,
    quantity,
    receivedAt: '2026-11-20T02:00:00.000Z',
  },
});
const writtenOff = (quantity: number, value: number): StockEvent => ({
  type: 'StockWrittenOff',
  data: { ...where, batchId: 'B-1', quantity, value, reason: 'spoilage' },
});
const adjusted = (delta: number, value: number, reason = 'count'): StockEvent => ({
  type: 'StockAdjusted',
  data: { ...where, batchId: 'B-1', delta, value, reason, ...(reason === 'count' ? { countId: 'C-1' } : {}) },
});

const NOV = '2026-11-10T02:00:00.000Z';
const fold = (events: StockEvent[], occurredAt = NOV): StockVarianceDoc | null =>
  events.reduce<StockVarianceDoc | null>((doc, e) => evolveStockVariance(doc, e, occurredAt), null);

describe('read model stock_variances', () => {
  it('adds up receipts, write-offs and count gains and losses at cost, with the shrinkage rate', () => {
    const doc = fold([
      received(100_000),
      writtenOff(2_000, 1_200),
      adjusted(-3_000, -1_800),
      adjusted(500, 300),
      adjusted(1_000, 600, 'correction'),
    ]);
    expect(doc).toMatchObject({
      _id: 'LC-HUB-DCF|SKU-PEAR-GX|2026-11',
      month: '2026-11',
      received: { qty: 100_000, value: 60_000 },
      writtenOff: { qty: 2_000, value: 1_200 },
      countLoss: { qty: 3_000, value: 1_800 },
      countGain: { qty: 500, value: 300 },
      otherAdjustments: { qty: 1_000, value: 600 },
      shrinkageValue: 2_700,
      shrinkageRate: 0.045,
    });
  });

  it('counts stock that arrived by transfer as received, and what never arrived as shrinkage at the batch’s cost', () => {
    const facts = {
      batchId: 'B-1',
      producer: 'COOP-GX-PEAR',
      origin: { village: '前屯村' },
      harvestDate: '2026-11-20',
      expiryDate: '2027-01-19',
      grade: '一级' as const,
      inspection: { result: 'pass' as const },
      cost,
    };
    const transferredIn: StockEvent = {
      type: 'StockTransferredIn',
      data: {
        ...where,
        transferId: 'T-1',
        from: 'LC-HUB-GX',
        picks: [{ batchId: 'B-1', quantity: 9_000, facts }],
        lost: [{ batchId: 'B-1', quantity: 1_000 }],
        receivedAt: NOV,
      },
    };
    expect(fold([transferredIn])).toMatchObject({
      received: { qty: 0, value: 0 },
      transferredIn: { qty: 9_000, value: 5_400 },
      lostInTransit: { qty: 1_000, value: 600 },
      shrinkageValue: 600,
      shrinkageRate: 0.111111,
    });
  });

  it('has no shrinkage rate for a month with nothing received', () => {
    expect(fold([writtenOff(2_000, 1_200)])).toMatchObject({ shrinkageValue: 1_200, shrinkageRate: null });
  });

  it('files events by the Asia/Shanghai month they occurred in', () => {
    expect(stockVarianceIdOf(received(1), '2026-11-30T15:59:59.000Z')).toBe('LC-HUB-DCF|SKU-PEAR-GX|2026-11');
    expect(stockVarianceIdOf(received(1), '2026-11-30T16:00:00.000Z')).toBe('LC-HUB-DCF|SKU-PEAR-GX|2026-12');
    expect(stockVarianceIdOf({ type: 'StockReserved', data: where }, NOV)).toBeNull();
  });

  it('is pure: applying an event to the same document twice gives the same document and leaves the input untouched', () => {
    const before = fold([received(100_000)]);
    const snapshot = structuredClone(before);
    const event = writtenOff(2_000, 1_200);
    expect(evolveStockVariance(before, event, NOV)).toEqual(evolveStockVariance(before, event, NOV));
    expect(before).toEqual(snapshot);
  });

  it('leaves the document unchanged for stock events it does not report', () => {
    const doc = fold([received(100_000)]);
    const reserved: StockEvent = {
      type: 'StockReserved',
      data: { ...where, holder: 'o-1', holderKind: 'order', quantity: 5, reservedAt: NOV },
    };
    expect(evolveStockVariance(doc, reserved, NOV)).toBe(doc);
  });
});
