import { own, putOwn, withOwn, withoutOwn } from '../shared/own-keys';
import type { BatchFacts, BatchPick, HolderKind, StockEvent, TransferPick } from './stock.events';

/** One batch held at the warehouse: on hand, and how much of that is allocated to holders. */
export interface BatchState extends BatchFacts {
  onHand: number;
  allocated: number;
  receivedAt: string;
}

/** Stock held for one holder: an unallocated quantity plus batch picks already allocated. */
export interface Reservation {
  holder: string;
  holderKind: HolderKind;
  quantity: number;
  picks: Record<string, number>;
  since: string;
}

/** Stock of one SKU at one warehouse (the event-sourced aggregate of `stock-<sku>@<warehouse>`). */
export interface StockState {
  batches: Record<string, BatchState>;
  reservations: Record<string, Reservation>;
  /** Transfers sent from here, with what they carried (for the receiving side and traceability). */
  transfersOut: Record<string, { to: string; picks: TransferPick[] }>;
  transfersIn: Record<string, true>;
  onHand: number;
  /** Reserved but not yet allocated to batches. */
  reserved: number;
  /** Allocated to holders' batch picks, still on hand. */
  allocated: number;
}

export const initialStockState: StockState = {
  batches: {},
  reservations: {},
  transfersOut: {},
  transfersIn: {},
  onHand: 0,
  reserved: 0,
  allocated: 0,
};

type Sign = -1 | 0 | 1;

/** Move each pick's quantity on its batch: on hand by `onHand`×qty, allocated by `allocated`×qty. */
function movePicks(
  batches: Record<string, BatchState>,
  picks: BatchPick[],
  onHand: Sign,
  allocated: Sign,
): Record<string, BatchState> {
  const next = { ...batches };
  for (const p of picks) {
    const batch = own(next, p.batchId);
    if (batch)
      putOwn(next, p.batchId, {
        ...batch,
        onHand: batch.onHand + onHand * p.quantity,
        allocated: batch.allocated + allocated * p.quantity,
      });
  }
  return next;
}

const total = (picks: BatchPick[]): number => picks.reduce((n, p) => n + p.quantity, 0);

/** Replace a holder's reservation; an empty one (nothing reserved, nothing allocated) disappears. */
function setReservation(
  reservations: Record<string, Reservation>,
  holder: string,
  next: Reservation | undefined,
): Record<string, Reservation> {
  const rest = withoutOwn(reservations, holder);
  return next && (next.quantity > 0 || Object.keys(next.picks).length > 0) ? withOwn(rest, holder, next) : rest;
}

/** Add (sign 1) or remove (sign -1) picks from a reservation's allocated picks. */
function adjustPicks(picks: Record<string, number>, changes: BatchPick[], sign: 1 | -1): Record<string, number> {
  const next = { ...picks };
  for (const c of changes) {
    const left = (own(next, c.batchId) ?? 0) + sign * c.quantity;
    if (left > 0) putOwn(next, c.batchId, left);
    else delete next[c.batchId];
  }
  return next;
}

/** Change one holder's reservation by `quantity` unallocated units and `picks` allocated ones. */
function reshape(
  state: StockState,
  holder: string,
  quantity: number,
  picks: BatchPick[],
  sign: 1 | -1,
): Record<string, Reservation> {
  const current = own(state.reservations, holder);
  if (!current) return state.reservations;
  return setReservation(state.reservations, holder, {
    ...current,
    quantity: current.quantity + quantity,
    picks: adjustPicks(current.picks, picks, sign),
  });
}

/** Fold one stock event; unknown event types leave the state unchanged. */
export function evolveStock(state: StockState, event: StockEvent): StockState {
  switch (event.type) {
    case 'StockReceived': {
      const { sku: _sku, warehouse: _warehouse, quantity, ...facts } = event.data;
      const batch: BatchState = { ...facts, onHand: quantity, allocated: 0 };
      return { ...state, onHand: state.onHand + quantity, batches: withOwn(state.batches, facts.batchId, batch) };
    }
    case 'StockReserved': {
      const { holder, holderKind, quantity, reservedAt } = event.data;
      const current = own(state.reservations, holder);
      const next: Reservation = current
        ? { ...current, quantity: current.quantity + quantity }
        : { holder, holderKind, quantity, picks: {}, since: reservedAt };
      return {
        ...state,
        reserved: state.reserved + quantity,
        reservations: setReservation(state.reservations, holder, next),
      };
    }
    case 'StockReservationReleased': {
      const { holder, quantity, picks } = event.data;
      return {
        ...state,
        batches: movePicks(state.batches, picks, 0, -1),
        reserved: state.reserved - quantity,
        allocated: state.allocated - total(picks),
        reservations: reshape(state, holder, -quantity, picks, -1),
      };
    }
    case 'StockAllocated': {
      const { holder, picks } = event.data;
      const n = total(picks);
      return {
        ...state,
        batches: movePicks(state.batches, picks, 0, 1),
        reserved: state.reserved - n,
        allocated: state.allocated + n,
        reservations: reshape(state, holder, -n, picks, 1),
      };
    }
    default:
      return evolveMovement(state, event);
  }
}

/** Movements that take stock out of the warehouse or bring it in. */
function evolveMovement(state: StockState, event: StockEvent): StockState {
  switch (event.type) {
    case 'StockIssued': {
      const { holder, picks } = event.data;
      const n = total(picks);
      return {
        ...state,
        batches: movePicks(state.batches, picks, -1, -1),
        onHand: state.onHand - n,
        allocated: state.allocated - n,
        reservations: reshape(state, holder, 0, picks, -1),
      };
    }
    case 'StockTransferredOut': {
      const { transferId, to, holder, picks } = event.data;
      const n = total(picks);
      const fromHolder = holder !== undefined;
      return {
        ...state,
        batches: movePicks(state.batches, picks, -1, fromHolder ? -1 : 0),
        onHand: state.onHand - n,
        allocated: fromHolder ? state.allocated - n : state.allocated,
        reservations: fromHolder ? reshape(state, holder, 0, picks, -1) : state.reservations,
        transfersOut: withOwn(state.transfersOut, transferId, { to, picks }),
      };
    }
    case 'StockTransferredIn': {
      const { transferId, picks, receivedAt } = event.data;
      const batches = { ...state.batches };
      for (const p of picks) {
        const existing = own(batches, p.batchId);
        putOwn(
          batches,
          p.batchId,
          existing
            ? { ...existing, onHand: existing.onHand + p.quantity }
            : { ...p.facts, onHand: p.quantity, allocated: 0, receivedAt },
        );
      }
      return {
        ...state,
        batches,
        onHand: state.onHand + total(picks),
        transfersIn: withOwn(state.transfersIn, transferId, true as const),
      };
    }
    case 'StockWrittenOff': {
      const { batchId, quantity } = event.data;
      return {
        ...state,
        onHand: state.onHand - quantity,
        batches: movePicks(state.batches, [{ batchId, quantity }], -1, 0),
      };
    }
    case 'StockAdjusted': {
      const { batchId, delta } = event.data;
      const sign: Sign = delta < 0 ? -1 : 1;
      return {
        ...state,
        onHand: state.onHand + delta,
        batches: movePicks(state.batches, [{ batchId, quantity: Math.abs(delta) }], sign, 0),
      };
    }
    case 'BatchInspectionCleared': {
      const batch = own(state.batches, event.data.batchId);
      if (!batch) return state;
      return {
        ...state,
        batches: withOwn(state.batches, batch.batchId, { ...batch, inspection: event.data.inspection }),
      };
    }
    default:
      return state;
  }
}
