import { Injectable } from '@nestjs/common';
import { isSellable, shanghaiDate, type StockLevelDoc } from '@gx/domain';
import { ReadModels, type Filter } from '@gx/readstore';
import { publicView, ReadGate } from '../kernel/read-gate';
import { STOCK, stockProjection } from './stock.projection';

/** Stock levels per warehouse and SKU, with each batch's sellability as of today. */
@Injectable()
export class StockQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
  ) {}

  async levels(query: { warehouse?: string; sku?: string; after?: string }, now: Date) {
    await this.gate.after(stockProjection.name, query.after);
    const filter: Filter = {};
    if (query.warehouse) filter.warehouse = query.warehouse;
    if (query.sku) filter.sku = query.sku;
    const docs = await this.readModels.find<StockLevelDoc>(STOCK.levels, filter, {
      sort: [['warehouse', 1], ['sku', 1]],
      limit: 1000,
    });
    const today = shanghaiDate(now);
    return docs.map((doc) => ({
      ...publicView(doc),
      batches: doc.batches.map((b) => ({ ...b, sellable: isSellable(b, today) })),
    }));
  }
}
