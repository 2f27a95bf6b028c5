import type { CountEvent } from '../count.events';
import { evolveCountDoc, type CountDoc } from './count-doc';

const C = 'C-0123456789ab';
const at = (minute: number): string => `2026-11-28T02:${String(minute).padStart(2, '0')}:00.000Z`;
const cost = { per: 1000, fen: 600 };
const counted = (batchId: string, counted: number, book: number, minute: number) => ({
  sku: 'SKU-PEAR-GX',
  batchId,
  counted,
  book,
  cost,
  countedBy: 'counter1',
  countedAt: at(minute),
});

const history: CountEvent[] = [
  {
    type: 'CountOpened',
    data: { countId: C, warehouse: 'LC-HUB-DCF', skus: ['SKU-PEAR-GX'], openedBy: 'operator1', openedAt: at(0) },
  },
  {
    type: 'CountLinesRecorded',
    data: { countId: C, lines: [counted('B-2', 5_000, 4_000, 1), counted('B-1', 9_000, 10_000, 1)] },
  },
  { type: 'CountLinesRecorded', data: { countId: C, lines: [counted('B-1', 8_000, 10_000, 2)] } },
  { type: 'CountSubmitted', data: { countId: C, submittedBy: 'counter1', submittedAt: at(3) } },
  {
    type: 'CountApprovalRecorded',
    data: { countId: C, by: 'operator1', at: at(4), varianceValue: 1_800, threshold: 1_000 },
  },
  {
    type: 'CountApproved',
    data: {
      countId: C,
      warehouse: 'LC-HUB-DCF',
      by: 'operator2',
      at: at(5),
      approvers: ['operator1', 'operator2'],
      varianceValue: 1_800,
      adjustments: [
        { sku: 'SKU-PEAR-GX', batchId: 'B-1', delta: -2_000, value: -1_200 },
        { sku: 'SKU-PEAR-GX', batchId: 'B-2', delta: 1_000, value: 600 },
      ],
    },
  },
  { type: 'CountAdjustmentPosted', data: { countId: C, sku: 'SKU-PEAR-GX', batchId: 'B-2', delta: 1_000, value: 600 } },
  {
    type: 'CountAdjustmentBlocked',
    data: {
      countId: C,
      sku: 'SKU-PEAR-GX',
      batchId: 'B-1',
      delta: -2_000,
      code: 'INSUFFICIENT_STOCK',
      reason: 'promised to holders',
    },
  },
];

const fold = (events: CountEvent[]): CountDoc | null =>
  events.reduce<CountDoc | null>((doc, e, i) => evolveCountDoc(doc, e, at(10 + i)), null);

describe('read model counts', () => {
  it('shows book vs counted vs variance per line, the recount replacing the first count, with totals', () => {
    const doc = fold(history.slice(0, 4));
    expect(doc?.status).toBe('submitted');
    expect(doc?.lines).toEqual([
      expect.objectContaining({
        batchId: 'B-1',
        counted: 8_000,
        book: 10_000,
        variance: -2_000,
        varianceValue: -1_200,
        countedAt: at(2),
      }),
      expect.objectContaining({ batchId: 'B-2', counted: 5_000, book: 4_000, variance: 1_000, varianceValue: 600 }),
    ]);
    expect(doc?.totals).toEqual({
      lines: 2,
      counted: 13_000,
      book: 14_000,
      variance: -1_000,
      gainValue: 600,
      lossValue: 1_200,
      netValue: -600,
      absoluteValue: 1_800,
    });
  });

  it('shows both approvals and the posted and blocked adjustment of each line', () => {
    const doc = fold(history);
    expect(doc).toMatchObject({
      status: 'approved',
      approvedAt: at(5),
      approvals: [
        { by: 'operator1', at: at(4) },
        { by: 'operator2', at: at(5) },
      ],
      adjustments: { pending: 0, posted: 1, blocked: 1 },
    });
    expect(doc?.lines.map((l) => l.adjustment)).toEqual([
      { status: 'blocked', delta: -2_000, value: -1_200, code: 'INSUFFICIENT_STOCK', reason: 'promised to holders' },
      { status: 'posted', delta: 1_000, value: 600 },
    ]);
  });

  it('is pure: the same event applied to the same document gives the same document, leaving the input untouched', () => {
    for (let i = 1; i < history.length; i++) {
      const before = fold(history.slice(0, i));
      const snapshot = structuredClone(before);
      const once = evolveCountDoc(before, history[i], at(50));
      expect(evolveCountDoc(before, history[i], at(50))).toEqual(once);
      expect(before).toEqual(snapshot);
    }
  });

  it('ignores events of a count it never saw opened', () => {
    expect(evolveCountDoc(null, history[1], at(1))).toBeNull();
  });
});
