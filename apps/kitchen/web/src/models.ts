/**
 * Shapes of the kitchen API's answers the UI reads. The OpenAPI document does not describe most of them
 * yet (request bodies and parameters come typed from the generated `paths`); when a field is renamed in
 * the API, it changes here and nowhere else.
 */
export interface Listing<T> {
  items: T[];
}
/** The unit a contract prices a SKU in: `base` base units (g or pieces) make one `unit`. */
export interface PriceUnit {
  unit: string;
  base: number;
}
export type BaseUnit = 'g' | 'piece';
export interface ContractLine {
  sku: string;
  name: string;
  category: string;
  baseUnit: BaseUnit;
  saleUnit: PriceUnit;
  /** fen per `saleUnit` */
  unitPriceFen: number;
  /** contracted total, base units */
  limitBase?: number;
  drawnBase: number;
  remainingBase: number | null;
}
export interface Contract {
  contractId: string;
  kitchen: string;
  title: string;
  from: string;
  to: string;
  lines: ContractLine[];
}
export interface StandingLine {
  sku: string;
  baseUnit?: BaseUnit;
  /** base units */
  quantityBase: number;
}
export interface NextDelivery {
  date: string;
  cutoffAt: string;
}
export interface UpcomingDate {
  date: string;
  cutoffAt: string;
  open: boolean;
  status: 'scheduled' | 'changed' | 'skipped' | 'paused';
  lines: StandingLine[];
}
export interface StandingOrder {
  standingOrderId: string;
  kitchen: string;
  contractId: string;
  warehouse: string;
  address: string;
  lines: StandingLine[];
  schedule: { kind: 'weekdays'; weekdays: number[] } | { kind: 'rrule'; rrule: string };
  startDate: string;
  endDate: string;
  cutoff: { daysBefore: number; time: string };
  status: 'active' | 'ended';
  pauses: Array<{ from: string; until: string }>;
  next: NextDelivery | null;
  lastDelivery: { date: string; deliveryId: string } | null;
  upcoming?: UpcomingDate[];
}
export interface StandingOrderChanged {
  standingOrderId: string;
  next: NextDelivery | null;
  position: string;
}
export interface BatchSource {
  batchId: string;
  quantityBase: number;
  producer: string;
  producerName: string;
  county: string;
  village: string;
  harvestDate: string;
  grade: string;
  designated: boolean;
}
export interface Shortage {
  quantityBase: number;
  reason: 'stock' | 'contract';
  status: 'open' | 'substituted' | 'dismissed' | 'shipped_short';
  substitute: {
    sku: string;
    name: string;
    baseUnit: BaseUnit;
    availableBase: number;
    quantityBase: number;
    onContract: boolean;
    saleUnit?: PriceUnit;
    unitPriceFen?: number;
  } | null;
}
export interface DeliveryLine {
  sku: string;
  name: string;
  baseUnit: BaseUnit;
  saleUnit: PriceUnit;
  /** fen per `saleUnit` */
  unitPriceFen: number;
  orderedBase: number;
  reservedBase?: number;
  dispatchedBase?: number;
  receivedBase?: number;
  damagedBase?: number;
  qualityBase?: number;
  missingBase?: number;
  substituteFor?: string;
  kitchenDecision?: 'accepted' | 'refused';
  shortage?: Shortage;
  sources?: BatchSource[];
}
export interface Claim {
  sku: string;
  kind: 'shortage' | 'damage' | 'quality' | 'substitute_refused';
  baseUnit: BaseUnit;
  quantityBase: number;
  amountFen: number;
}
export type DeliveryStatus = 'reserving' | 'ready' | 'dispatched' | 'received' | 'cancelled';
export interface Delivery {
  deliveryId: string;
  standingOrderId: string;
  kitchen: string;
  address: string;
  date: string;
  cutoffAt: string;
  status: DeliveryStatus;
  openShortages: number;
  lines: DeliveryLine[];
  claims: Claim[];
  grossFen: number;
  claimsTotalFen: number;
  amountFen: number;
}
export interface Changed {
  position: string;
}
export interface DesignatedShare {
  designatedFen: number;
  share: number | null;
  target: number;
  meetsTarget: boolean;
}
export interface StatementLine {
  sku: string;
  name: string;
  baseUnit: BaseUnit;
  saleUnit: PriceUnit;
  unitPriceFen: number;
  orderedBase: number;
  dispatchedBase: number;
  receivedBase: number;
  damagedBase: number;
  missingBase: number;
  qualityBase: number;
  substituteFor?: string;
  kitchenDecision?: 'accepted' | 'refused';
  designatedFen: number;
}
export interface StatementPayment {
  reference: string;
  amountFen: number;
  paidOn: string;
  recordedBy: string;
}
export interface Statement {
  kitchen: string;
  month: string;
  status: 'open' | 'unpaid' | 'partially_paid' | 'paid';
  deliveries: Array<{
    deliveryId: string;
    date: string;
    lines: StatementLine[];
    grossFen: number;
    claimsTotalFen: number;
    amountFen: number;
  }>;
  pending: Array<{ deliveryId: string; date: string; status: string }>;
  claims: Array<Claim & { deliveryId: string; date: string }>;
  totals: { deliveries: number; grossFen: number; claimsFen: number; amountFen: number };
  payments: StatementPayment[];
  paidFen: number;
  unpaidFen: number;
  creditFen: number;
  designated: DesignatedShare;
}
export interface SpendingMonth extends DesignatedShare {
  month: string;
  deliveries: number;
  amountFen: number;
}
export interface Spending {
  kitchen: string;
  months: SpendingMonth[];
  bySku: Array<{
    sku: string;
    name: string;
    amountFen: number;
    baseUnit: BaseUnit;
    receivedBase: number;
    saleUnit: PriceUnit;
  }>;
  total: DesignatedShare & { amountFen: number };
}
export interface CutoffRun {
  standingOrderId: string;
  date: string;
  deliveryId: string | null;
  outcome: 'generated' | 'lapsed' | 'already_handled';
  next: NextDelivery | null;
  position: string;
}
