import { own } from '../shared/own-keys';
import { drawKey, type ContractEvent, type ContractLine } from './contract.events';

/** A supply contract of `contract-<contractId>` as its decider sees it. */
export interface ContractState {
  exists: boolean;
  contractId: string;
  kitchen: string;
  title: string;
  from: string;
  to: string;
  lines: Record<string, ContractLine>;
  /** What each delivery line was granted at first, by {@link drawKey}. */
  commitments: Record<string, number>;
  /** What each delivery line draws now, by {@link drawKey}. */
  draws: Record<string, number>;
  /** Total drawn per SKU. */
  drawn: Record<string, number>;
}

export const initialContractState: ContractState = {
  exists: false,
  contractId: '',
  kitchen: '',
  title: '',
  from: '',
  to: '',
  lines: {},
  commitments: {},
  draws: {},
  drawn: {},
};

/** What is left of a SKU's contracted total (null: no limit). */
export function remainingOf(state: Pick<ContractState, 'lines' | 'drawn'>, sku: string): number | null {
  const limit = own(state.lines, sku)?.limit;
  return limit === undefined ? null : Math.max(0, limit - (own(state.drawn, sku) ?? 0));
}

/** Fold one contract event; unknown event types leave the state unchanged. */
export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  switch (event.type) {
    case 'ContractCreated': {
      const { contractId, kitchen, title, from, to, lines } = event.data;
      return {
        ...initialContractState,
        exists: true,
        contractId,
        kitchen,
        title,
        from,
        to,
        lines: Object.fromEntries(lines.map((l) => [l.sku, l])),
      };
    }
    case 'ContractQuantityCommitted': {
      const { deliveryId, sku, granted, drawn } = event.data;
      const key = drawKey(deliveryId, sku);
      return {
        ...state,
        commitments: { ...state.commitments, [key]: granted },
        draws: { ...state.draws, [key]: granted },
        drawn: { ...state.drawn, [sku]: drawn },
      };
    }
    case 'ContractQuantitySettled': {
      const { deliveryId, sku, quantity, drawn } = event.data;
      return {
        ...state,
        draws: { ...state.draws, [drawKey(deliveryId, sku)]: quantity },
        drawn: { ...state.drawn, [sku]: drawn },
      };
    }
    default:
      return state;
  }
}
