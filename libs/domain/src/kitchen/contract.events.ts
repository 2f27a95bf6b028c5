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
      data: {
        contractId: string;
        kitchen: string;
        title: string;
        from: string;
        to: string;
        lines: ContractLine[];
        createdBy: string;
        createdAt: string;
      };
    }
  /** A delivery asked for `requested` and the contract granted `granted` (less when the balance ran short); `drawn` is the SKU's total after. */
  | {
      type: 'ContractQuantityCommitted';
      data: { contractId: string; deliveryId: string; sku: string; requested: number; granted: number; drawn: number };
    }
  /** A delivery's draw was corrected to `quantity` (what was reserved, later what was accepted); `drawn` is the SKU's total after. */
  | {
      type: 'ContractQuantitySettled';
      data: { contractId: string; deliveryId: string; sku: string; quantity: number; stage: DrawStage; drawn: number };
    };

/** Stream of one supply contract: `contract-<contractId>`. */
export const contractStream = (contractId: string): string => `contract-${contractId}`;

/** Key of one delivery line's draw on a contract. */
export const drawKey = (deliveryId: string, sku: string): string => `${deliveryId}|${sku}`;
