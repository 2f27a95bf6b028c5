import { valueAtCost } from '../../catalog/sku';
import { shanghaiDate } from '../../shared/business-time';
import type { BatchPick, StockEvent, TransferPick } from '../../stock/stock.events';

/** A quantity in base units and its value at cost in fen. */
export interface QtyValue {
  qty: number;
  value: number;
}

/** The figures behind a shrinkage rate; values in fen. */
export type VarianceFigures = {
  received: QtyValue;
  /** Stock that arrived here by transfer (it counts as received for the shrinkage rate). */
  transferredIn: QtyValue;
  /** Stock sent here that never arrived, recorded when the transfer was received. */
  lostInTransit: QtyValue;
  writtenOff: QtyValue;
  countGain: QtyValue;
  /** Stock the counts found missing (positive numbers). */
  countLoss: QtyValue;
  /** Net of adjustments for other reasons (signed). */
  otherAdjustments: QtyValue;
};

/** Read model `stock_variances`: receipts, write-offs and count adjustments of one SKU at one warehouse in one month. */
export type StockVarianceDoc = VarianceFigures & {
  _id: string;
  warehouse: string;
  sku: string;
  /** Business month (Asia/Shanghai), YYYY-MM. */
  month: string;
  /** Written-off value + lost in transit + count loss value − count gain value, fen. */
  shrinkageValue: number;
  /** shrinkageValue / (received + transferred in) value; null when nothing came in. */
  shrinkageRate: number | null;
  updatedAt: string;
};

/** The reason an approved stock count gives its adjustments. */
export const COUNT_ADJUSTMENT_REASON = 'count';

/** Business month (YYYY-MM, Asia/Shanghai) of an ISO instant. */
export const businessMonth = (at: string): string => shanghaiDate(new Date(at)).slice(0, 7);

/** Id of a variance document: `<warehouse>|<sku>|<YYYY-MM>`. */
export const stockVarianceId = (warehouse: string, sku: string, month: string): string =>
  `${warehouse}|${sku}|${month}`;

/** Stock events the variance report is made of. */
export const VARIANCE_EVENT_TYPES: ReadonlySet<StockEvent['type']> = new Set<StockEvent['type']>([
  'StockReceived',
  'StockTransferredIn',
  'StockWrittenOff',
  'StockAdjusted',
]);

/** The variance document a stock event occurring at `occurredAt` touches, if any. */
export function stockVarianceIdOf(event: { type: string; data: unknown }, occurredAt: string): string | null {
  if (!(VARIANCE_EVENT_TYPES as ReadonlySet<string>).has(event.type)) return null;
  const data = event.data as { sku?: unknown; warehouse?: unknown };
  if (typeof data.sku !== 'string' || typeof data.warehouse !== 'string') return null;
  return stockVarianceId(data.warehouse, data.sku, businessMonth(occurredAt));
}

const ZERO: QtyValue = { qty: 0, value: 0 };
const plus = (a: QtyValue, qty: number, value: number): QtyValue => ({ qty: a.qty + qty, value: a.value + value });
const add = (a: QtyValue, b: QtyValue): QtyValue => plus(a, b.qty, b.value);

const FIGURES = [
  'received',
  'transferredIn',
  'lostInTransit',
  'writtenOff',
  'countGain',
  'countLoss',
  'otherAdjustments',
] as const;

/** The figures of several documents added up (a document written before a figure existed counts it as zero). */
export function sumVarianceFigures(rows: Array<Partial<VarianceFigures>>): VarianceFigures {
  return Object.fromEntries(
    FIGURES.map((f) => [f, rows.reduce((total, r) => add(total, r[f] ?? ZERO), ZERO)]),
  ) as VarianceFigures;
}

/**
 * Written-off value + lost in transit + count loss − count gain over the value that came in (received and
 * transferred in), rounded to 6 places; null when nothing came in.
 */
export function shrinkageOf(f: VarianceFigures): { shrinkageValue: number; shrinkageRate: number | null } {
  const shrinkageValue = f.writtenOff.value + f.lostInTransit.value + f.countLoss.value - f.countGain.value;
  const cameIn = f.received.value + f.transferredIn.value;
  const shrinkageRate = cameIn > 0 ? Math.round((shrinkageValue / cameIn) * 1e6) / 1e6 : null;
  return { shrinkageValue, shrinkageRate };
}

/** Quantity and value at cost of a transfer's arrived picks and of its losses (each batch at its own cost). */
function transferFigures(picks: TransferPick[], lost: BatchPick[]): { arrived: QtyValue; lost: QtyValue } {
  const arrived = picks.reduce((a, p) => plus(a, p.quantity, valueAtCost(p.quantity, p.facts.cost)), ZERO);
  // A batch lost whole has no arrived pick to carry its cost: it is valued at the transfer's average cost.
  const average = arrived.qty > 0 ? { per: arrived.qty, fen: arrived.value } : undefined;
  const lostFigures = lost.reduce((a, l) => {
    const cost = picks.find((p) => p.batchId === l.batchId)?.facts.cost ?? average;
    return plus(a, l.quantity, cost ? valueAtCost(l.quantity, cost) : 0);
  }, ZERO);
  return { arrived, lost: lostFigures };
}

/** Fold a stock event into its month's variance document; other events leave it unchanged. */
export function evolveStockVariance(
  doc: StockVarianceDoc | null,
  event: StockEvent,
  occurredAt: string,
): StockVarianceDoc | null {
  const id = stockVarianceIdOf(event, occurredAt);
  if (id === null) return doc;
  const { sku, warehouse } = event.data;
  const base: StockVarianceDoc = doc ?? {
    _id: id,
    warehouse,
    sku,
    month: businessMonth(occurredAt),
    received: ZERO,
    transferredIn: ZERO,
    lostInTransit: ZERO,
    writtenOff: ZERO,
    countGain: ZERO,
    countLoss: ZERO,
    otherAdjustments: ZERO,
    shrinkageValue: 0,
    shrinkageRate: null,
    updatedAt: occurredAt,
  };
  let figures: VarianceFigures = base;
  switch (event.type) {
    case 'StockReceived':
      figures = {
        ...base,
        received: plus(base.received, event.data.quantity, valueAtCost(event.data.quantity, event.data.cost)),
      };
      break;
    case 'StockTransferredIn': {
      const { arrived, lost } = transferFigures(event.data.picks, event.data.lost);
      figures = {
        ...base,
        transferredIn: add(base.transferredIn, arrived),
        lostInTransit: add(base.lostInTransit, lost),
      };
      break;
    }
    case 'StockWrittenOff':
      figures = { ...base, writtenOff: plus(base.writtenOff, event.data.quantity, event.data.value) };
      break;
    case 'StockAdjusted': {
      const { delta, value, reason } = event.data;
      if (reason !== COUNT_ADJUSTMENT_REASON)
        figures = { ...base, otherAdjustments: plus(base.otherAdjustments, delta, value) };
      else if (delta > 0) figures = { ...base, countGain: plus(base.countGain, delta, value) };
      else figures = { ...base, countLoss: plus(base.countLoss, -delta, -value) };
      break;
    }
    default:
      return doc;
  }
  return { ...base, ...figures, ...shrinkageOf(figures), updatedAt: occurredAt };
}
