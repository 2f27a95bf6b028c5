import type { BatchPick, Inspection, StockEvent } from '../stock.events';

/** One movement of a batch, for traceability (溯源): where it went and for whom. */
export interface BatchMovement {
  position: string;
  at: string;
  actor: string;
  warehouse: string;
  type: StockEvent['type'];
  /** Change of on-hand quantity at `warehouse` (0 for reservations, allocations and inspections). */
  quantity: number;
  /** Of this batch: picked for a holder (StockAllocated), or given back by a holder (StockReservationReleased). */
  allocated?: number;
  /** Of this batch: sent but never arrived (StockTransferredIn with a shortfall). */
  lost?: number;
  inspection?: Inspection;
  holder?: string;
  transferId?: string;
  to?: string;
  from?: string;
  reason?: string;
}

/** Read model `batch_traces`: a batch's origin and every movement, across warehouses. */
export type BatchTraceDoc = {
  _id: string;
  batchId: string;
  sku: string;
  producer: string;
  origin: { village: string; plot?: string };
  harvestDate: string;
  expiryDate: string;
  grade: string;
  /** The latest inspection: the receipt's, or a later one that replaced it. */
  inspection: Inspection;
  movements: BatchMovement[];
};

const qty = (picks: BatchPick[], batchId: string): number =>
  picks.filter((p) => p.batchId === batchId).reduce((n, p) => n + p.quantity, 0);

/** How an event moved `batchId` (undefined when it did not). */
function movementOf(event: StockEvent, batchId: string): Omit<BatchMovement, 'position' | 'at' | 'actor'> | undefined {
  const base = { warehouse: event.data.warehouse, type: event.type };
  switch (event.type) {
    case 'StockReceived':
      return { ...base, quantity: event.data.quantity };
    case 'StockReservationReleased': {
      const allocated = qty(event.data.picks, batchId);
      return allocated > 0
        ? { ...base, quantity: 0, allocated: -allocated, holder: event.data.holder, reason: event.data.reason }
        : undefined;
    }
    case 'StockAllocated': {
      const allocated = qty(event.data.picks, batchId);
      return allocated > 0 ? { ...base, quantity: 0, allocated, holder: event.data.holder } : undefined;
    }
    case 'StockIssued':
      return {
        ...base,
        quantity: -qty(event.data.picks, batchId),
        holder: event.data.holder,
        reason: event.data.reason,
      };
    case 'StockTransferredOut':
      return {
        ...base,
        quantity: -qty(event.data.picks, batchId),
        transferId: event.data.transferId,
        to: event.data.to,
        ...(event.data.holder ? { holder: event.data.holder } : {}),
      };
    case 'StockTransferredIn': {
      const lost = qty(event.data.lost, batchId);
      return {
        ...base,
        quantity: qty(event.data.picks, batchId),
        ...(lost > 0 ? { lost } : {}),
        transferId: event.data.transferId,
        from: event.data.from,
      };
    }
    case 'StockWrittenOff':
      return { ...base, quantity: -event.data.quantity, reason: event.data.reason };
    case 'StockAdjusted':
      return { ...base, quantity: event.data.delta, reason: event.data.reason };
    case 'BatchInspectionCleared':
      return {
        ...base,
        quantity: 0,
        inspection: event.data.inspection,
        reason: `inspection ${event.data.inspection.result}`,
      };
    default:
      return undefined;
  }
}

/** Fold a stock event into a batch's trace; the first receipt (or transfer-in) records its origin. */
export function evolveBatchTrace(
  doc: BatchTraceDoc | null,
  event: StockEvent,
  batchId: string,
  meta: { position: string; at: string; actor: string },
): BatchTraceDoc | null {
  const movement = movementOf(event, batchId);
  if (!movement) return doc;
  let base = doc;
  if (!base) {
    const facts =
      event.type === 'StockReceived'
        ? event.data
        : event.type === 'StockTransferredIn'
          ? event.data.picks.find((p) => p.batchId === batchId)?.facts
          : undefined;
    if (!facts) return null;
    const { producer, origin, harvestDate, expiryDate, grade, inspection } = facts;
    base = {
      _id: batchId,
      batchId,
      sku: event.data.sku,
      producer,
      origin,
      harvestDate,
      expiryDate,
      grade,
      inspection,
      movements: [],
    };
  }
  const inspection = event.type === 'BatchInspectionCleared' ? event.data.inspection : base.inspection;
  return { ...base, inspection, movements: [...base.movements, { ...meta, ...movement }] };
}
