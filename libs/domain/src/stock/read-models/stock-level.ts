import { evolveStock, initialStockState, type BatchState, type Reservation, type StockState } from '../stock.state';
import type { StockEvent } from '../stock.events';
import { fefo } from '../stock.rules';

/** Read model `stock_levels`: one SKU at one warehouse, batches first-expiry-first, holders by name. */
export type StockLevelDoc = {
  _id: string;
  sku: string;
  warehouse: string;
  onHand: number;
  /** Reserved and not yet allocated to batches. */
  reserved: number;
  /** Allocated to holders' batch picks, still on hand. */
  allocated: number;
  batches: BatchState[];
  reservations: Reservation[];
  updatedAt: string;
};

/** Id of a stock level document: `<sku>@<warehouse>`. */
export const stockLevelId = (sku: string, warehouse: string): string => `${sku}@${warehouse}`;

/** The aggregate state a stock level document stands for (transfer bookkeeping is not kept in the document). */
export function stockStateOf(doc: StockLevelDoc | null): StockState {
  if (!doc) return initialStockState;
  return {
    ...initialStockState,
    onHand: doc.onHand,
    reserved: doc.reserved,
    allocated: doc.allocated,
    batches: Object.fromEntries(doc.batches.map((b) => [b.batchId, b])),
    reservations: Object.fromEntries(doc.reservations.map((r) => [r.holder, r])),
  };
}

/** The document of a stock state: the same figures the decider folds, so read and write models agree by construction. */
export function stockLevelDoc(sku: string, warehouse: string, state: StockState, updatedAt: string): StockLevelDoc {
  return {
    _id: stockLevelId(sku, warehouse),
    sku,
    warehouse,
    onHand: state.onHand,
    reserved: state.reserved,
    allocated: state.allocated,
    batches: fefo(Object.values(state.batches)),
    reservations: Object.values(state.reservations).sort((a, b) => a.holder.localeCompare(b.holder)),
    updatedAt,
  };
}

/** Fold a stock event into the stock level document. */
export function evolveStockLevel(
  doc: StockLevelDoc | null,
  event: StockEvent,
  occurredAt: string,
): StockLevelDoc | null {
  const { sku, warehouse } = event.data;
  return stockLevelDoc(sku, warehouse, evolveStock(stockStateOf(doc), event), occurredAt);
}
