import type { SaleUnit } from '../catalog/sku';
import type { BatchPick } from '../stock/stock.events';

/** How a consumer pays: online through Stripe, or in cash/QR to the leader at hand-over. */
export const PAYMENT_METHODS = ['stripe', 'pay_at_pickup'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const CAMPAIGN_STATUSES = ['draft', 'publishing', 'published', 'succeeded', 'failed', 'cancelled'] as const;
/** draft → publishing (quota being reserved) → published → succeeded | failed at cut-off; a draft or published campaign can be cancelled. */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Why a payment was not taken and must be refunded. */
export type PaymentRefusal =
  'duplicate' | 'sold_out' | 'limit_exceeded' | 'closed' | 'cancelled' | 'amount_mismatch' | 'not_payable';

/**
 * What a campaign (团购活动) offers. Quantities (quota, minimum, limit, orders) are whole sale units
 * of `saleUnit`; the stock ledger moves `quantity × saleUnit.base` base units. Prices are fen per sale unit.
 */
export interface CampaignTerms {
  campaignId: string;
  title: string;
  sku: string;
  skuName: string;
  /** Supplying warehouse: the quota is reserved here. */
  warehouse: string;
  pickupPoint: string;
  /** The warehouse of the pickup point: the sold quantity is transferred there. */
  pickupWarehouse: string;
  saleUnit: SaleUnit;
  unitPriceFen: number;
  /** 成团量: committed quantity needed at cut-off for the campaign to succeed. */
  minQuantity: number;
  quota: number;
  perCustomerLimit: number;
  opensAt: string;
  cutoffAt: string;
  /** Business date (YYYY-MM-DD) on which orders can be picked up. */
  pickupDate: string;
  createdBy: string;
  createdAt: string;
}

/** Terms of a draft campaign that may change before it is published (the product and supplying warehouse may not). */
export const EDITABLE_TERMS = [
  'title',
  'unitPriceFen',
  'minQuantity',
  'quota',
  'perCustomerLimit',
  'opensAt',
  'cutoffAt',
  'pickupDate',
  'pickupPoint',
] as const;
export type EditableTerm = (typeof EDITABLE_TERMS)[number];
/** A change of a draft's terms: the new values of the terms that changed (a new pickup point brings its warehouse). */
export type TermsChange = Partial<Pick<CampaignTerms, EditableTerm | 'pickupWarehouse'>>;

/** Who ran a campaign's cut-off before its time (absent when its deadline ran it). */
export interface EarlyCutoff {
  closedBy?: string;
}

/** The facts of a join, as recorded (and as the order read model starts from). */
export interface JoinedData {
  campaignId: string;
  orderId: string;
  customer: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
  paymentMethod: PaymentMethod;
  sku: string;
  saleUnit: string;
  pickupPoint: string;
  pickupCode: string;
  joinedAt: string;
  expiresAt?: string;
}

/** A refund owed for one payment. */
export interface RefundDue {
  orderId: string;
  intentId: string;
  amountFen: number;
}

type Id = { campaignId: string };

export type CampaignEvent =
  | { type: 'CampaignCreated'; data: CampaignTerms }
  | {
      type: 'CampaignPublishRequested';
      data: Id & { attempt: number; by: string; at: string; sku: string; warehouse: string; reserveQuantity: number };
    }
  | { type: 'CampaignPublished'; data: Id & { attempt: number; at: string; cutoffAt: string } }
  | { type: 'CampaignPublishRejected'; data: Id & { attempt: number; code: string; reason: string; at: string } }
  | { type: 'CampaignJoined'; data: JoinedData }
  | {
      type: 'CampaignOrderPaid';
      data: Id & {
        orderId: string;
        customer: string;
        quantity: number;
        intentId: string;
        amountFen: number;
        reheld: boolean;
        at: string;
      };
    }
  | {
      type: 'CampaignPaymentRefused';
      data: Id & {
        orderId: string;
        customer: string;
        intentId: string;
        amountFen: number;
        reason: PaymentRefusal;
        at: string;
      };
    }
  | {
      type: 'CampaignOrderReleased';
      data: Id & {
        orderId: string;
        customer: string;
        quantity: number;
        paymentMethod: PaymentMethod;
        /** Whether the released quantity had been paid online. */
        wasPaid: boolean;
        reason: 'expired' | 'cancelled';
        refund?: RefundDue;
        at: string;
      };
    }
  | {
      type: 'CampaignSucceeded';
      data: Id &
        EarlyCutoff & {
          soldQuantity: number;
          paidQuantity: number;
          payAtPickupQuantity: number;
          orders: string[];
          at: string;
        };
    }
  | {
      type: 'CampaignFailed';
      data: Id &
        EarlyCutoff & {
          committedQuantity: number;
          minQuantity: number;
          orders: string[];
          refunds: RefundDue[];
          at: string;
        };
    }
  /** A draft's terms were changed by `by` (only the changed terms, with their new values). */
  | { type: 'CampaignEdited'; data: Id & { changes: TermsChange; by: string; at: string } }
  /**
   * The campaign was cancelled by `by` for `reason`. A published one releases every live order:
   * `orders` (all of them), `refunds` owed for those paid online, `unpaid` online orders whose
   * payment must no longer be taken; its quota goes back to stock (`wasPublished`).
   */
  | {
      type: 'CampaignCancelled';
      data: Id & {
        by: string;
        reason: string;
        wasPublished: boolean;
        orders: string[];
        refunds: RefundDue[];
        unpaid: string[];
        at: string;
      };
    }
  | {
      type: 'CampaignFulfilled';
      data: Id & { allocated: number; released: number; transferId?: string; to: string; at: string };
    }
  | { type: 'CampaignFulfilmentBlocked'; data: Id & { step: string; code: string; reason: string; at: string } }
  | { type: 'CampaignQuotaReturned'; data: Id & { released: number; at: string } }
  /**
   * The campaign's transfer was received at the pickup point's warehouse: `held` base units of the
   * `received` ones are reserved there under `holder` for the orders they serve; `unserved` orders
   * cannot be served (lost in transit, or the hold was `refused` by the ledger).
   */
  | {
      type: 'CampaignGoodsArrived';
      data: Id & {
        transferId: string;
        warehouse: string;
        holder: string;
        received: number;
        lost: number;
        held: number;
        unserved: string[];
        refused?: { code: string; reason: string };
        at: string;
      };
    }
  /**
   * A handed-over order's `quantity` base units were allocated from the pickup hold and issued (`picks`:
   * the batches that supplied the order). `traceToken` is the unguessable key of the order's public
   * traceability page (absent on events recorded before it existed).
   */
  | {
      type: 'CampaignPickupIssued';
      data: Id & { orderId: string; quantity: number; picks: BatchPick[]; traceToken?: string; at: string };
    }
  /** The ledger refused to issue a handed-over order's goods (operators must step in). */
  | {
      type: 'CampaignPickupIssueBlocked';
      data: Id & { orderId: string; quantity: number; code: string; reason: string; at: string };
    };

/** Stream of one campaign: `campaign-<campaignId>`. */
export const campaignStream = (campaignId: string): string => `campaign-${campaignId}`;

/** Order ids are `<campaignId>-<suffix>`, so a payment that names only the order finds its campaign. */
export function campaignIdOfOrder(orderId: string): string | null {
  const cut = orderId.lastIndexOf('-');
  return cut > 0 ? orderId.slice(0, cut) : null;
}
