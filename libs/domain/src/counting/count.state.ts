import { valueAtCost } from '../catalog/sku';
import { putOwn, withOwn } from '../shared/own-keys';
import { countLineKey, type CountEvent, type CountLine, type CountStatus } from './count.events';

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

/** Variance of a line in base units: positive when more was found than the book says. */
export const varianceOf = (line: Pick<CountLine, 'counted' | 'book'>): number => line.counted - line.book;

/** Variance of a line in fen at the batch's cost (signed). */
export const varianceValueOf = (line: Pick<CountLine, 'counted' | 'book' | 'cost'>): number =>
  valueAtCost(varianceOf(line), line.cost);

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
      return {
        ...initialCountState,
        status: 'open',
        countId: event.data.countId,
        warehouse: event.data.warehouse,
        skus: event.data.skus,
      };
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
      return {
        ...state,
        adjustments: withOwn(state.adjustments, countLineKey(event.data.sku, event.data.batchId), 'posted'),
      };
    case 'CountAdjustmentBlocked':
      return {
        ...state,
        adjustments: withOwn(state.adjustments, countLineKey(event.data.sku, event.data.batchId), 'blocked'),
      };
    case 'CountCancelled':
      return { ...state, status: 'cancelled' };
    default:
      return state;
  }
}
