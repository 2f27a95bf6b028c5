import type { UnitCost } from '../catalog/sku';

export const GRADES = ['特级', '一级', '二级'] as const;
export type Grade = (typeof GRADES)[number];
export const INSPECTION_RESULTS = ['pass', 'fail', 'missing'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

/** Pesticide-residue inspection of a batch (农残检测). */
export interface Inspection {
  result: InspectionResult;
  testId?: string;
}

/** Where a batch was grown. */
export interface Origin {
  village: string;
  plot?: string;
}

/** Facts recorded when a batch is received (收购入库). Dates are business dates (YYYY-MM-DD, Asia/Shanghai). */
export interface BatchFacts {
  batchId: string;
  producer: string;
  origin: Origin;
  harvestDate: string;
  expiryDate: string;
  grade: Grade;
  inspection: Inspection;
  cost: UnitCost;
}

export interface StockReceived {
  type: 'StockReceived';
  data: BatchFacts & { sku: string; warehouse: string; quantity: number; receivedAt: string };
}

export type StockEvent = StockReceived;

/** One batch held at the warehouse. */
export interface BatchState extends BatchFacts {
  onHand: number;
  receivedAt: string;
}

/** Stock of one SKU at one warehouse. */
export interface StockState {
  batches: Record<string, BatchState>;
  onHand: number;
  reserved: number;
}

export const initialStockState: StockState = { batches: {}, onHand: 0, reserved: 0 };

/** Stream of the stock of one SKU at one warehouse: `stock-<sku>@<warehouse>`. */
export const stockStream = (sku: string, warehouse: string): string => `stock-${sku}@${warehouse}`;

/** Fold one stock event; unknown event types leave the state unchanged. */
export function evolveStock(state: StockState, event: StockEvent): StockState {
  switch (event.type) {
    case 'StockReceived': {
      const { sku: _sku, warehouse: _warehouse, quantity, ...facts } = event.data;
      return {
        ...state,
        onHand: state.onHand + quantity,
        batches: { ...state.batches, [facts.batchId]: { ...facts, onHand: quantity } },
      };
    }
    default:
      return state;
  }
}

/** A batch may be sold when it passed inspection and is not expired on `today` (YYYY-MM-DD). */
export function isSellable(batch: Pick<BatchFacts, 'inspection' | 'expiryDate'>, today: string): boolean {
  return batch.inspection.result === 'pass' && batch.expiryDate >= today;
}
