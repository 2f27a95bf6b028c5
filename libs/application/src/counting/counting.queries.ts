import { Injectable } from '@nestjs/common';
import {
  shrinkageOf,
  sumVarianceFigures,
  type BaseUnit,
  type CountDoc,
  type CountDocLine,
  type CountStatus,
  type CountTotals,
  type StockVarianceDoc,
  type VarianceFigures,
} from '@gx/domain';
import { ReadModels, type Filter } from '@gx/readstore';
import { baseUnitLookup, costView } from '../catalog/catalog.queries';
import { publicView, ReadGate } from '../kernel/read-gate';
import { COUNTING, countingProjection } from './counting.projection';

/** Most counts a list answers; the newest first. */
const MAX_COUNTS = 200;
/** Most variance rows a report answers. */
const MAX_VARIANCE_ROWS = 5_000;

/** A quantity in base units and its value at cost: `{ quantityBase, valueFen }`. */
export interface QuantityValue {
  quantityBase: number;
  valueFen: number;
}

const quantityValue = (f: { qty: number; value: number } | undefined): QuantityValue => ({
  quantityBase: f?.qty ?? 0,
  valueFen: f?.value ?? 0,
});

/** The one base unit of some SKUs, or undefined when they mix grams and pieces (their quantities do not add up). */
function commonBaseUnit(skus: readonly string[], baseUnit: (sku: string) => BaseUnit): BaseUnit | undefined {
  const units = new Set(skus.map(baseUnit));
  return units.size === 1 ? [...units][0] : undefined;
}

/** A count line as answers give it: base units in `…Base` beside the SKU's `baseUnit`, money in `…Fen`. */
function countLineView(line: CountDocLine, baseUnit: BaseUnit) {
  const { sku, batchId, counted, book, variance, varianceValue, cost, countedBy, countedAt, adjustment } = line;
  return {
    sku,
    batchId,
    baseUnit,
    countedBase: counted,
    bookBase: book,
    varianceBase: variance,
    varianceValueFen: varianceValue,
    ...costView(cost),
    countedBy,
    countedAt,
    ...(adjustment && {
      adjustment: {
        status: adjustment.status,
        deltaBase: adjustment.delta,
        valueFen: adjustment.value,
        ...(adjustment.code !== undefined && { code: adjustment.code }),
        ...(adjustment.reason !== undefined && { reason: adjustment.reason }),
      },
    }),
  };
}

/** A count's totals: lines and values in fen; the quantities (with `baseUnit`) only when every SKU shares one base unit. */
function countTotalsView(totals: CountTotals, unit: BaseUnit | undefined) {
  return {
    lines: totals.lines,
    ...(unit && { baseUnit: unit, countedBase: totals.counted, bookBase: totals.book, varianceBase: totals.variance }),
    gainValueFen: totals.gainValue,
    lossValueFen: totals.lossValue,
    netValueFen: totals.netValue,
    absoluteValueFen: totals.absoluteValue,
  };
}

/**
 * A count as operators see it. While it is open the count is blind: lines show what was counted,
 * never the book figure or the variance, so the counter cannot be led by the ledger.
 */
export function countView(doc: CountDoc, baseUnit: (sku: string) => BaseUnit) {
  const { lines, totals, ...rest } = publicView(doc);
  const unit = commonBaseUnit(doc.skus, baseUnit);
  if (doc.status !== 'open')
    return {
      ...rest,
      lines: lines.map((l) => countLineView(l, baseUnit(l.sku))),
      totals: countTotalsView(totals, unit),
    };
  return {
    ...rest,
    lines: lines.map(({ sku, batchId, counted, countedBy, countedAt }) => ({
      sku,
      batchId,
      baseUnit: baseUnit(sku),
      countedBase: counted,
      countedBy,
      countedAt,
    })),
    totals: { lines: totals.lines, ...(unit && { baseUnit: unit, countedBase: totals.counted }) },
  };
}

/** One count in a list: its figures, without lines (and blind while open). */
function countSummary(doc: CountDoc, baseUnit: (sku: string) => BaseUnit) {
  const { lines: _lines, ...summary } = countView(doc, baseUnit);
  return summary;
}

/** Variance figures as answers give them: each `{ quantityBase, valueFen }`. */
function figuresView(f: Partial<VarianceFigures>) {
  return {
    received: quantityValue(f.received),
    transferredIn: quantityValue(f.transferredIn),
    lostInTransit: quantityValue(f.lostInTransit),
    writtenOff: quantityValue(f.writtenOff),
    countGain: quantityValue(f.countGain),
    countLoss: quantityValue(f.countLoss),
    otherAdjustments: quantityValue(f.otherAdjustments),
  };
}

/** One row of the variance report: figures with the SKU's `baseUnit`, the shrinkage value in fen and its rate. */
function varianceRowView(doc: StockVarianceDoc, baseUnit: BaseUnit) {
  const { warehouse, sku, month, shrinkageValue, shrinkageRate, updatedAt } = doc;
  return {
    warehouse,
    sku,
    month,
    baseUnit,
    ...figuresView(doc),
    shrinkageValueFen: shrinkageValue,
    shrinkageRate,
    updatedAt,
  };
}

/**
 * Sum of variance figures over rows, with the shrinkage rate of the sum. Values always add up; quantities
 * only when the rows share one base unit (then `baseUnit` is given), otherwise each figure is `{ valueFen }`.
 */
export function varianceTotals(rows: VarianceFigures[], unit: BaseUnit | undefined) {
  const sum = sumVarianceFigures(rows);
  const { shrinkageValue, shrinkageRate } = shrinkageOf(sum);
  const figures = figuresView(sum);
  const shaped = unit
    ? { baseUnit: unit, ...figures }
    : (Object.fromEntries(Object.entries(figures).map(([name, f]) => [name, { valueFen: f.valueFen }])) as Record<
        keyof typeof figures,
        { valueFen: number }
      >);
  return { ...shaped, shrinkageValueFen: shrinkageValue, shrinkageRate };
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
    return doc ? countView(doc, await baseUnitLookup(this.readModels, doc.skus)) : null;
  }

  /** Counts, newest first, optionally of one warehouse and in one status. */
  async list(query: { warehouse?: string; status?: CountStatus; after?: string }) {
    await this.gate.after(countingProjection.name, query.after);
    const filter: Filter = {};
    if (query.warehouse) filter.warehouse = query.warehouse;
    if (query.status) filter.status = query.status;
    const docs = await this.readModels.find<CountDoc>(COUNTING.counts, filter, {
      sort: [['openedAt', -1]],
      limit: MAX_COUNTS,
    });
    const baseUnit = await baseUnitLookup(
      this.readModels,
      docs.flatMap((d) => d.skus),
    );
    return docs.map((doc) => countSummary(doc, baseUnit));
  }

  /** Variance rows per warehouse, SKU and month (YYYY-MM, inclusive range), with totals and shrinkage rate. */
  async variances(query: { warehouse?: string; sku?: string; from?: string; to?: string; after?: string }) {
    await this.gate.after(countingProjection.name, query.after);
    const filter: Filter = {};
    if (query.warehouse) filter.warehouse = query.warehouse;
    if (query.sku) filter.sku = query.sku;
    if (query.from || query.to)
      filter.month = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
    const docs = await this.readModels.find<StockVarianceDoc>(COUNTING.variances, filter, {
      sort: [
        ['month', 1],
        ['warehouse', 1],
        ['sku', 1],
      ],
      limit: MAX_VARIANCE_ROWS,
    });
    const skus = docs.map((d) => d.sku);
    const baseUnit = await baseUnitLookup(this.readModels, skus);
    return {
      rows: docs.map((doc) => varianceRowView(doc, baseUnit(doc.sku))),
      totals: varianceTotals(docs, commonBaseUnit(skus, baseUnit)),
    };
  }
}
