import { valueAtCost, type UnitCost } from '../catalog/sku';
import { shanghaiDate } from '../shared/business-time';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError, insufficientStock } from '../shared/domain-error';
import { hasOwnKey, own } from '../shared/own-keys';
import { evolveStock, initialStockState, type StockState } from './stock.state';
import type {
  BatchFacts,
  BatchPick,
  HolderKind,
  Inspection,
  StockEvent,
  TransferPick,
  WriteOffReason,
} from './stock.events';
import { availableOf, pickFefo, requireBatch, requirePositiveQuantity, requireRemovable } from './stock.rules';

/** Every stock command names its stream's SKU and warehouse and the ISO time it is decided at. */
interface At {
  sku: string;
  warehouse: string;
  now: string;
}

/** Receive a new batch (the handler has checked SKU, warehouse and producer and filled in cost and expiry). */
export type ReceiveStock = At & Omit<BatchFacts, 'cost'> & { type: 'ReceiveStock'; quantity: number; cost: UnitCost };
/** Hold `quantity` for a holder (a top-up when it already holds some). */
export type ReserveStock = At & { type: 'ReserveStock'; holder: string; holderKind: HolderKind; quantity: number };
/** Give back a holder's stock: `quantity` unallocated units, or (absent) everything it holds, picks included. */
export type ReleaseReservation = At & { type: 'ReleaseReservation'; holder: string; quantity?: number; reason: string };
/** Turn `quantity` (default: all) of a holder's reservation into batch picks, first expiry first out. */
export type AllocateStock = At & { type: 'AllocateStock'; holder: string; quantity?: number };
/** Ship a holder's allocated picks out of the warehouse. */
export type IssueStock = At & { type: 'IssueStock'; holder: string; reason: string };
/** Send stock to another warehouse: a holder's allocated picks, or `quantity` free sellable units FEFO. */
export type TransferOut = At & {
  type: 'TransferOut';
  transferId: string;
  to: string;
  holder?: string;
  quantity?: number;
};
/** Receive a transfer sent by `from`: `received` per batch (default: all that was sent); the rest is lost in transit. */
export type TransferIn = At & {
  type: 'TransferIn';
  transferId: string;
  from: string;
  sent: TransferPick[];
  received?: BatchPick[];
};
/** Write off spoiled, expired or damaged stock of one batch (损耗). */
export type WriteOff = At & {
  type: 'WriteOff';
  batchId: string;
  quantity: number;
  reason: WriteOffReason;
  note?: string;
};
/** Correct one batch's on-hand quantity (e.g. an approved stock count). */
export type AdjustStock = At & {
  type: 'AdjustStock';
  batchId: string;
  delta: number;
  reason: string;
  countId?: string;
};
/** Record a new inspection result for a batch; a pass makes it sellable again. */
export type ClearInspection = At & { type: 'ClearInspection'; batchId: string; inspection: Inspection };

export type StockCommand =
  | ReceiveStock
  | ReserveStock
  | ReleaseReservation
  | AllocateStock
  | IssueStock
  | TransferOut
  | TransferIn
  | WriteOff
  | AdjustStock
  | ClearInspection;

const today = (c: At): string => shanghaiDate(new Date(c.now));

function receive(c: ReceiveStock, state: StockState): StockEvent[] {
  if (hasOwnKey(state.batches, c.batchId))
    throw new DomainError('ALREADY_EXISTS', `batch ${c.batchId} already received`, 'batchId');
  requirePositiveQuantity(c.quantity);
  if (c.expiryDate < c.harvestDate)
    throw new DomainError('INVALID_DATES', 'expiry date is before harvest date', 'expiryDate');
  const { type: _type, now, ...data } = c;
  return [{ type: 'StockReceived', data: { ...data, receivedAt: now } }];
}

function reserve(c: ReserveStock, state: StockState): StockEvent[] {
  requirePositiveQuantity(c.quantity);
  const available = availableOf(state, today(c));
  if (c.quantity > available) {
    throw insufficientStock(available, c.quantity);
  }
  const { sku, warehouse, holder, holderKind, quantity, now } = c;
  return [{ type: 'StockReserved', data: { sku, warehouse, holder, holderKind, quantity, reservedAt: now } }];
}

function release(c: ReleaseReservation, state: StockState): StockEvent[] {
  const held = own(state.reservations, c.holder);
  if (!held) throw new DomainError('NOT_FOUND', `${c.holder} holds no stock here`, 'holder');
  if (c.quantity !== undefined) {
    requirePositiveQuantity(c.quantity);
    if (c.quantity > held.quantity) {
      throw new DomainError(
        'INVALID_STATE',
        `${c.holder} holds ${held.quantity} unallocated, not ${c.quantity}`,
        'quantityBase',
      );
    }
  }
  const quantity = c.quantity ?? held.quantity;
  const picks =
    c.quantity === undefined ? Object.entries(held.picks).map(([batchId, q]) => ({ batchId, quantity: q })) : [];
  const { sku, warehouse, holder, reason } = c;
  return [{ type: 'StockReservationReleased', data: { sku, warehouse, holder, quantity, picks, reason } }];
}

function allocate(c: AllocateStock, state: StockState): StockEvent[] {
  const held = own(state.reservations, c.holder);
  if (!held) throw new DomainError('NOT_FOUND', `${c.holder} holds no stock here`, 'holder');
  const quantity = c.quantity ?? held.quantity;
  requirePositiveQuantity(quantity);
  if (quantity > held.quantity) {
    throw new DomainError(
      'INVALID_STATE',
      `${c.holder} holds ${held.quantity} unallocated, not ${quantity}`,
      'quantityBase',
    );
  }
  // The holder's own reservation is counted in `reserved`; picking consumes exactly that share.
  const picks = pickFefo(state, quantity, today(c));
  return [{ type: 'StockAllocated', data: { sku: c.sku, warehouse: c.warehouse, holder: c.holder, picks } }];
}

function issue(c: IssueStock, state: StockState): StockEvent[] {
  const held = own(state.reservations, c.holder);
  const picks = Object.entries(held?.picks ?? {}).map(([batchId, quantity]) => ({ batchId, quantity }));
  if (picks.length === 0)
    throw new DomainError('INVALID_STATE', `${c.holder} has nothing allocated to issue`, 'holder');
  return [
    { type: 'StockIssued', data: { sku: c.sku, warehouse: c.warehouse, holder: c.holder, picks, reason: c.reason } },
  ];
}

const withFacts = (state: StockState, picks: BatchPick[]): TransferPick[] =>
  picks.map((p) => {
    const { onHand: _o, allocated: _a, receivedAt: _r, ...facts } = requireBatch(state, p.batchId);
    return { ...p, facts };
  });

function transferOut(c: TransferOut, state: StockState): StockEvent[] {
  if (c.to === c.warehouse) throw new DomainError('INVALID_STATE', 'a transfer must go to another warehouse', 'to');
  if (hasOwnKey(state.transfersOut, c.transferId))
    throw new DomainError('ALREADY_EXISTS', `transfer ${c.transferId} already sent`, 'transferId');
  let picks: BatchPick[];
  if (c.holder !== undefined) {
    const held = own(state.reservations, c.holder);
    picks = Object.entries(held?.picks ?? {}).map(([batchId, quantity]) => ({ batchId, quantity }));
    if (picks.length === 0)
      throw new DomainError('INVALID_STATE', `${c.holder} has nothing allocated to transfer`, 'holder');
  } else {
    const quantity = c.quantity ?? 0;
    requirePositiveQuantity(quantity);
    const available = availableOf(state, today(c));
    if (quantity > available) throw insufficientStock(available, quantity);
    picks = pickFefo(state, quantity, today(c));
  }
  const { sku, warehouse, transferId, to, holder } = c;
  return [
    {
      type: 'StockTransferredOut',
      data: { sku, warehouse, transferId, to, ...(holder ? { holder } : {}), picks: withFacts(state, picks) },
    },
  ];
}

function transferIn(c: TransferIn, state: StockState): StockEvent[] {
  if (hasOwnKey(state.transfersIn, c.transferId))
    throw new DomainError('ALREADY_DECIDED', `transfer ${c.transferId} already received`, 'transferId');
  const received = new Map((c.received ?? c.sent).map((r) => [r.batchId, r.quantity]));
  for (const [batchId, quantity] of received) {
    const sent = c.sent.find((s) => s.batchId === batchId);
    if (!sent)
      throw new DomainError('INVALID_STATE', `batch ${batchId} was not in transfer ${c.transferId}`, 'received');
    if (!Number.isSafeInteger(quantity) || quantity < 0 || quantity > sent.quantity) {
      throw new DomainError(
        'INVALID_STATE',
        `received ${quantity} of batch ${batchId}, sent ${sent.quantity}`,
        'received',
      );
    }
  }
  const picks = c.sent.map((s) => ({ ...s, quantity: received.get(s.batchId) ?? 0 })).filter((p) => p.quantity > 0);
  const lost = c.sent
    .map((s) => ({ batchId: s.batchId, quantity: s.quantity - (received.get(s.batchId) ?? 0) }))
    .filter((l) => l.quantity > 0);
  const { sku, warehouse, transferId, from, now } = c;
  return [{ type: 'StockTransferredIn', data: { sku, warehouse, transferId, from, picks, lost, receivedAt: now } }];
}

function writeOff(c: WriteOff, state: StockState): StockEvent[] {
  requirePositiveQuantity(c.quantity);
  const batch = requireBatch(state, c.batchId);
  requireRemovable(state, batch, c.quantity, today(c), 'quantityBase');
  const { sku, warehouse, batchId, quantity, reason, note } = c;
  const value = valueAtCost(quantity, batch.cost);
  return [
    { type: 'StockWrittenOff', data: { sku, warehouse, batchId, quantity, value, reason, ...(note ? { note } : {}) } },
  ];
}

function adjust(c: AdjustStock, state: StockState): StockEvent[] {
  if (!Number.isSafeInteger(c.delta) || c.delta === 0)
    throw new DomainError('INVALID_STATE', 'delta must be a non-zero whole number', 'delta');
  const batch = requireBatch(state, c.batchId);
  if (c.delta < 0) requireRemovable(state, batch, -c.delta, today(c), 'delta');
  const { sku, warehouse, batchId, delta, reason, countId } = c;
  const value = valueAtCost(delta, batch.cost);
  return [
    { type: 'StockAdjusted', data: { sku, warehouse, batchId, delta, value, reason, ...(countId ? { countId } : {}) } },
  ];
}

function clearInspection(c: ClearInspection, state: StockState): StockEvent[] {
  requireBatch(state, c.batchId);
  return [
    {
      type: 'BatchInspectionCleared',
      data: { sku: c.sku, warehouse: c.warehouse, batchId: c.batchId, inspection: c.inspection },
    },
  ];
}

/** Stock of one SKU at one warehouse: the ledger every channel sells from. */
export const stockDecider: Decider<StockCommand, StockEvent, StockState> & { name: string } = {
  name: 'stock',
  initialState: initialStockState,
  decide(command, state) {
    switch (command.type) {
      case 'ReceiveStock':
        return receive(command, state);
      case 'ReserveStock':
        return reserve(command, state);
      case 'ReleaseReservation':
        return release(command, state);
      case 'AllocateStock':
        return allocate(command, state);
      case 'IssueStock':
        return issue(command, state);
      case 'TransferOut':
        return transferOut(command, state);
      case 'TransferIn':
        return transferIn(command, state);
      case 'WriteOff':
        return writeOff(command, state);
      case 'AdjustStock':
        return adjust(command, state);
      case 'ClearInspection':
        return clearInspection(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveStock,
};
