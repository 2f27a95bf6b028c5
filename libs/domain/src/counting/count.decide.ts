import type { UnitCost } from '../catalog/sku';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { own } from '../shared/own-keys';
import { countLineKey, type CountAdjustment, type CountEvent, type CountLine, type CountStatus } from './count.events';
import {
  absoluteVarianceValue,
  evolveCount,
  initialCountState,
  varianceOf,
  varianceValueOf,
  type CountState,
} from './count.state';

/** Open a count of `skus` at `warehouse` (the handler resolves "all SKUs" to the list). */
export type OpenCount = {
  type: 'OpenCount';
  countId: string;
  warehouse: string;
  skus: string[];
  openedBy: string;
  now: string;
};
/** A line as the handler enters it: the counted quantity and the batch's book figure and cost right now. */
export type CountLineInput = Pick<CountLine, 'sku' | 'batchId' | 'counted' | 'book'> & { cost: UnitCost };
/** Enter counted quantities; a line for a batch already counted replaces it (a recount). */
export type RecordCountLines = {
  type: 'RecordCountLines';
  countId: string;
  lines: CountLineInput[];
  by: string;
  now: string;
};
/** Lock the lines and show book against counted for approval. */
export type SubmitCount = { type: 'SubmitCount'; countId: string; by: string; now: string };
/** Approve; a total absolute variance value (fen) above `threshold` needs two distinct operators. */
export type ApproveCount = { type: 'ApproveCount'; countId: string; by: string; now: string; threshold: number };
/** The ledger accepted an approved adjustment. */
export type RecordAdjustmentPosted = { type: 'RecordAdjustmentPosted'; countId: string; sku: string; batchId: string };
/** The ledger refused an approved adjustment, with its error code and message. */
export type RecordAdjustmentBlocked = {
  type: 'RecordAdjustmentBlocked';
  countId: string;
  sku: string;
  batchId: string;
  code: string;
  reason: string;
};
/** Abandon a count before it is approved; nothing is posted. */
export type CancelCount = { type: 'CancelCount'; countId: string; by: string; now: string; reason?: string };

export type CountCommand =
  | OpenCount
  | RecordCountLines
  | SubmitCount
  | ApproveCount
  | RecordAdjustmentPosted
  | RecordAdjustmentBlocked
  | CancelCount;

/** The count must exist and be in one of `allowed`; a decided count says so with ALREADY_DECIDED. */
function requireStatus(state: CountState, countId: string, allowed: CountStatus[], action: string): void {
  if (state.status === 'none') throw new DomainError('NOT_FOUND', `no count ${countId}`, 'id');
  if (allowed.includes(state.status)) return;
  if (state.status === 'approved' || state.status === 'cancelled') {
    throw new DomainError('ALREADY_DECIDED', `count ${countId} is already ${state.status}`, 'id');
  }
  throw new DomainError('INVALID_STATE', `cannot ${action} count ${countId} while it is ${state.status}`, 'id');
}

const isWholeAtLeastZero = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

function open(c: OpenCount, state: CountState): CountEvent[] {
  if (state.status !== 'none') throw new DomainError('ALREADY_EXISTS', `count ${c.countId} already exists`, 'id');
  const skus = [...new Set(c.skus)].sort();
  if (skus.length === 0)
    throw new DomainError('INVALID_STATE', `nothing to count: no SKU has stock at ${c.warehouse}`, 'skus');
  return [
    {
      type: 'CountOpened',
      data: { countId: c.countId, warehouse: c.warehouse, skus, openedBy: c.openedBy, openedAt: c.now },
    },
  ];
}

function record(c: RecordCountLines, state: CountState): CountEvent[] {
  requireStatus(state, c.countId, ['open'], 'enter lines on');
  if (c.lines.length === 0) throw new DomainError('INVALID_STATE', 'at least one line is needed', 'lines');
  const seen = new Set<string>();
  const lines = c.lines.map((line, i): CountLine => {
    if (!state.skus.includes(line.sku))
      throw new DomainError('UNKNOWN_SKU', `${line.sku} is not part of count ${c.countId}`, `lines.${i}.sku`);
    if (!isWholeAtLeastZero(line.counted)) {
      throw new DomainError(
        'INVALID_STATE',
        'countedBase must be a whole number of base units, 0 or more',
        `lines.${i}.countedBase`,
      );
    }
    if (!isWholeAtLeastZero(line.book))
      throw new DomainError('INVALID_STATE', 'book must be a whole number of base units', `lines.${i}.book`);
    const key = countLineKey(line.sku, line.batchId);
    if (seen.has(key))
      throw new DomainError('INVALID_STATE', `batch ${line.batchId} appears twice`, `lines.${i}.batchId`);
    seen.add(key);
    const { sku, batchId, counted, book, cost } = line;
    return { sku, batchId, counted, book, cost, countedBy: c.by, countedAt: c.now };
  });
  return [{ type: 'CountLinesRecorded', data: { countId: c.countId, lines } }];
}

function submit(c: SubmitCount, state: CountState): CountEvent[] {
  requireStatus(state, c.countId, ['open'], 'submit');
  if (Object.keys(state.lines).length === 0)
    throw new DomainError('INVALID_STATE', 'enter at least one line before submitting', 'lines');
  return [{ type: 'CountSubmitted', data: { countId: c.countId, submittedBy: c.by, submittedAt: c.now } }];
}

/** Adjustments of the non-zero lines, in a stable order. */
function adjustmentsOf(state: CountState): CountAdjustment[] {
  return Object.values(state.lines)
    .filter((line) => varianceOf(line) !== 0)
    .sort((a, b) => a.sku.localeCompare(b.sku) || a.batchId.localeCompare(b.batchId))
    .map((line) => ({ sku: line.sku, batchId: line.batchId, delta: varianceOf(line), value: varianceValueOf(line) }));
}

function approve(c: ApproveCount, state: CountState): CountEvent[] {
  requireStatus(state, c.countId, ['submitted', 'approval_pending'], 'approve');
  const varianceValue = absoluteVarianceValue(Object.values(state.lines));
  const required = varianceValue > c.threshold ? 2 : 1;
  const approvers = [...new Set([...state.approvers, c.by])];
  if (approvers.length < required) {
    if (state.approvers.includes(c.by)) {
      throw new DomainError(
        'FORBIDDEN',
        `a variance of ${varianceValue} fen is above ${c.threshold} fen and needs a second operator: ${c.by} has already approved`,
        'by',
      );
    }
    return [
      {
        type: 'CountApprovalRecorded',
        data: { countId: c.countId, by: c.by, at: c.now, varianceValue, threshold: c.threshold },
      },
    ];
  }
  return [
    {
      type: 'CountApproved',
      data: {
        countId: c.countId,
        warehouse: state.warehouse,
        by: c.by,
        at: c.now,
        approvers,
        varianceValue,
        adjustments: adjustmentsOf(state),
      },
    },
  ];
}

/** The line of an approved adjustment, or NOT_FOUND. */
function requireAdjustment(state: CountState, c: { countId: string; sku: string; batchId: string }): CountLine {
  requireStatus(state, c.countId, ['approved'], 'record an adjustment of');
  const key = countLineKey(c.sku, c.batchId);
  const line = own(state.lines, key);
  if (!line || own(state.adjustments, key) === undefined) {
    throw new DomainError(
      'NOT_FOUND',
      `count ${c.countId} approved no adjustment of ${c.sku} batch ${c.batchId}`,
      'batchId',
    );
  }
  return line;
}

function posted(c: RecordAdjustmentPosted, state: CountState): CountEvent[] {
  const line = requireAdjustment(state, c);
  // Redelivered outcomes change nothing; a retried adjustment that now went through replaces "blocked".
  if (own(state.adjustments, countLineKey(c.sku, c.batchId)) === 'posted') return [];
  const { countId, sku, batchId } = c;
  return [
    {
      type: 'CountAdjustmentPosted',
      data: { countId, sku, batchId, delta: varianceOf(line), value: varianceValueOf(line) },
    },
  ];
}

function blocked(c: RecordAdjustmentBlocked, state: CountState): CountEvent[] {
  const line = requireAdjustment(state, c);
  if (own(state.adjustments, countLineKey(c.sku, c.batchId)) !== 'pending') return [];
  const { countId, sku, batchId, code, reason } = c;
  return [{ type: 'CountAdjustmentBlocked', data: { countId, sku, batchId, delta: varianceOf(line), code, reason } }];
}

function cancel(c: CancelCount, state: CountState): CountEvent[] {
  requireStatus(state, c.countId, ['open', 'submitted', 'approval_pending'], 'cancel');
  return [
    {
      type: 'CountCancelled',
      data: { countId: c.countId, by: c.by, at: c.now, ...(c.reason ? { reason: c.reason } : {}) },
    },
  ];
}

/** A stock count (盘点) of one warehouse: blind lines, book vs counted, approval by one or two operators. */
export const countDecider: Decider<CountCommand, CountEvent, CountState> & { name: string } = {
  name: 'count',
  initialState: initialCountState,
  decide(command, state) {
    switch (command.type) {
      case 'OpenCount':
        return open(command, state);
      case 'RecordCountLines':
        return record(command, state);
      case 'SubmitCount':
        return submit(command, state);
      case 'ApproveCount':
        return approve(command, state);
      case 'RecordAdjustmentPosted':
        return posted(command, state);
      case 'RecordAdjustmentBlocked':
        return blocked(command, state);
      case 'CancelCount':
        return cancel(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveCount,
};
