import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { hasOwnKey, own } from '../shared/own-keys';
import { drawKey, type ContractEvent, type ContractLine, type DrawStage } from './contract.events';
import { evolveContract, initialContractState, remainingOf, type ContractState } from './contract.state';
import { isBusinessDate } from './schedule';

/** Create a contract for `kitchen` over [from, to] (the handler has filled in names, categories and unit sizes). */
export type CreateContract = {
  type: 'CreateContract';
  contractId: string;
  kitchen: string;
  title: string;
  from: string;
  to: string;
  lines: ContractLine[];
  by: string;
  now: string;
};
/** Draw up to `requested` base units for one delivery line; a repeat for the same line changes nothing. */
export type CommitContractQuantity = {
  type: 'CommitContractQuantity';
  deliveryId: string;
  sku: string;
  requested: number;
};
/** Correct one delivery line's draw to `quantity` (never above what was granted). */
export type SettleContractQuantity = {
  type: 'SettleContractQuantity';
  deliveryId: string;
  sku: string;
  quantity: number;
  stage: DrawStage;
};

export type ContractCommand = CreateContract | CommitContractQuantity | SettleContractQuantity;

const isWhole = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

function create(c: CreateContract, state: ContractState): ContractEvent[] {
  if (state.exists) throw new DomainError('ALREADY_EXISTS', `contract ${c.contractId} already exists`, 'id');
  if (!isBusinessDate(c.from)) throw new DomainError('INVALID_DATES', 'from must be a date written YYYY-MM-DD', 'from');
  if (!isBusinessDate(c.to) || c.to < c.from)
    throw new DomainError('INVALID_DATES', 'the period must end on or after its first day', 'to');
  if (c.lines.length === 0) throw new DomainError('INVALID_STATE', 'a contract needs at least one SKU', 'lines');
  const seen = new Set<string>();
  c.lines.forEach((line, i) => {
    if (seen.has(line.sku)) throw new DomainError('INVALID_STATE', `${line.sku} appears twice`, `lines.${i}.sku`);
    seen.add(line.sku);
    if (!isWhole(line.fen))
      throw new DomainError('INVALID_STATE', 'a price is a whole number of fen', `lines.${i}.unitPriceFen`);
    if (!isWhole(line.base) || line.base === 0)
      throw new DomainError('INVALID_STATE', 'a unit is a positive whole number of base units', `lines.${i}.saleUnit`);
    if (line.limit !== undefined && (!isWhole(line.limit) || line.limit === 0)) {
      throw new DomainError(
        'INVALID_STATE',
        'a contracted total is a positive whole number of base units',
        `lines.${i}.limitBase`,
      );
    }
  });
  const { contractId, kitchen, title, from, to, lines, by, now } = c;
  return [
    { type: 'ContractCreated', data: { contractId, kitchen, title, from, to, lines, createdBy: by, createdAt: now } },
  ];
}

function requireLine(state: ContractState, sku: string): ContractLine {
  if (!state.exists) throw new DomainError('NOT_FOUND', 'no such contract', 'contractId');
  const line = own(state.lines, sku);
  if (!line) throw new DomainError('UNKNOWN_SKU', `${sku} is not on contract ${state.contractId}`, 'sku');
  return line;
}

function commit(c: CommitContractQuantity, state: ContractState): ContractEvent[] {
  requireLine(state, c.sku);
  if (!isWhole(c.requested))
    throw new DomainError('INVALID_STATE', 'requested must be a whole number of base units', 'requested');
  if (hasOwnKey(state.commitments, drawKey(c.deliveryId, c.sku))) return [];
  const remaining = remainingOf(state, c.sku);
  const granted = remaining === null ? c.requested : Math.min(c.requested, remaining);
  const drawn = (own(state.drawn, c.sku) ?? 0) + granted;
  const { deliveryId, sku, requested } = c;
  return [
    {
      type: 'ContractQuantityCommitted',
      data: { contractId: state.contractId, deliveryId, sku, requested, granted, drawn },
    },
  ];
}

function settle(c: SettleContractQuantity, state: ContractState): ContractEvent[] {
  requireLine(state, c.sku);
  const key = drawKey(c.deliveryId, c.sku);
  const granted = own(state.commitments, key);
  if (granted === undefined)
    throw new DomainError('NOT_FOUND', `delivery ${c.deliveryId} drew no ${c.sku}`, 'deliveryId');
  if (!isWhole(c.quantity) || c.quantity > granted) {
    throw new DomainError(
      'INVALID_STATE',
      `a draw of ${c.sku} is 0 to ${granted} base units, not ${c.quantity}`,
      'quantity',
    );
  }
  const current = own(state.draws, key) ?? 0;
  if (current === c.quantity) return [];
  const drawn = (own(state.drawn, c.sku) ?? 0) - current + c.quantity;
  const { deliveryId, sku, quantity, stage } = c;
  return [
    {
      type: 'ContractQuantitySettled',
      data: { contractId: state.contractId, deliveryId, sku, quantity, stage, drawn },
    },
  ];
}

/** A kitchen's supply contract: prices for a period and the balance of contracted totals. */
export const contractDecider: Decider<ContractCommand, ContractEvent, ContractState> & { name: string } = {
  name: 'contract',
  initialState: initialContractState,
  decide(command, state) {
    switch (command.type) {
      case 'CreateContract':
        return create(command, state);
      case 'CommitContractQuantity':
        return commit(command, state);
      case 'SettleContractQuantity':
        return settle(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveContract,
};
