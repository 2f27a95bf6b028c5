import type { BaseUnit, BatchMovement, BatchState, BatchTraceDoc, Reservation, TransferDoc } from '@gx/domain';
import { costView } from '../catalog/catalog.queries';
import { batchQuantities, type BatchQuantity } from './stock.desk';

/** A batch as answers give it: quantities in base units (`…Base`), cost in `costFen` per `costPerBase`. */
export function batchView<B extends BatchState>(b: B) {
  const { onHand, allocated, cost, ...rest } = b;
  return { ...rest, onHandBase: onHand, allocatedBase: allocated, ...costView(cost) };
}

/** A hold as answers give it: reserved (`quantityBase`) and its picks per batch. */
export function reservationView<R extends Reservation>(
  r: R,
): Omit<R, 'quantity' | 'picks'> & { quantityBase: number; picks: BatchQuantity[] } {
  const { quantity, picks, ...rest } = r;
  return {
    ...rest,
    quantityBase: quantity,
    picks: Object.entries(picks).map(([batchId, q]) => ({ batchId, quantityBase: q })),
  };
}

/** A transfer as every answer gives it (POST, GET, lists): base units in `…Base`, with the SKU's `baseUnit`. */
export function transferView(doc: TransferDoc, baseUnit: BaseUnit) {
  const { _id: _ignored, quantity, picks, received, lost, ...rest } = doc as TransferDoc & { _position?: string };
  delete (rest as { _position?: string })._position;
  return {
    ...rest,
    baseUnit,
    quantityBase: quantity,
    picks: batchQuantities(picks),
    ...(received !== undefined && { receivedBase: received }),
    ...(lost !== undefined && { lost: batchQuantities(lost) }),
  };
}

/** A movement of a batch's trace: on-hand change, allocation and loss in base units. */
export function movementView(m: BatchMovement) {
  const { quantity, allocated, lost, ...rest } = m;
  return {
    ...rest,
    quantityBase: quantity,
    ...(allocated !== undefined && { allocatedBase: allocated }),
    ...(lost !== undefined && { lostBase: lost }),
  };
}

/** A batch's trace (溯源) with the SKU's `baseUnit`. */
export function traceView(doc: BatchTraceDoc, baseUnit: BaseUnit) {
  const { _id: _ignored, movements, ...rest } = doc as BatchTraceDoc & { _position?: string };
  delete (rest as { _position?: string })._position;
  return { ...rest, baseUnit, movements: movements.map(movementView) };
}
