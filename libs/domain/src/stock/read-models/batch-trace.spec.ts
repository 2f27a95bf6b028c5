import type { BatchFacts, StockEvent } from '../stock.events';
import { evolveBatchTrace, type BatchTraceDoc } from './batch-trace';

const facts: BatchFacts = {
  batchId: 'B-1',
  producer: 'COOP-SX-VEG',
  origin: { village: '刘庄村', plot: 'G-7' },
  harvestDate: '2026-11-20',
  expiryDate: '2026-11-30',
  grade: '一级',
  inspection: { result: 'pass', testId: 'NC-1' },
  cost: { per: 1000, fen: 300 },
};
const hub = { sku: 'SKU-TOMATO-SX', warehouse: 'LC-HUB-SX' };
const station = { sku: 'SKU-TOMATO-SX', warehouse: 'LC-TS-SX' };
const events: StockEvent[] = [
  { type: 'StockReceived', data: { ...hub, ...facts, quantity: 10_000, receivedAt: '2026-11-20T02:00:00Z' } },
  {
    type: 'StockReserved',
    data: { ...hub, holder: 'O-1', holderKind: 'order', quantity: 2_000, reservedAt: '2026-11-20T03:00:00Z' },
  },
  { type: 'StockAllocated', data: { ...hub, holder: 'O-1', picks: [{ batchId: 'B-1', quantity: 2_000 }] } },
  { type: 'StockAllocated', data: { ...hub, holder: 'O-2', picks: [{ batchId: 'B-2', quantity: 500 }] } },
  {
    type: 'StockTransferredOut',
    data: { ...hub, transferId: 'T-1', to: station.warehouse, picks: [{ batchId: 'B-1', quantity: 4_000, facts }] },
  },
  {
    type: 'StockTransferredIn',
    data: {
      ...station,
      transferId: 'T-1',
      from: hub.warehouse,
      picks: [{ batchId: 'B-1', quantity: 3_900, facts }],
      lost: [{ batchId: 'B-1', quantity: 100 }],
      receivedAt: '2026-11-21T02:00:00Z',
    },
  },
  {
    type: 'BatchInspectionCleared',
    data: { ...station, batchId: 'B-1', inspection: { result: 'pass', testId: 'NC-2' } },
  },
];
const fold = (list: StockEvent[]): BatchTraceDoc | null =>
  list.reduce<BatchTraceDoc | null>(
    (doc, e, i) =>
      evolveBatchTrace(doc, e, 'B-1', { position: String(i + 1), at: '2026-11-21T00:00:00Z', actor: 'operator1' }),
    null,
  );

describe('read model batch_traces', () => {
  it('carries the receipt’s expiry and inspection, and the latest inspection once another replaced it', () => {
    expect(fold(events.slice(0, 1))).toMatchObject({
      expiryDate: '2026-11-30',
      inspection: { result: 'pass', testId: 'NC-1' },
      origin: { plot: 'G-7' },
    });
    expect(fold(events)?.inspection).toEqual({ result: 'pass', testId: 'NC-2' });
  });

  it('shows what was allocated from this batch, what was lost in transit, and leaves out movements of other batches', () => {
    const moves = fold(events)?.movements.map((m) => [
      m.type,
      m.warehouse,
      m.quantity,
      m.allocated ?? null,
      m.lost ?? null,
    ]);
    expect(moves).toEqual([
      ['StockReceived', 'LC-HUB-SX', 10_000, null, null],
      ['StockAllocated', 'LC-HUB-SX', 0, 2_000, null],
      ['StockTransferredOut', 'LC-HUB-SX', -4_000, null, null],
      ['StockTransferredIn', 'LC-TS-SX', 3_900, null, 100],
      ['BatchInspectionCleared', 'LC-TS-SX', 0, null, null],
    ]);
  });

  it('is pure: the same event on the same document gives the same document', () => {
    const before = fold(events.slice(0, 3));
    const snapshot = structuredClone(before);
    const next = events[4];
    expect(evolveBatchTrace(before, next, 'B-1', { position: '9', at: 'x', actor: 'a' })).toEqual(
      evolveBatchTrace(before, next, 'B-1', { position: '9', at: 'x', actor: 'a' }),
    );
    expect(before).toEqual(snapshot);
  });
});
