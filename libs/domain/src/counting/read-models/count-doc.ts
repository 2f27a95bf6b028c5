import type { UnitCost } from '../../catalog/sku';
import { countLineKey, type CountEvent, type CountStatus } from '../count.events';
import { varianceOf, varianceValueOf } from '../count.state';

/** What became of a line's adjustment: none needed, waiting for the ledger, posted, or refused. */
export interface CountDocAdjustment {
  status: 'none' | 'pending' | 'posted' | 'blocked';
  delta: number;
  value: number;
  code?: string;
  reason?: string;
}

/** One counted batch with its book figure at counting time and its variance. */
export interface CountDocLine {
  sku: string;
  batchId: string;
  counted: number;
  book: number;
  /** counted − book, base units. */
  variance: number;
  /** Variance at the batch's cost, fen (signed). */
  varianceValue: number;
  cost: UnitCost;
  countedBy: string;
  countedAt: string;
  adjustment?: CountDocAdjustment;
}

/** Sums over a count's lines; values in fen. */
export interface CountTotals {
  lines: number;
  counted: number;
  book: number;
  variance: number;
  gainValue: number;
  lossValue: number;
  netValue: number;
  absoluteValue: number;
}

/** Read model `counts`: one document per stock count. */
export type CountDoc = {
  _id: string;
  countId: string;
  warehouse: string;
  skus: string[];
  status: CountStatus;
  openedBy: string;
  openedAt: string;
  submittedBy?: string;
  submittedAt?: string;
  approvals: Array<{ by: string; at: string }>;
  approvedAt?: string;
  cancelledBy?: string;
  cancelledAt?: string;
  cancelReason?: string;
  lines: CountDocLine[];
  totals: CountTotals;
  /** How many approved adjustments are pending, posted and blocked. */
  adjustments: { pending: number; posted: number; blocked: number };
  updatedAt: string;
};

/** Totals of a count's lines. */
export function countTotals(lines: CountDocLine[]): CountTotals {
  const totals: CountTotals = {
    lines: 0,
    counted: 0,
    book: 0,
    variance: 0,
    gainValue: 0,
    lossValue: 0,
    netValue: 0,
    absoluteValue: 0,
  };
  for (const line of lines) {
    totals.lines += 1;
    totals.counted += line.counted;
    totals.book += line.book;
    totals.variance += line.variance;
    if (line.varianceValue > 0) totals.gainValue += line.varianceValue;
    else totals.lossValue -= line.varianceValue;
  }
  totals.netValue = totals.gainValue - totals.lossValue;
  totals.absoluteValue = totals.gainValue + totals.lossValue;
  return totals;
}

const sortLines = (lines: CountDocLine[]): CountDocLine[] =>
  [...lines].sort((a, b) => a.sku.localeCompare(b.sku) || a.batchId.localeCompare(b.batchId));

function tallyAdjustments(lines: CountDocLine[]): CountDoc['adjustments'] {
  const tally = { pending: 0, posted: 0, blocked: 0 };
  for (const line of lines) {
    const status = line.adjustment?.status;
    if (status && status !== 'none') tally[status] += 1;
  }
  return tally;
}

/** Replace the adjustment of one line. */
function withAdjustment(
  doc: CountDoc,
  sku: string,
  batchId: string,
  adjustment: CountDocAdjustment,
  at: string,
): CountDoc {
  const lines = doc.lines.map((l) => (l.sku === sku && l.batchId === batchId ? { ...l, adjustment } : l));
  return { ...doc, lines, adjustments: tallyAdjustments(lines), updatedAt: at };
}

/** Fold a count event into its document; events of a count never opened leave nothing. */
export function evolveCountDoc(doc: CountDoc | null, event: CountEvent, occurredAt: string): CountDoc | null {
  if (event.type === 'CountOpened') {
    const d = event.data;
    return {
      _id: d.countId,
      countId: d.countId,
      warehouse: d.warehouse,
      skus: d.skus,
      status: 'open',
      openedBy: d.openedBy,
      openedAt: d.openedAt,
      approvals: [],
      lines: [],
      totals: countTotals([]),
      adjustments: { pending: 0, posted: 0, blocked: 0 },
      updatedAt: occurredAt,
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'CountLinesRecorded': {
      const byKey = new Map(doc.lines.map((l) => [countLineKey(l.sku, l.batchId), l]));
      for (const l of event.data.lines) {
        byKey.set(countLineKey(l.sku, l.batchId), { ...l, variance: varianceOf(l), varianceValue: varianceValueOf(l) });
      }
      const lines = sortLines([...byKey.values()]);
      return { ...doc, lines, totals: countTotals(lines), updatedAt: occurredAt };
    }
    case 'CountSubmitted':
      return {
        ...doc,
        status: 'submitted',
        submittedBy: event.data.submittedBy,
        submittedAt: event.data.submittedAt,
        updatedAt: occurredAt,
      };
    case 'CountApprovalRecorded':
      return {
        ...doc,
        status: 'approval_pending',
        approvals: [...doc.approvals, { by: event.data.by, at: event.data.at }],
        updatedAt: occurredAt,
      };
    case 'CountApproved': {
      const pending = new Map(event.data.adjustments.map((a) => [countLineKey(a.sku, a.batchId), a]));
      const lines = doc.lines.map((l): CountDocLine => {
        const a = pending.get(countLineKey(l.sku, l.batchId));
        return {
          ...l,
          adjustment: a
            ? { status: 'pending', delta: a.delta, value: a.value }
            : { status: 'none', delta: 0, value: 0 },
        };
      });
      const approvals = doc.approvals.some((a) => a.by === event.data.by)
        ? doc.approvals
        : [...doc.approvals, { by: event.data.by, at: event.data.at }];
      return {
        ...doc,
        status: 'approved',
        approvals,
        approvedAt: event.data.at,
        lines,
        adjustments: tallyAdjustments(lines),
        updatedAt: occurredAt,
      };
    }
    case 'CountAdjustmentPosted': {
      const { sku, batchId, delta, value } = event.data;
      return withAdjustment(doc, sku, batchId, { status: 'posted', delta, value }, occurredAt);
    }
    case 'CountAdjustmentBlocked': {
      const { sku, batchId, delta, code, reason } = event.data;
      const value = doc.lines.find((l) => l.sku === sku && l.batchId === batchId)?.varianceValue ?? 0;
      return withAdjustment(doc, sku, batchId, { status: 'blocked', delta, value, code, reason }, occurredAt);
    }
    case 'CountCancelled': {
      const { by, at, reason } = event.data;
      return {
        ...doc,
        status: 'cancelled',
        cancelledBy: by,
        cancelledAt: at,
        ...(reason ? { cancelReason: reason } : {}),
        updatedAt: occurredAt,
      };
    }
    default:
      return doc;
  }
}
