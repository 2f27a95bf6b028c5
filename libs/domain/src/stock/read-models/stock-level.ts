import type { Inspection, StockEvent } from '../stock.events';

/** One batch line of a stock level. */
export interface StockLevelBatch {
  batchId: string;
  producer: string;
  grade: string;
  harvestDate: string;
  expiryDate: string;
  inspection: Inspection;
  onHand: number;
}

/** Read model `stock_levels`: on hand, reserved and available of one SKU at one warehouse, per batch. */
export type StockLevelDoc = {
  _id: string;
  sku: string;
  warehouse: string;
  onHand: number;
  reserved: number;
  available: number;
  batches: StockLevelBatch[];
  updatedAt: string;
};

/** Id of a stock level document: `<sku>@<warehouse>`. */
export const stockLevelId = (sku: string, warehouse: string): string => `${sku}@${warehouse}`;

/** Fold a stock event into the stock level document; other events leave it unchanged. */
export function evolveStockLevel(doc: StockLevelDoc | null, event: StockEvent, occurredAt: string): StockLevelDoc | null {
  switch (event.type) {
    case 'StockReceived': {
      const d = event.data;
      const base: StockLevelDoc = doc ?? {
        _id: stockLevelId(d.sku, d.warehouse),
        sku: d.sku,
        warehouse: d.warehouse,
        onHand: 0,
        reserved: 0,
        available: 0,
        batches: [],
        updatedAt: occurredAt,
      };
      const batch: StockLevelBatch = {
        batchId: d.batchId,
        producer: d.producer,
        grade: d.grade,
        harvestDate: d.harvestDate,
        expiryDate: d.expiryDate,
        inspection: d.inspection,
        onHand: d.quantity,
      };
      const onHand = base.onHand + d.quantity;
      return {
        ...base,
        onHand,
        available: onHand - base.reserved,
        batches: [...base.batches, batch].sort((a, b) => a.expiryDate.localeCompare(b.expiryDate) || a.batchId.localeCompare(b.batchId)),
        updatedAt: occurredAt,
      };
    }
    default:
      return doc;
  }
}
