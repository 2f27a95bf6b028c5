import type { StockEvent, WriteOffReason } from '../stock.events';

/** Read model `stock_write_offs`: one document per write-off (报损), for the log of write-offs. */
export type WriteOffDoc = {
  _id: string;
  sku: string;
  warehouse: string;
  batchId: string;
  /** Base units (g or pieces). */
  quantityBase: number;
  /** At the batch's cost, fen. */
  valueFen: number;
  reason: WriteOffReason;
  note?: string;
  by: string;
  at: string;
  /** Log position of the write-off. */
  position: string;
};

/** Where and by whom the event was recorded. */
export interface Recorded {
  position: string;
  at: string;
  actor: string;
}

/** The document of a write-off event (the same one however often it is applied); other events leave `doc` as it is. */
export function evolveWriteOff(
  doc: WriteOffDoc | null,
  event: StockEvent,
  id: string,
  recorded: Recorded,
): WriteOffDoc | null {
  if (event.type !== 'StockWrittenOff') return doc;
  const { sku, warehouse, batchId, quantity, value, reason, note } = event.data;
  return {
    _id: id,
    sku,
    warehouse,
    batchId,
    quantityBase: quantity,
    valueFen: value,
    reason,
    ...(note !== undefined && { note }),
    by: recorded.actor,
    at: recorded.at,
    position: recorded.position,
  };
}
