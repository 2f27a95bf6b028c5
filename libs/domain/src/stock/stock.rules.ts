import { DomainError } from '../shared/domain-error';
import { own } from '../shared/own-keys';
import type { BatchFacts, BatchPick } from './stock.events';
import type { BatchState, StockState } from './stock.state';

/** A batch may be sold when it passed inspection and is not expired on `today` (YYYY-MM-DD). */
export function isSellable(batch: Pick<BatchFacts, 'inspection' | 'expiryDate'>, today: string): boolean {
  return batch.inspection.result === 'pass' && batch.expiryDate >= today;
}

/** Free quantity of a batch: on hand and not allocated to any holder. */
export const freeOf = (batch: BatchState): number => batch.onHand - batch.allocated;

/** Sellable, unallocated stock minus unallocated reservations: what can still be promised. */
export function availableOf(state: StockState, today: string): number {
  let sellableFree = 0;
  for (const batch of Object.values(state.batches)) if (isSellable(batch, today)) sellableFree += freeOf(batch);
  return sellableFree - state.reserved;
}

/** Quantity on hand in batches that cannot be sold today (expired, failed or missing inspection). */
export function unsellableOf(state: StockState, today: string): number {
  let n = 0;
  for (const batch of Object.values(state.batches)) if (!isSellable(batch, today)) n += batch.onHand;
  return n;
}

/** Batches in first-expiry-first-out order (then oldest receipt, then id, so the order is total). */
export function fefo(batches: BatchState[]): BatchState[] {
  return [...batches].sort(
    (a, b) =>
      a.expiryDate.localeCompare(b.expiryDate) ||
      a.receivedAt.localeCompare(b.receivedAt) ||
      a.batchId.localeCompare(b.batchId),
  );
}

/**
 * Pick `quantity` from sellable batches, first expiry first out, never touching expired or
 * uninspected batches or stock allocated to someone else; INSUFFICIENT_STOCK when they hold less.
 */
export function pickFefo(state: StockState, quantity: number, today: string): BatchPick[] {
  const picks: BatchPick[] = [];
  let left = quantity;
  for (const batch of fefo(Object.values(state.batches))) {
    if (left === 0) break;
    if (!isSellable(batch, today)) continue;
    const take = Math.min(freeOf(batch), left);
    if (take > 0) {
      picks.push({ batchId: batch.batchId, quantity: take });
      left -= take;
    }
  }
  if (left > 0) {
    throw new DomainError(
      'INSUFFICIENT_STOCK',
      `only ${quantity - left} of ${quantity} can be taken from sellable batches`,
      'quantityBase',
    );
  }
  return picks;
}

/** A positive whole quantity of base units, or a DomainError naming `field`. */
export function requirePositiveQuantity(quantity: number, field = 'quantityBase'): void {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new DomainError('INVALID_STATE', `${field} must be a positive whole number of base units`, field);
  }
}

/** The batch `batchId`, or NOT_FOUND naming `field`. */
export function requireBatch(state: StockState, batchId: string, field = 'batchId'): BatchState {
  const batch = own(state.batches, batchId);
  if (!batch) throw new DomainError('NOT_FOUND', `no batch ${batchId} here`, field);
  return batch;
}

/**
 * Taking `quantity` out of `batch` (write-off, negative adjustment) must leave it whole and must
 * not break promises already made: allocated picks stay, and available stays at or above zero.
 */
export function requireRemovable(
  state: StockState,
  batch: BatchState,
  quantity: number,
  today: string,
  field: string,
): void {
  if (quantity > freeOf(batch)) {
    throw new DomainError(
      'INSUFFICIENT_STOCK',
      `batch ${batch.batchId} has ${freeOf(batch)} free, not ${quantity}`,
      field,
    );
  }
  if (isSellable(batch, today) && availableOf(state, today) - quantity < 0) {
    throw new DomainError(
      'INSUFFICIENT_STOCK',
      `removing ${quantity} would leave reservations uncovered; release them first`,
      field,
    );
  }
}
