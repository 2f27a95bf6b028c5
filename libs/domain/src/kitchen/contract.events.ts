import { own } from '../shared/own-keys';
import type { ContractPrice } from './pricing';

/** One SKU of a supply contract (供货协议): its contract price and, optionally, the total quantity agreed. */
export interface ContractLine extends ContractPrice {
  sku: string;
  name: string;
  /** The SKU's category; substitutes for a shortage are proposed from the same category. */
  category: string;
  /** Contracted total in base units over the whole period; absent: no limit. */
  limit?: number;
}

/** Whether a delivery's draw on the contract stands for stock held for it or for what the kitchen accepted. */
export type DrawStage = 'reserved' | 'delivered';

export type ContractEvent =
  | {
      type: 'ContractCreated';
      data: { contractId: string; kitchen: string; title: string; from: string; to: string; lines: ContractLine[]; createdBy: string; createdAt: string };
    }
  /** A delivery asked for `requested` and the contract granted `granted` (less when the balance ran short); `drawn` is the SKU's total after. */
  | { type: 'ContractQuantityCommitted'; data: { contractId: string; deliveryId: string; sku: string; requested: number; granted: number; drawn: number } }
  /** A delivery's draw was corrected to `quantity` (what was reserved, later what was accepted); `drawn` is the SKU's total after. */
  | { type: 'ContractQuantitySettled'; data: { contractId: string; deliveryId: string; sku: string; quantity: number; stage: DrawStage; drawn: number } };

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

/** Stream of one supply contract: `contract-<contractId>`. */
export const contractStream = (contractId: string): string => `contract-${contractId}`;

/** Key of one delivery line's draw on a contract. */
export const drawKey = (deliveryId: string, sku: string): string => `${deliveryId}|${sku}`;

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
      return { ...initialContractState, exists: true, contractId, kitchen, title, from, to, lines: Object.fromEntries(lines.map((l) => [l.sku, l])) };
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
      return { ...state, draws: { ...state.draws, [drawKey(deliveryId, sku)]: quantity }, drawn: { ...state.drawn, [sku]: drawn } };
    }
    default:
      return state;
  }
}
