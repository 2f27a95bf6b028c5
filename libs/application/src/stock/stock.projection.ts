import { evolveStockLevel, stockLevelId, type StockEvent, type StockLevelDoc } from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import type { Projection } from '@gx/readstore';

/** Collections of the stock projection. */
export const STOCK = { levels: 'stock_levels' } as const;

const asStockEvent = (event: RecordedEvent): StockEvent => ({ type: event.type, data: event.data }) as StockEvent;

/** Stock levels per SKU and warehouse, with their batches. */
export const stockProjection: Projection = {
  name: 'stock',
  version: 1,
  filter: { streamPrefixes: ['stock-'] },
  readModels: [
    {
      collection: STOCK.levels,
      indexes: [{ fields: [['warehouse', 1], ['sku', 1]] }, { fields: [['sku', 1]] }],
      ids: (event) => {
        const data = event.data as { sku?: string; warehouse?: string };
        return event.type.startsWith('Stock') && data.sku && data.warehouse ? [stockLevelId(data.sku, data.warehouse)] : [];
      },
      evolve: (doc, event) =>
        evolveStockLevel(doc as StockLevelDoc | null, asStockEvent(event), event.metadata.occurredAt),
    },
  ],
};
