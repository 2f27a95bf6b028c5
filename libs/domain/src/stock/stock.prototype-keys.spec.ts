import { decideAll, given, PROTOTYPE_KEYS } from '@gx/testing';
import { fold } from '../shared/decider';
import { own } from '../shared/own-keys';
import { evolveStockBatch, evolveStockReservation } from './read-models/stock-batches';
import { evolveStockLevel, stockStateOf, type StockLevelDoc } from './read-models/stock-level';
import { stockDecider, type ReceiveStock, type StockCommand } from './stock.decide';
import type { StockEvent } from './stock.events';
import { availableOf } from './stock.rules';

const at = { sku: 'SKU-PEAR-GX', warehouse: 'LC-HUB-DCF', now: '2026-11-28T02:00:00.000Z' };
const TODAY = '2026-11-28';
const receipt = (batchId: string, quantity = 100, expiryDate = '2027-01-19'): ReceiveStock => ({
  type: 'ReceiveStock',
  ...at,
  batchId,
  quantity,
  producer: 'COOP-GX-PEAR',
  origin: { village: '东古城镇前屯村' },
  harvestDate: '2026-11-20',
  expiryDate,
  grade: '一级',
  inspection: { result: 'pass', testId: 'NC-1' },
  cost: { per: 1000, fen: 600 },
});
const run = (history: StockEvent[], ...commands: StockCommand[]) => decideAll(stockDecider, history, ...commands);
const ordinary = run([], receipt('B-1'));

describe.each(PROTOTYPE_KEYS)('stock: %s is an ordinary id', (key) => {
  it('is a batch that does not exist until received', () => {
    given(stockDecider, ordinary)
      .when({ type: 'WriteOff', ...at, batchId: key, quantity: 1, reason: 'damage' })
      .thenFails('NOT_FOUND', 'batchId');
    given(stockDecider, ordinary)
      .when({ type: 'AdjustStock', ...at, batchId: key, delta: 1, reason: 'count' })
      .thenFails('NOT_FOUND', 'batchId');
    given(stockDecider, ordinary)
      .when({ type: 'ClearInspection', ...at, batchId: key, inspection: { result: 'pass' } })
      .thenFails('NOT_FOUND', 'batchId');
  });

  it('is a holder that holds nothing until it reserves', () => {
    given(stockDecider, ordinary)
      .when({ type: 'ReleaseReservation', ...at, holder: key, reason: 'x' })
      .thenFails('NOT_FOUND', 'holder');
    given(stockDecider, ordinary)
      .when({ type: 'AllocateStock', ...at, holder: key })
      .thenFails('NOT_FOUND', 'holder');
    given(stockDecider, ordinary)
      .when({ type: 'IssueStock', ...at, holder: key, reason: 'x' })
      .thenFails('INVALID_STATE', 'holder');
    given(stockDecider, ordinary)
      .when({ type: 'TransferOut', ...at, transferId: 'T-1', to: 'LC-MKT', holder: key })
      .thenFails('INVALID_STATE', 'holder');
  });

  it('is a transfer id not yet sent or received', () => {
    const sent = run(ordinary, { type: 'TransferOut', ...at, transferId: key, to: 'LC-MKT', quantity: 10 });
    expect(sent.at(-1)).toMatchObject({ type: 'StockTransferredOut', data: { transferId: key } });
    given(stockDecider, sent)
      .when({ type: 'TransferOut', ...at, transferId: key, to: 'LC-MKT', quantity: 10 })
      .thenFails('ALREADY_EXISTS', 'transferId');
    const sentPick =
      sent.at(-1)?.type === 'StockTransferredOut'
        ? (sent.at(-1) as Extract<StockEvent, { type: 'StockTransferredOut' }>).data.picks
        : [];
    const into = { ...at, warehouse: 'LC-MKT' };
    const received = run([], { type: 'TransferIn', ...into, transferId: key, from: at.warehouse, sent: sentPick });
    given(stockDecider, received)
      .when({ type: 'TransferIn', ...into, transferId: key, from: at.warehouse, sent: sentPick })
      .thenFails('ALREADY_DECIDED', 'transferId');
  });

  it('works as a batch and a holder like any other name', () => {
    const history = run(
      ordinary,
      receipt(key, 50, '2027-01-20'),
      { type: 'ClearInspection', ...at, batchId: key, inspection: { result: 'pass', testId: 'NC-2' } },
      { type: 'ReserveStock', ...at, holder: key, holderKind: 'order', quantity: 120 },
      { type: 'AllocateStock', ...at, holder: key },
      { type: 'IssueStock', ...at, holder: key, reason: 'sold' },
      { type: 'WriteOff', ...at, batchId: key, quantity: 5, reason: 'damage' },
      { type: 'AdjustStock', ...at, batchId: key, delta: 2, reason: 'count' },
    );
    given(stockDecider, history).when(receipt(key)).thenFails('ALREADY_EXISTS', 'batchId');
    const state = fold(stockDecider, history);
    expect(Object.getPrototypeOf(state.batches)).toBe(Object.prototype);
    expect(Object.keys(state.batches).sort()).toEqual(['B-1', key].sort());
    // FEFO took B-1 (expiring first) (100), then 20 of this one; 5 written off, 2 found.
    expect(own(state.batches, key)).toMatchObject({
      batchId: key,
      onHand: 27,
      allocated: 0,
      inspection: { testId: 'NC-2' },
    });
    expect(state.reservations).toEqual({});
    expect(availableOf(state, TODAY)).toBe(27);
  });

  it('keeps the read models whole, through JSON as stored', () => {
    const history = run(
      ordinary,
      receipt(key, 50, '2027-01-20'),
      { type: 'ReserveStock', ...at, holder: key, holderKind: 'order', quantity: 30 },
      { type: 'AllocateStock', ...at, holder: key, quantity: 30 },
    );
    let level: StockLevelDoc | null = null;
    let batch = null;
    let reservation = null;
    for (const event of history) {
      level = JSON.parse(JSON.stringify(evolveStockLevel(level, event, at.now))) as StockLevelDoc;
      batch = evolveStockBatch(batch, event, key);
      reservation = evolveStockReservation(reservation, event);
    }
    expect(level?.batches.map((b) => b.batchId).sort()).toEqual(['B-1', key].sort());
    expect(level?.reservations).toEqual([expect.objectContaining({ holder: key, quantity: 0, picks: { 'B-1': 30 } })]);
    expect(own(stockStateOf(level).batches, key)?.onHand).toBe(50);
    expect(batch).toMatchObject({ batchId: key, onHand: 50, allocated: 0 });
    expect(reservation).toMatchObject({ holder: key, allocated: 30 });
  });
});
