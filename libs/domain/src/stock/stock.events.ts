import type { UnitCost } from '../catalog/sku';

export const GRADES = ['特级', '一级', '二级'] as const;
export type Grade = (typeof GRADES)[number];
export const INSPECTION_RESULTS = ['pass', 'fail', 'missing'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
/** Who holds a reservation: an order, a campaign quota, an auction lot, a kitchen delivery. */
export const HOLDER_KINDS = ['order', 'campaign', 'lot', 'delivery', 'other'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];
export const WRITE_OFF_REASONS = ['spoilage', 'expiry', 'damage', 'other'] as const;
export type WriteOffReason = (typeof WRITE_OFF_REASONS)[number];

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

/** A quantity taken from one batch. */
export interface BatchPick {
  batchId: string;
  quantity: number;
}

/** A pick that travels to another warehouse with the facts of its batch (traceability survives transfers). */
export interface TransferPick extends BatchPick {
  facts: BatchFacts;
}

interface At {
  sku: string;
  warehouse: string;
}

export type StockEvent =
  | { type: 'StockReceived'; data: At & BatchFacts & { quantity: number; receivedAt: string } }
  | {
      type: 'StockReserved';
      data: At & { holder: string; holderKind: HolderKind; quantity: number; reservedAt: string };
    }
  | {
      type: 'StockReservationReleased';
      data: At & { holder: string; quantity: number; picks: BatchPick[]; reason: string };
    }
  | { type: 'StockAllocated'; data: At & { holder: string; picks: BatchPick[] } }
  | { type: 'StockIssued'; data: At & { holder: string; picks: BatchPick[]; reason: string } }
  | {
      type: 'StockTransferredOut';
      data: At & { transferId: string; to: string; holder?: string; picks: TransferPick[] };
    }
  | {
      type: 'StockTransferredIn';
      data: At & { transferId: string; from: string; picks: TransferPick[]; lost: BatchPick[]; receivedAt: string };
    }
  /** `value`: the quantity at the batch's cost, in fen (for variance and shrinkage reports). */
  | {
      type: 'StockWrittenOff';
      data: At & { batchId: string; quantity: number; value: number; reason: WriteOffReason; note?: string };
    }
  | {
      type: 'StockAdjusted';
      data: At & { batchId: string; delta: number; value: number; reason: string; countId?: string };
    }
  | { type: 'BatchInspectionCleared'; data: At & { batchId: string; inspection: Inspection } };

/** Stream of the stock of one SKU at one warehouse: `stock-<sku>@<warehouse>`. */
export const stockStream = (sku: string, warehouse: string): string => `stock-${sku}@${warehouse}`;
