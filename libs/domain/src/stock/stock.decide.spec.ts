import { decideAll, given } from '@gx/testing';
import { fold as foldEvents } from '../shared/decider';
import { stockDecider, type ReceiveStock, type StockCommand } from './stock.decide';
import type { StockEvent } from './stock.events';
import { isSellable } from './stock.rules';
import { availableOf } from './stock.rules';

const at = { sku: 'SKU-PEAR-GX', warehouse: 'LC-HUB-DCF', now: '2026-11-28T02:00:00.000Z' };
const TODAY = '2026-11-28';

const receipt = (overrides: Partial<ReceiveStock> = {}): ReceiveStock => ({
  type: 'ReceiveStock',
  ...at,
  batchId: 'B-1',
  quantity: 50_000,
  producer: 'COOP-GX-PEAR',
  origin: { village: '东古城镇前屯村', plot: 'A-3' },
  harvestDate: '2026-11-20',
  expiryDate: '2027-01-19',
  grade: '一级',
  inspection: { result: 'pass', testId: 'NC-2026-1120-07' },
  cost: { per: 1000, fen: 600 },
  ...overrides,
});

/** The event a receipt produces (a fact in a history). */
const received = (overrides: Partial<ReceiveStock> = {}): StockEvent =>
  stockDecider.decide(receipt(overrides), stockDecider.initialState)[0];
const reserved = (holder: string, quantity: number): StockEvent => ({
  type: 'StockReserved',
  data: { sku: at.sku, warehouse: at.warehouse, holder, holderKind: 'order', quantity, reservedAt: at.now },
});
const fold = (events: StockEvent[]) => foldEvents(stockDecider, events);
const run = (history: StockEvent[], ...commands: StockCommand[]) => decideAll(stockDecider, history, ...commands);

describe('stock: receiving a batch', () => {
  it('records the batch with all its facts', () => {
    const { type: _t, now, ...data } = receipt();
    given(stockDecider)
      .when(receipt())
      .then([{ type: 'StockReceived', data: { ...data, receivedAt: now } }]);
  });
  it('refuses to receive the same batch twice', () => {
    given(stockDecider, [received()]).when(receipt()).thenFails('ALREADY_EXISTS', 'batchId');
  });
  it.each([0, -5, 1.5, Number.NaN])('refuses quantity %p', (quantity) => {
    given(stockDecider).when(receipt({ quantity })).thenFails('INVALID_STATE', 'quantityBase');
  });
  it('refuses an expiry date before the harvest date', () => {
    given(stockDecider)
      .when(receipt({ expiryDate: '2026-11-19' }))
      .thenFails('INVALID_DATES', 'expiryDate');
  });
});

describe('stock: sellable batches', () => {
  it('is sellable only when inspected as passed and not expired', () => {
    expect(isSellable({ inspection: { result: 'pass' }, expiryDate: '2026-12-01' }, '2026-12-01')).toBe(true);
    expect(isSellable({ inspection: { result: 'pass' }, expiryDate: '2026-11-30' }, '2026-12-01')).toBe(false);
    expect(isSellable({ inspection: { result: 'fail' }, expiryDate: '2027-01-01' }, '2026-12-01')).toBe(false);
    expect(isSellable({ inspection: { result: 'missing' }, expiryDate: '2027-01-01' }, '2026-12-01')).toBe(false);
  });
  it('counts only sellable, unallocated stock minus reservations as available', () => {
    const state = fold([
      received({ quantity: 100 }),
      received({ batchId: 'B-expired', quantity: 40, harvestDate: '2026-10-01', expiryDate: '2026-11-27' }),
      received({ batchId: 'B-failed', quantity: 30, inspection: { result: 'fail' } }),
      reserved('order-1', 25),
    ]);
    expect(state.onHand).toBe(170);
    expect(availableOf(state, TODAY)).toBe(75);
  });
  it('clearing a failed inspection makes the batch sellable', () => {
    const history = run([received({ quantity: 10, inspection: { result: 'missing' } })], {
      type: 'ClearInspection',
      ...at,
      batchId: 'B-1',
      inspection: { result: 'pass', testId: 'NC-2' },
    });
    expect(availableOf(fold(history), TODAY)).toBe(10);
  });
});

describe('stock: reservations', () => {
  it('reserves what is available', () => {
    given(stockDecider, [received({ quantity: 10 })])
      .when({ type: 'ReserveStock', ...at, holder: 'order-1', holderKind: 'order', quantity: 10 })
      .then([reserved('order-1', 10)]);
  });
  it('never reserves more than is available', () => {
    given(stockDecider, [received({ quantity: 10 }), reserved('order-1', 6)])
      .when({ type: 'ReserveStock', ...at, holder: 'order-2', holderKind: 'order', quantity: 5 })
      .thenFails('INSUFFICIENT_STOCK', 'quantityBase');
  });
  it('never reserves expired or uninspected stock', () => {
    given(stockDecider, [received({ quantity: 10, inspection: { result: 'missing' } })])
      .when({ type: 'ReserveStock', ...at, holder: 'order-1', holderKind: 'order', quantity: 1 })
      .thenFails('INSUFFICIENT_STOCK');
  });
  it('releases a reservation back to available', () => {
    const history = run([received({ quantity: 10 }), reserved('order-1', 6)], {
      type: 'ReleaseReservation',
      ...at,
      holder: 'order-1',
      reason: 'expired',
    });
    const state = fold(history);
    expect(availableOf(state, TODAY)).toBe(10);
    expect(state.reservations['order-1']).toBeUndefined();
  });
  it('refuses to release what a holder does not hold', () => {
    given(stockDecider, [received({ quantity: 10 })])
      .when({ type: 'ReleaseReservation', ...at, holder: 'nobody', reason: 'x' })
      .thenFails('NOT_FOUND', 'holder');
    given(stockDecider, [received({ quantity: 10 }), reserved('o', 2)])
      .when({ type: 'ReleaseReservation', ...at, holder: 'o', quantity: 3, reason: 'x' })
      .thenFails('INVALID_STATE', 'quantityBase');
  });
});

describe('stock: allocation and issue', () => {
  const batches = [
    received({ batchId: 'B-late', quantity: 50, expiryDate: '2027-02-01' }),
    received({ batchId: 'B-early', quantity: 30, expiryDate: '2026-12-10' }),
    received({ batchId: 'B-expired', quantity: 100, harvestDate: '2026-10-01', expiryDate: '2026-11-01' }),
    received({ batchId: 'B-uninspected', quantity: 100, expiryDate: '2026-12-01', inspection: { result: 'missing' } }),
  ];

  it('allocates first expiry first out, skipping expired and uninspected batches', () => {
    given(stockDecider, [...batches, reserved('order-1', 40)])
      .when({ type: 'AllocateStock', ...at, holder: 'order-1' })
      .then([
        {
          type: 'StockAllocated',
          data: {
            sku: at.sku,
            warehouse: at.warehouse,
            holder: 'order-1',
            picks: [
              { batchId: 'B-early', quantity: 30 },
              { batchId: 'B-late', quantity: 10 },
            ],
          },
        },
      ]);
  });

  it('refuses an allocation when sellable batches hold too little (a batch expired since the reservation)', () => {
    const history = [received({ batchId: 'B-short', quantity: 10, expiryDate: '2026-11-28' }), reserved('order-1', 10)];
    given(stockDecider, history)
      .when({ type: 'AllocateStock', ...at, holder: 'order-1', now: '2026-11-29T02:00:00.000Z' })
      .thenFails('INSUFFICIENT_STOCK');
  });

  it('issues exactly the allocated picks and leaves the rest available', () => {
    const history = run(
      [...batches, reserved('order-1', 40)],
      { type: 'AllocateStock', ...at, holder: 'order-1' },
      { type: 'IssueStock', ...at, holder: 'order-1', reason: 'shipped' },
    );
    const state = fold(history);
    expect(state.batches['B-early'].onHand).toBe(0);
    expect(state.batches['B-late'].onHand).toBe(40);
    expect(state.reservations['order-1']).toBeUndefined();
    expect(availableOf(state, TODAY)).toBe(40);
    expect(state.allocated).toBe(0);
  });

  it('refuses to issue for a holder with nothing allocated', () => {
    given(stockDecider, [...batches, reserved('order-1', 40)])
      .when({ type: 'IssueStock', ...at, holder: 'order-1', reason: 'x' })
      .thenFails('INVALID_STATE', 'holder');
  });

  it('releasing an allocated holder frees its picks', () => {
    const history = run(
      [...batches, reserved('order-1', 40)],
      { type: 'AllocateStock', ...at, holder: 'order-1' },
      { type: 'ReleaseReservation', ...at, holder: 'order-1', reason: 'cancelled' },
    );
    const state = fold(history);
    expect(state.allocated).toBe(0);
    expect(availableOf(state, TODAY)).toBe(80);
  });
});

describe('stock: transfers', () => {
  it('sends free sellable stock FEFO with the facts of each batch, and refuses the same warehouse', () => {
    const history = [
      received({ batchId: 'B-a', quantity: 5, expiryDate: '2026-12-01' }),
      received({ batchId: 'B-b', quantity: 50 }),
    ];
    const [out] = stockDecider.decide(
      { type: 'TransferOut', ...at, transferId: 'T-1', to: 'LC-VP-DCF-01', quantity: 8 },
      fold(history),
    );
    expect(out.type).toBe('StockTransferredOut');
    const picks = out.type === 'StockTransferredOut' ? out.data.picks : [];
    expect(picks.map((p) => [p.batchId, p.quantity, p.facts.producer])).toEqual([
      ['B-a', 5, 'COOP-GX-PEAR'],
      ['B-b', 3, 'COOP-GX-PEAR'],
    ]);
    given(stockDecider, history)
      .when({ type: 'TransferOut', ...at, transferId: 'T-2', to: at.warehouse, quantity: 1 })
      .thenFails('INVALID_STATE', 'to');
  });

  it('never sends reserved stock', () => {
    given(stockDecider, [received({ quantity: 10 }), reserved('order-1', 8)])
      .when({ type: 'TransferOut', ...at, transferId: 'T-1', to: 'LC-HUB-CP', quantity: 3 })
      .thenFails('INSUFFICIENT_STOCK', 'quantityBase');
  });

  it('sends a holder’s allocated picks (a campaign’s goods to its pickup point)', () => {
    const history = run([received({ quantity: 10 }), reserved('campaign-1', 6)], {
      type: 'AllocateStock',
      ...at,
      holder: 'campaign-1',
    });
    const after = run(history, {
      type: 'TransferOut',
      ...at,
      transferId: 'T-9',
      to: 'LC-VP-DCF-01',
      holder: 'campaign-1',
    });
    const state = fold(after);
    expect(state.onHand).toBe(4);
    expect(state.reservations['campaign-1']).toBeUndefined();
    expect(state.allocated).toBe(0);
  });

  it('receives a transfer once, keeping batch identity and recording what was lost in transit', () => {
    const sent = [{ batchId: 'B-1', quantity: 10, facts: fold([received()]).batches['B-1'] }];
    const dest = { sku: at.sku, warehouse: 'LC-VP-DCF-01', now: at.now };
    const history = run([], {
      type: 'TransferIn',
      ...dest,
      transferId: 'T-1',
      from: at.warehouse,
      sent,
      received: [{ batchId: 'B-1', quantity: 9 }],
    });
    const state = fold(history);
    expect(state.batches['B-1'].onHand).toBe(9);
    expect(history[0]).toMatchObject({ data: { lost: [{ batchId: 'B-1', quantity: 1 }] } });
    given(stockDecider, history)
      .when({ type: 'TransferIn', ...dest, transferId: 'T-1', from: at.warehouse, sent })
      .thenFails('ALREADY_DECIDED');
  });
});

describe('stock: write-offs and adjustments', () => {
  it('writes off spoiled stock of a batch with its reason', () => {
    const history = run([received({ quantity: 10 })], {
      type: 'WriteOff',
      ...at,
      batchId: 'B-1',
      quantity: 4,
      reason: 'spoilage',
      note: '冷库故障',
    });
    expect(fold(history).onHand).toBe(6);
    expect(history[1]).toMatchObject({ type: 'StockWrittenOff', data: { reason: 'spoilage', quantity: 4, value: 2 } });
  });

  it('never writes off stock promised to a holder', () => {
    given(stockDecider, [received({ quantity: 10 }), reserved('order-1', 8)])
      .when({ type: 'WriteOff', ...at, batchId: 'B-1', quantity: 3, reason: 'damage' })
      .thenFails('INSUFFICIENT_STOCK', 'quantityBase');
  });

  it('writes off an expired batch even while other stock is reserved', () => {
    const history = [
      received({ quantity: 10 }),
      received({ batchId: 'B-old', quantity: 5, harvestDate: '2026-10-01', expiryDate: '2026-11-01' }),
      reserved('o', 10),
    ];
    given(stockDecider, history)
      .when({ type: 'WriteOff', ...at, batchId: 'B-old', quantity: 5, reason: 'expiry' })
      .then([
        {
          type: 'StockWrittenOff',
          data: { sku: at.sku, warehouse: at.warehouse, batchId: 'B-old', quantity: 5, value: 3, reason: 'expiry' },
        },
      ]);
  });

  it('adjusts a batch up or down, but never below what is promised', () => {
    const history = run([received({ quantity: 10 })], {
      type: 'AdjustStock',
      ...at,
      batchId: 'B-1',
      delta: -2,
      reason: 'count',
      countId: 'C-1',
    });
    expect(fold(history).onHand).toBe(8);
    given(stockDecider, [received({ quantity: 10 }), reserved('o', 9)])
      .when({ type: 'AdjustStock', ...at, batchId: 'B-1', delta: -2, reason: 'count' })
      .thenFails('INSUFFICIENT_STOCK', 'delta');
    given(stockDecider, [received({ quantity: 10 })])
      .when({ type: 'AdjustStock', ...at, batchId: 'B-x', delta: 1, reason: 'count' })
      .thenFails('NOT_FOUND');
  });
});
