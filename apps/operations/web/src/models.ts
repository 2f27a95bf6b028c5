import type { components } from '@gx/web/api/operations';

/**
 * Shapes of the operations API's answers that its OpenAPI document does not describe yet (request bodies
 * and parameters come typed from the generated `paths`). When the API documents its responses, these give
 * way to `components['schemas']`, and a renamed field shows up as a type error.
 */
export interface Listing<T> {
  items: T[];
}
export interface Warehouse {
  code: string;
  name: string;
  kind: string;
  county: string;
}
export interface SaleUnit {
  unit: string;
  base: number;
}
export interface Sku {
  code: string;
  name: string;
  category: string;
  baseUnit: string;
  saleUnits: SaleUnit[];
  shelfLifeDays: number;
  storage: string;
  regionalBrand: boolean;
  /** Cost: `costFen` fen per `costPerBase` base units. */
  costFen: number;
  costPerBase: number;
}
export interface Producer {
  code: string;
  name: string;
  kind: string;
  county: string;
}
export interface Batch {
  batchId: string;
  producer: string;
  origin: { village: string; plot?: string };
  harvestDate: string;
  expiryDate: string;
  grade: string;
  inspection: { result: string; testId?: string };
  costFen: number;
  costPerBase: number;
  onHandBase: number;
  allocatedBase: number;
  freeBase: number;
  sellable: boolean;
}
export interface Reservation {
  holder: string;
  holderKind: string;
  quantityBase: number;
  since: string;
}
/** Quantities in base units (`…Base`) of the SKU's `baseUnit`. */
export interface StockLevel {
  sku: string;
  warehouse: string;
  baseUnit: string;
  onHandBase: number;
  reservedBase: number;
  allocatedBase: number;
  availableBase: number;
  unsellableBase: number;
  batches: Batch[];
  reservations: Reservation[];
}
export interface ExpiringBatch extends Omit<Batch, 'freeBase' | 'sellable'> {
  sku: string;
  warehouse: string;
  expired: boolean;
  daysLeft: number;
}
export interface ProjectionStatus {
  name: string;
  generation: number;
  checkpoint: string;
  head: string;
  lag: number;
  state: string;
  lastRebuild?: { state: string; requestedAt: string; requestedBy: string; finishedAt?: string };
}
export interface Integrity {
  checkedAt: string;
  ok: boolean;
  disagreementCount: number;
  projections: Array<{ projection: string; documents: number; disagreements: number; lagging: boolean }>;
  disagreements: Array<Record<string, unknown>>;
}
/** A quantity in base units and its value at cost in fen. */
export interface QuantityValue {
  quantityBase: number;
  valueFen: number;
}
export interface VarianceRow {
  warehouse: string;
  sku: string;
  month: string;
  baseUnit: string;
  received: QuantityValue;
  /** Arrived by transfer: counts as received for the shrinkage rate. */
  transferredIn: QuantityValue;
  /** Sent here but never arrived. */
  lostInTransit: QuantityValue;
  writtenOff: QuantityValue;
  countGain: QuantityValue;
  countLoss: QuantityValue;
  shrinkageValueFen: number;
  /** Null when nothing came in that month. */
  shrinkageRate: number | null;
}
export interface Receipt {
  batchId: string;
  expiryDate: string;
  quantityBase: number;
  position: string;
}
export interface BatchQuantity {
  batchId: string;
  quantityBase: number;
}
export interface Transfer {
  transferId: string;
  sku: string;
  from: string;
  to: string;
  baseUnit: string;
  quantityBase: number;
  status: string;
  picks: BatchQuantity[];
  sentAt: string;
  receivedAt?: string;
  receivedBase?: number;
  lost?: BatchQuantity[];
}
export interface CountLine {
  sku: string;
  batchId: string;
  baseUnit: string;
  countedBase: number;
  /** Book, variance and values once the count is submitted (blind while open). */
  bookBase?: number;
  varianceBase?: number;
  varianceValueFen?: number;
}
export interface StockCount {
  countId: string;
  warehouse: string;
  skus: string[];
  status: string;
  openedBy: string;
  openedAt: string;
  approvals: Array<{ by: string } | string>;
  lines: CountLine[];
  /** Quantities only when every SKU of the count shares one base unit. */
  totals: {
    lines: number;
    baseUnit?: string;
    countedBase?: number;
    bookBase?: number;
    varianceBase?: number;
    lossValueFen?: number;
    gainValueFen?: number;
    absoluteValueFen?: number;
  };
}
export interface Trace {
  batchId: string;
  sku: string;
  producer: string;
  origin: { village: string; plot?: string };
  harvestDate: string;
  grade: string;
  movements: Array<{
    position: string;
    at: string;
    actor: string;
    warehouse: string;
    type: string;
    quantityBase: number;
    to?: string;
    from?: string;
    holder?: string;
  }>;
}
export interface VarianceReport {
  rows: VarianceRow[];
}
export interface PickupPoint {
  code: string;
  name: string;
  warehouse: string;
  hours: string;
  address?: string;
  lat?: number;
  lng?: number;
}
/** A kitchen as master data (`GET /kitchens`), as the API documents it. */
export type Kitchen = components['schemas']['KitchenView'];
/** A pickup point's group leader (`GET /pickup-points/{code}/leaders`), as the API documents it. */
export type PickupPointLeader = components['schemas']['PickupPointLeaderView'];
export interface StockHistory {
  /** null when no moment was asked for (the position now). */
  asOf: string | null;
  position: { onHandBase: number; reservedBase: number; allocatedBase: number; availableBase: number };
  entries: Array<{
    position: string;
    at: string;
    type: string;
    actor: string;
    onHandDeltaBase: number;
    onHandBase: number;
  }>;
}
/** The day's cut-offs and lot closes (`GET /reports/deadlines`), as the API documents it. */
export type DayDeadlines = components['schemas']['DayDeadlinesView'];
/** The answer of `POST /write-offs`, as the API documents it. */
export type WriteOffDone = components['schemas']['WriteOffView'];
export interface InspectionDone {
  batchId: string;
  inspection: { result: string; testId?: string };
  position: string;
}
export interface Created {
  position: string;
}
/** One write-off of the log (`GET /write-offs`), as the API documents it. */
export type WriteOffEntry = components['schemas']['WriteOffEntryView'];
