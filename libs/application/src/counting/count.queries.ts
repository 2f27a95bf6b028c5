import { Injectable } from '@nestjs/common';
import { shrinkageOf, type CountDoc, type CountStatus, type QtyValue, type StockVarianceDoc, type VarianceFigures } from '@gx/domain';
import { ReadModels, type Filter } from '@gx/readstore';
import { publicView, ReadGate } from '../kernel/read-gate';
import { COUNTING, countingProjection } from './counting.projection';

/** Most counts a list answers; the newest first. */
const MAX_COUNTS = 200;
/** Most variance rows a report answers. */
const MAX_VARIANCE_ROWS = 5_000;

/**
 * A count as operators see it. While it is open the count is blind: lines show what was counted,
 * never the book figure or the variance, so the counter cannot be led by the ledger.
 */
export function countView(doc: CountDoc) {
  const { lines, totals, ...rest } = publicView(doc);
  if (doc.status !== 'open') return { ...rest, lines, totals };
  return {
    ...rest,
    lines: lines.map(({ sku, batchId, counted, countedBy, countedAt }) => ({ sku, batchId, counted, countedBy, countedAt })),
    totals: { lines: totals.lines, counted: totals.counted },
  };
}

/** One count in a list: its figures, without lines (and blind while open). */
function countSummary(doc: CountDoc) {
  const { lines: _lines, ...summary } = countView(doc);
  return summary;
}

const ZERO: QtyValue = { qty: 0, value: 0 };
const add = (a: QtyValue, b: QtyValue): QtyValue => ({ qty: a.qty + b.qty, value: a.value + b.value });

/** Sum of variance figures over rows, with the shrinkage rate of the sum. */
export function varianceTotals(rows: VarianceFigures[]) {
  let sum: VarianceFigures = { received: ZERO, writtenOff: ZERO, countGain: ZERO, countLoss: ZERO, otherAdjustments: ZERO };
  for (const r of rows) {
    sum = {
      received: add(sum.received, r.received),
      writtenOff: add(sum.writtenOff, r.writtenOff),
      countGain: add(sum.countGain, r.countGain),
      countLoss: add(sum.countLoss, r.countLoss),
      otherAdjustments: add(sum.otherAdjustments, r.otherAdjustments),
    };
  }
  return { ...sum, ...shrinkageOf(sum) };
}

/** Stock counts and the variance report, read from the counting projection. */
@Injectable()
export class CountQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
  ) {}

  /** One count (blind while open), or null when there is none. */
  async get(countId: string, after?: string) {
    await this.gate.after(countingProjection.name, after);
    const doc = await this.readModels.get<CountDoc>(COUNTING.counts, countId);
    return doc ? countView(doc) : null;
  }

  /** Counts, newest first, optionally of one warehouse and in one status. */
  async list(query: { warehouse?: string; status?: CountStatus; after?: string }) {
    await this.gate.after(countingProjection.name, query.after);
    const filter: Filter = {};
    if (query.warehouse) filter.warehouse = query.warehouse;
    if (query.status) filter.status = query.status;
    const docs = await this.readModels.find<CountDoc>(COUNTING.counts, filter, { sort: [['openedAt', -1]], limit: MAX_COUNTS });
    return docs.map(countSummary);
  }

  /** Variance rows per warehouse, SKU and month (YYYY-MM, inclusive range), with totals and shrinkage rate. */
  async variances(query: { warehouse?: string; sku?: string; from?: string; to?: string; after?: string }) {
    await this.gate.after(countingProjection.name, query.after);
    const filter: Filter = {};
    if (query.warehouse) filter.warehouse = query.warehouse;
    if (query.sku) filter.sku = query.sku;
    if (query.from || query.to) filter.month = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
    const docs = await this.readModels.find<StockVarianceDoc>(COUNTING.variances, filter, {
      sort: [['month', 1], ['warehouse', 1], ['sku', 1]],
      limit: MAX_VARIANCE_ROWS,
    });
    const rows = docs.map((doc) => publicView(doc));
    return { rows, totals: varianceTotals(rows) };
  }
}
