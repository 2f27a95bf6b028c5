import { own, putOwn } from '../../shared/own-keys';
import { evolveStock, initialStockState, type BatchState, type Reservation } from '../stock.state';
import type { BatchPick, StockEvent } from '../stock.events';

/** Batch ids an event moves (one document each in the per-batch read models). */
export function batchIdsOf(event: StockEvent): string[] {
  switch (event.type) {
    case 'StockReceived':
    case 'StockWrittenOff':
    case 'StockAdjusted':
    case 'BatchInspectionCleared':
      return [event.data.batchId];
    case 'StockReservationReleased':
    case 'StockAllocated':
    case 'StockIssued':
    case 'StockTransferredOut':
      return [...new Set(event.data.picks.map((p: BatchPick) => p.batchId))];
    case 'StockTransferredIn':
      return [...new Set([...event.data.picks, ...event.data.lost].map((p) => p.batchId))];
    default:
      return [];
  }
}

/** Read model `stock_batches`: one batch at one warehouse (for expiry reports and batch lookups). */
export type StockBatchDoc = Plain<BatchState & { _id: string; sku: string; warehouse: string }>;

/** An interface as a plain object type, so that documents fit the store's index-signature Doc type. */
type Plain<T> = { [K in keyof T]: T[K] };

/** Id of a batch at a warehouse. */
export const stockBatchId = (warehouse: string, batchId: string): string => `${warehouse}|${batchId}`;

/** Fold a stock event into one batch's document: the batch as the stock aggregate sees it. */
export function evolveStockBatch(doc: StockBatchDoc | null, event: StockEvent, batchId: string): StockBatchDoc | null {
  const { sku, warehouse } = event.data;
  const batches: Record<string, BatchState> = {};
  if (doc) {
    const { _id, sku: _s, warehouse: _w, ...batch } = doc;
    putOwn(batches, batchId, batch);
  }
  const next = own(evolveStock({ ...initialStockState, batches }, event).batches, batchId);
  return next ? { _id: stockBatchId(warehouse, batchId), sku, warehouse, ...next } : doc;
}

/** Read model `stock_reservations`: what one holder holds of one SKU at one warehouse, and since when. */
export type StockReservationDoc = Plain<
  Reservation & { _id: string; sku: string; warehouse: string; allocated: number }
>;

/** Holder whose reservation an event changes, if any. */
export function holderOf(event: StockEvent): string | undefined {
  switch (event.type) {
    case 'StockReserved':
    case 'StockReservationReleased':
    case 'StockAllocated':
    case 'StockIssued':
      return event.data.holder;
    case 'StockTransferredOut':
      return event.data.holder;
    default:
      return undefined;
  }
}

/** Id of a holder's reservation document. */
export const stockReservationId = (sku: string, warehouse: string, holder: string): string =>
  `${sku}@${warehouse}|${holder}`;

/** Fold a stock event into one holder's reservation document (null once it holds nothing). */
export function evolveStockReservation(doc: StockReservationDoc | null, event: StockEvent): StockReservationDoc | null {
  const holder = holderOf(event);
  if (holder === undefined) return doc;
  const { sku, warehouse } = event.data;
  const reservations: Record<string, Reservation> = {};
  if (doc) {
    const { _id, sku: _s, warehouse: _w, allocated: _a, ...reservation } = doc;
    putOwn(reservations, holder, reservation);
  }
  const next = own(evolveStock({ ...initialStockState, reservations }, event).reservations, holder);
  if (!next) return null;
  const allocated = Object.values(next.picks).reduce((n, q) => n + q, 0);
  return { _id: stockReservationId(sku, warehouse, holder), sku, warehouse, ...next, allocated };
}
