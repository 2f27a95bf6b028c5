/** Answers of the storefront API that its OpenAPI document does not describe field by field (typed by hand). */

/** A sale unit: `base` base units (grams or pieces) make one `unit`. */
export interface SaleUnit {
  unit: string;
  base: number;
}

export type CampaignStatus = 'draft' | 'publishing' | 'published' | 'succeeded' | 'failed' | 'cancelled';

export interface Campaign {
  campaignId: string;
  title: string;
  sku: string;
  skuName: string;
  warehouse: string;
  pickupPoint: string;
  pickupWarehouse: string;
  saleUnit: SaleUnit;
  baseUnit: 'g' | 'piece';
  unitPriceFen: number;
  minQuantity: number;
  quota: number;
  perCustomerLimit: number;
  opensAt: string;
  cutoffAt: string;
  pickupDate: string;
  status: CampaignStatus;
  held: number;
  remaining: number;
  progress: { minimum: number; committed: number; percent: number; reached: boolean };
  fulfilment?: { status: 'pending' | 'done' | 'blocked'; transferId?: string };
  pickup?: {
    status: 'awaiting_goods' | 'ready' | 'blocked' | 'done';
    transferId?: string;
    awaiting: string[];
    unserved: string[];
  };
}

export interface PickupPoint {
  code: string;
  name: string;
  hours: string;
  warehouse?: string;
  address?: string;
}

export type OrderStatus =
  'awaiting_payment' | 'reserved' | 'paid' | 'confirmed' | 'completed' | 'expired' | 'cancelled';
export type PaymentStatus =
  'awaiting' | 'paid' | 'due_at_pickup' | 'collected' | 'refund_pending' | 'refunded' | 'refund_failed' | 'none';

export interface Order {
  orderId: string;
  campaignId: string;
  customer: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
  paymentMethod: 'stripe' | 'pay_at_pickup';
  sku: string;
  saleUnit: SaleUnit;
  pickupPoint: string;
  pickupCode?: string;
  status: OrderStatus;
  placedAt: string;
  expiresAt?: string;
  payment: {
    method: 'stripe' | 'pay_at_pickup';
    status: PaymentStatus;
    paidAt?: string;
    clientSecret?: string;
    refunds: Array<{ refundId: string; amountFen: number; status: string; at: string }>;
  };
  handedOver?: { by: string; at: string; collectedFen: number; commissionFen: number };
  supply?: { batches: Array<{ batchId: string; quantityBase: number }>; issuedAt: string };
  traceToken?: string;
  history: Array<{ status: string; at: string; note?: string }>;
  campaignTitle: string | null;
  pickupDate: string | null;
  /** Where to collect: the pickup point's name, hours, and address and coordinates when it has them. */
  pickupPlace: { code: string; name: string; hours: string; address?: string; lat?: number; lng?: number } | null;
}

/** The answer of joining: the order itself (as `GET /orders/{id}` shows it) and the log position. */
export interface JoinAnswer {
  orderId: string;
  position: string;
}

export interface Commission {
  pickupPoint: string;
  month: string;
  completedOrders: number;
  salesFen: number;
  collectedFen: number;
  commissionFen: number;
}

export interface Uncollected {
  campaignId: string;
  title: string;
  pickupDate: string;
  pickup: { awaiting: string[]; unserved: string[]; issueBlocked: Array<{ orderId: string }> };
}
