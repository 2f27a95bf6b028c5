import { given } from '@gx/testing';
import { countDecider, type CountCommand, type CountLineInput } from './count.decide';
import type { CountEvent } from './count.events';

const C = 'C-0123456789ab';
const T0 = '2026-11-28T02:00:00.000Z';
const T1 = '2026-11-28T03:00:00.000Z';
const PEAR_COST = { per: 1000, fen: 600 };

const opened: CountEvent = {
  type: 'CountOpened',
  data: { countId: C, warehouse: 'LC-HUB-DCF', skus: ['SKU-EGG', 'SKU-PEAR-GX'], openedBy: 'operator1', openedAt: T0 },
};
const line = (overrides: Partial<CountLineInput> = {}): CountLineInput => ({
  sku: 'SKU-PEAR-GX',
  batchId: 'B-1',
  counted: 9_000,
  book: 10_000,
  cost: PEAR_COST,
  ...overrides,
});
const recordLines = (...lines: CountLineInput[]): CountCommand => ({
  type: 'RecordCountLines',
  countId: C,
  lines,
  by: 'counter1',
  now: T1,
});
const recorded = (...lines: CountLineInput[]): CountEvent => ({
  type: 'CountLinesRecorded',
  data: { countId: C, lines: lines.map((l) => ({ ...l, countedBy: 'counter1', countedAt: T1 })) },
});
const submitted: CountEvent = {
  type: 'CountSubmitted',
  data: { countId: C, submittedBy: 'counter1', submittedAt: T1 },
};
const approve = (by: string, threshold = 50_000): CountCommand => ({
  type: 'ApproveCount',
  countId: C,
  by,
  now: T1,
  threshold,
});
/** A 1 kg pear shortfall at ¥6/kg: 600 fen. */
const smallShortfall = [opened, recorded(line()), submitted];
/** 100 kg of pears missing: 60 000 fen, above the ¥500 default threshold. */
const largeShortfall = [opened, recorded(line({ counted: 0, book: 100_000 })), submitted];
const approvedLarge: CountEvent = {
  type: 'CountApproved',
  data: {
    countId: C,
    warehouse: 'LC-HUB-DCF',
    by: 'operator2',
    at: T1,
    approvers: ['operator1', 'operator2'],
    varianceValue: 60_000,
    adjustments: [{ sku: 'SKU-PEAR-GX', batchId: 'B-1', delta: -100_000, value: -60_000 }],
  },
};

describe('count: opening', () => {
  it('opens a count of the named SKUs, listed once and sorted', () => {
    given(countDecider)
      .when({
        type: 'OpenCount',
        countId: C,
        warehouse: 'LC-HUB-DCF',
        skus: ['SKU-PEAR-GX', 'SKU-EGG', 'SKU-PEAR-GX'],
        openedBy: 'operator1',
        now: T0,
      })
      .then([opened]);
  });
  it('refuses a count with nothing to count', () => {
    given(countDecider)
      .when({ type: 'OpenCount', countId: C, warehouse: 'LC-HUB-DCF', skus: [], openedBy: 'operator1', now: T0 })
      .thenFails('INVALID_STATE', 'skus');
  });
  it('refuses to open the same count twice', () => {
    given(countDecider, [opened])
      .when({
        type: 'OpenCount',
        countId: C,
        warehouse: 'LC-HUB-DCF',
        skus: ['SKU-EGG'],
        openedBy: 'operator1',
        now: T0,
      })
      .thenFails('ALREADY_EXISTS');
  });
});

describe('count: entering lines', () => {
  it('records each line with its book figure, who counted it and when', () => {
    given(countDecider, [opened])
      .when(
        recordLines(line(), line({ sku: 'SKU-EGG', batchId: 'B-E', counted: 30, book: 30, cost: { per: 1, fen: 60 } })),
      )
      .then([
        recorded(line(), line({ sku: 'SKU-EGG', batchId: 'B-E', counted: 30, book: 30, cost: { per: 1, fen: 60 } })),
      ]);
  });
  it('a recount replaces the earlier line with a fresh book figure', () => {
    const state = [opened, recorded(line()), recorded(line({ counted: 9_500, book: 9_800 }))].reduce(
      countDecider.evolve,
      countDecider.initialState,
    );
    expect(Object.values(state.lines)).toEqual([expect.objectContaining({ counted: 9_500, book: 9_800 })]);
  });
  it('refuses a SKU that is not part of the count, naming the line', () => {
    given(countDecider, [opened])
      .when(recordLines(line(), line({ sku: 'SKU-MELON-SX' })))
      .thenFails('UNKNOWN_SKU', 'lines.1.sku');
  });
  it.each([-1, 1.5, Number.NaN])('refuses a counted quantity of %p', (counted) => {
    given(countDecider, [opened])
      .when(recordLines(line({ counted })))
      .thenFails('INVALID_STATE', 'lines.0.countedBase');
  });
  it('accepts a counted quantity of zero (nothing found)', () => {
    given(countDecider, [opened])
      .when(recordLines(line({ counted: 0 })))
      .then([recorded(line({ counted: 0 }))]);
  });
  it('refuses the same batch twice in one entry', () => {
    given(countDecider, [opened]).when(recordLines(line(), line())).thenFails('INVALID_STATE', 'lines.1.batchId');
  });
  it('refuses an empty entry', () => {
    given(countDecider, [opened]).when(recordLines()).thenFails('INVALID_STATE', 'lines');
  });
  it('refuses lines for an unknown count', () => {
    given(countDecider).when(recordLines(line())).thenFails('NOT_FOUND');
  });
  it('locks the lines once the count is submitted', () => {
    given(countDecider, smallShortfall).when(recordLines(line())).thenFails('INVALID_STATE');
  });
});

describe('count: submitting', () => {
  it('submits a count with lines', () => {
    given(countDecider, [opened, recorded(line())])
      .when({ type: 'SubmitCount', countId: C, by: 'counter1', now: T1 })
      .then([submitted]);
  });
  it('refuses to submit a count without lines', () => {
    given(countDecider, [opened])
      .when({ type: 'SubmitCount', countId: C, by: 'counter1', now: T1 })
      .thenFails('INVALID_STATE', 'lines');
  });
  it('refuses to submit twice', () => {
    given(countDecider, smallShortfall)
      .when({ type: 'SubmitCount', countId: C, by: 'counter1', now: T1 })
      .thenFails('INVALID_STATE');
  });
});

describe('count: approval', () => {
  it('approves a variance at or below the threshold with one operator, posting the non-zero lines', () => {
    given(countDecider, [opened, recorded(line(), line({ batchId: 'B-2', counted: 5, book: 5 })), submitted])
      .when(approve('operator1', 600))
      .then([
        {
          type: 'CountApproved',
          data: {
            countId: C,
            warehouse: 'LC-HUB-DCF',
            by: 'operator1',
            at: T1,
            approvers: ['operator1'],
            varianceValue: 600,
            adjustments: [{ sku: 'SKU-PEAR-GX', batchId: 'B-1', delta: -1_000, value: -600 }],
          },
        },
      ]);
  });
  it('sums gains and losses as absolute values against the threshold', () => {
    const history = [opened, recorded(line({ counted: 11_000 }), line({ batchId: 'B-2', counted: 9_000 })), submitted];
    given(countDecider, history)
      .when(approve('operator1', 1_199))
      .then([
        {
          type: 'CountApprovalRecorded',
          data: { countId: C, by: 'operator1', at: T1, varianceValue: 1_200, threshold: 1_199 },
        },
      ]);
  });
  it('above the threshold, the first approval only records it', () => {
    given(countDecider, largeShortfall)
      .when(approve('operator1'))
      .then([
        {
          type: 'CountApprovalRecorded',
          data: { countId: C, by: 'operator1', at: T1, varianceValue: 60_000, threshold: 50_000 },
        },
      ]);
  });
  it('above the threshold, a second, different operator approves', () => {
    const first = countDecider.decide(
      approve('operator1'),
      largeShortfall.reduce(countDecider.evolve, countDecider.initialState),
    );
    given(countDecider, [...largeShortfall, ...first])
      .when(approve('operator2'))
      .then([approvedLarge]);
  });
  it('above the threshold, the same operator cannot approve twice', () => {
    const first = countDecider.decide(
      approve('operator1'),
      largeShortfall.reduce(countDecider.evolve, countDecider.initialState),
    );
    given(countDecider, [...largeShortfall, ...first])
      .when(approve('operator1'))
      .thenFails('FORBIDDEN');
  });
  it('refuses to approve an open count', () => {
    given(countDecider, [opened, recorded(line())])
      .when(approve('operator1'))
      .thenFails('INVALID_STATE');
  });
  it('refuses to approve an approved count again', () => {
    given(countDecider, [...largeShortfall, approvedLarge])
      .when(approve('operator3'))
      .thenFails('ALREADY_DECIDED');
  });
  it('refuses to approve an unknown count', () => {
    given(countDecider).when(approve('operator1')).thenFails('NOT_FOUND');
  });
});

describe('count: adjustment outcomes', () => {
  const posted = (): CountCommand => ({
    type: 'RecordAdjustmentPosted',
    countId: C,
    sku: 'SKU-PEAR-GX',
    batchId: 'B-1',
  });
  const blocked = (): CountCommand => ({
    type: 'RecordAdjustmentBlocked',
    countId: C,
    sku: 'SKU-PEAR-GX',
    batchId: 'B-1',
    code: 'INSUFFICIENT_STOCK',
    reason: 'removing 100000 would leave reservations uncovered; release them first',
  });
  const postedEvent: CountEvent = {
    type: 'CountAdjustmentPosted',
    data: { countId: C, sku: 'SKU-PEAR-GX', batchId: 'B-1', delta: -100_000, value: -60_000 },
  };
  const blockedEvent: CountEvent = {
    type: 'CountAdjustmentBlocked',
    data: {
      countId: C,
      sku: 'SKU-PEAR-GX',
      batchId: 'B-1',
      delta: -100_000,
      code: 'INSUFFICIENT_STOCK',
      reason: 'removing 100000 would leave reservations uncovered; release them first',
    },
  };
  const approved = [...largeShortfall, approvedLarge];

  it('records a posted adjustment once', () => {
    given(countDecider, approved).when(posted()).then([postedEvent]);
    given(countDecider, [...approved, postedEvent])
      .when(posted())
      .then([]);
  });
  it('records a blocked adjustment with the ledger’s reason, once', () => {
    given(countDecider, approved).when(blocked()).then([blockedEvent]);
    given(countDecider, [...approved, blockedEvent])
      .when(blocked())
      .then([]);
  });
  it('a blocked adjustment that later goes through is recorded as posted; a posted one never becomes blocked', () => {
    given(countDecider, [...approved, blockedEvent])
      .when(posted())
      .then([postedEvent]);
    given(countDecider, [...approved, postedEvent])
      .when(blocked())
      .then([]);
  });
  it('refuses an outcome for a batch the approval did not adjust', () => {
    given(countDecider, approved)
      .when({ type: 'RecordAdjustmentPosted', countId: C, sku: 'SKU-PEAR-GX', batchId: 'B-9' })
      .thenFails('NOT_FOUND');
  });
  it('refuses an outcome before approval', () => {
    given(countDecider, largeShortfall).when(posted()).thenFails('INVALID_STATE');
  });
});

describe('count: cancelling', () => {
  const cancel: CountCommand = { type: 'CancelCount', countId: C, by: 'operator1', now: T1, reason: 'wrong warehouse' };
  it('cancels an open or submitted count', () => {
    const cancelled: CountEvent = {
      type: 'CountCancelled',
      data: { countId: C, by: 'operator1', at: T1, reason: 'wrong warehouse' },
    };
    given(countDecider, [opened]).when(cancel).then([cancelled]);
    given(countDecider, smallShortfall).when(cancel).then([cancelled]);
  });
  it('refuses to cancel an approved count, and to approve a cancelled one', () => {
    given(countDecider, [...largeShortfall, approvedLarge])
      .when(cancel)
      .thenFails('ALREADY_DECIDED');
    given(countDecider, [...smallShortfall, { type: 'CountCancelled', data: { countId: C, by: 'operator1', at: T1 } }])
      .when(approve('operator1'))
      .thenFails('ALREADY_DECIDED');
  });
});
