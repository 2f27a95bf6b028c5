import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { UnitCost } from '../catalog/sku';
import { evolveStock, initialStockState, type BatchFacts, type StockEvent, type StockState } from './stock.events';

/**
 * Receive a new batch. The handler has checked that the SKU and the warehouse exist and passes
 * the SKU's cost when the receipt names none.
 */
export interface ReceiveStock extends Omit<BatchFacts, 'cost'> {
  type: 'ReceiveStock';
  sku: string;
  warehouse: string;
  quantity: number;
  cost: UnitCost;
  /** ISO time of the receipt. */
  now: string;
}

export type StockCommand = ReceiveStock;

function receive(command: ReceiveStock, state: StockState): StockEvent[] {
  if (state.batches[command.batchId]) {
    throw new DomainError('ALREADY_EXISTS', `batch ${command.batchId} already received`, 'batchId');
  }
  if (!Number.isSafeInteger(command.quantity) || command.quantity <= 0) {
    throw new DomainError('INVALID_STATE', 'quantity must be a positive whole number of base units', 'quantity');
  }
  if (command.expiryDate < command.harvestDate) {
    throw new DomainError('INVALID_DATES', 'expiry date is before harvest date', 'expiryDate');
  }
  const { type: _type, now, ...data } = command;
  return [{ type: 'StockReceived', data: { ...data, receivedAt: now } }];
}

/** Stock of one SKU at one warehouse: the ledger every channel sells from. */
export const stockDecider: Decider<StockCommand, StockEvent, StockState> & { name: string } = {
  name: 'stock',
  initialState: initialStockState,
  decide(command, state) {
    switch (command.type) {
      case 'ReceiveStock':
        return receive(command, state);
      default:
        return assertNever(command.type);
    }
  },
  evolve: evolveStock,
};
