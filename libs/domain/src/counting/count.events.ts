import type { UnitCost } from '../catalog/sku';

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
  | {
      type: 'CountOpened';
      data: { countId: string; warehouse: string; skus: string[]; openedBy: string; openedAt: string };
    }
  | { type: 'CountLinesRecorded'; data: { countId: string; lines: CountLine[] } }
  | { type: 'CountSubmitted'; data: { countId: string; submittedBy: string; submittedAt: string } }
  /** First of two approvals a large variance needs; `varianceValue` is the total absolute variance in fen. */
  | {
      type: 'CountApprovalRecorded';
      data: { countId: string; by: string; at: string; varianceValue: number; threshold: number };
    }
  | {
      type: 'CountApproved';
      data: {
        countId: string;
        warehouse: string;
        by: string;
        at: string;
        approvers: string[];
        varianceValue: number;
        adjustments: CountAdjustment[];
      };
    }
  | {
      type: 'CountAdjustmentPosted';
      data: { countId: string; sku: string; batchId: string; delta: number; value: number };
    }
  /** The ledger refused the adjustment (e.g. the stock is promised to holders); `reason` is its message. */
  | {
      type: 'CountAdjustmentBlocked';
      data: { countId: string; sku: string; batchId: string; delta: number; code: string; reason: string };
    }
  | { type: 'CountCancelled'; data: { countId: string; by: string; at: string; reason?: string } };

/** Stream of one stock count: `count-<countId>`. */
export const countStream = (countId: string): string => `count-${countId}`;

/** Key of a count line: one per SKU and batch. */
export const countLineKey = (sku: string, batchId: string): string => `${sku}|${batchId}`;
