import { valueAtCost, type UnitCost } from '../catalog/sku';
import { putOwn, withOwn } from '../shared/own-keys';

/** Where a stock count stands: lines are entered while open and locked once submitted. */
export const COUNT_STATUSES = ['open', 'submitted', 'approval_pending', 'approved', 'cancelled'] as const;
export type CountStatus = (typeof COUNT_STATUSES)[number];

/**
 * One counted batch: what the counter found (`counted`) and the book figure of that batch at the
 * moment the line was entered (`book`), valued at the batch's cost.
 */
export interface CountLine {
  sku: string;
  batchId: string;
  counted: number;
  book: number;
  cost: UnitCost;
  countedBy: string;
  countedAt: string;
}

/** A correction an approved count posts to one batch: `delta = counted − book`, `value` at cost in fen. */
export interface CountAdjustment {
  sku: string;
  batchId: string;
  delta: number;
  value: number;
}

export type CountEvent =
  | { type: 'CountOpened'; data: { countId: string; warehouse: string; skus: string[]; openedBy: string; openedAt: string } }
  | { type: 'CountLinesRecorded'; data: { countId: string; lines: CountLine[] } }
  | { type: 'CountSubmitted'; data: { countId: string; submittedBy: string; submittedAt: string } }
  /** First of two approvals a large variance needs; `varianceValue` is the total absolute variance in fen. */
  | { type: 'CountApprovalRecorded'; data: { countId: string; by: string; at: string; varianceValue: number; threshold: number } }
  | {
      type: 'CountApproved';
      data: { countId: string; warehouse: string; by: string; at: string; approvers: string[]; varianceValue: number; adjustments: CountAdjustment[] };
    }
  | { type: 'CountAdjustmentPosted'; data: { countId: string; sku: string; batchId: string; delta: number; value: number } }
  /** The ledger refused the adjustment (e.g. the stock is promised to holders); `reason` is its message. */
  | { type: 'CountAdjustmentBlocked'; data: { countId: string; sku: string; batchId: string; delta: number; code: string; reason: string } }
  | { type: 'CountCancelled'; data: { countId: string; by: string; at: string; reason?: string } };

/** What became of one approved adjustment on the ledger. */
export type AdjustmentOutcome = 'pending' | 'posted' | 'blocked';

/** The stock count of `count-<countId>` as its decider sees it. */
export interface CountState {
  status: 'none' | CountStatus;
  countId: string;
  warehouse: string;
  skus: string[];
  /** Latest line per batch, by {@link countLineKey}: a recount replaces the earlier line. */
  lines: Record<string, CountLine>;
  /** Operators who approved so far, in order. */
  approvers: string[];
  /** Outcome of each approved adjustment, by {@link countLineKey}. */
  adjustments: Record<string, AdjustmentOutcome>;
}

export const initialCountState: CountState = {
  status: 'none',
  countId: '',
  warehouse: '',
  skus: [],
  lines: {},
  approvers: [],
  adjustments: {},
};

/** Stream of one stock count: `count-<countId>`. */
export const countStream = (countId: string): string => `count-${countId}`;

/** Key of a count line: one per SKU and batch. */
export const countLineKey = (sku: string, batchId: string): string => `${sku}|${batchId}`;

/** Variance of a line in base units: positive when more was found than the book says. */
export const varianceOf = (line: Pick<CountLine, 'counted' | 'book'>): number => line.counted - line.book;

/** Variance of a line in fen at the batch's cost (signed). */
export const varianceValueOf = (line: Pick<CountLine, 'counted' | 'book' | 'cost'>): number => valueAtCost(varianceOf(line), line.cost);

/** Total absolute variance value (fen) of the lines: what decides whether a second approval is needed. */
export function absoluteVarianceValue(lines: Iterable<Pick<CountLine, 'counted' | 'book' | 'cost'>>): number {
  let total = 0;
  for (const line of lines) total += Math.abs(varianceValueOf(line));
  return total;
}

/** Fold one count event; unknown event types leave the state unchanged. */
export function evolveCount(state: CountState, event: CountEvent): CountState {
  switch (event.type) {
    case 'CountOpened':
      return { ...initialCountState, status: 'open', countId: event.data.countId, warehouse: event.data.warehouse, skus: event.data.skus };
    case 'CountLinesRecorded': {
      const lines = { ...state.lines };
      for (const line of event.data.lines) putOwn(lines, countLineKey(line.sku, line.batchId), line);
      return { ...state, lines };
    }
    case 'CountSubmitted':
      return { ...state, status: 'submitted' };
    case 'CountApprovalRecorded':
      return { ...state, status: 'approval_pending', approvers: [...state.approvers, event.data.by] };
    case 'CountApproved': {
      const adjustments: Record<string, AdjustmentOutcome> = {};
      for (const a of event.data.adjustments) putOwn(adjustments, countLineKey(a.sku, a.batchId), 'pending');
      return { ...state, status: 'approved', approvers: event.data.approvers, adjustments };
    }
    case 'CountAdjustmentPosted':
      return { ...state, adjustments: withOwn(state.adjustments, countLineKey(event.data.sku, event.data.batchId), 'posted') };
    case 'CountAdjustmentBlocked':
      return { ...state, adjustments: withOwn(state.adjustments, countLineKey(event.data.sku, event.data.batchId), 'blocked') };
    case 'CountCancelled':
      return { ...state, status: 'cancelled' };
    default:
      return state;
  }
}
