import type { PaymentMethod } from './campaign.events';

/**
 * What happens to a group-buy order after its campaign took it (`order-<orderId>`): payment
 * attempts, confirmation when the campaign succeeds, refunds, and the hand-over at the pickup point.
 * The order is born on its campaign's stream (the quota hold); this stream starts with its first
 * follow-up fact.
 */

/** The facts of a confirmed order that the hand-over needs. */
export interface ConfirmedOrder {
  orderId: string;
  campaignId: string;
  customer: string;
  pickupPoint: string;
  pickupCode: string;
  quantity: number;
  amountFen: number;
  paymentMethod: PaymentMethod;
}

/** Final outcomes of a refund at the gateway. */
export type RefundOutcome = 'succeeded' | 'failed' | 'canceled';

export interface RefundRecord {
  orderId: string;
  intentId: string;
  refundId: string;
  amountFen: number;
  status: string;
  reason: string;
  at: string;
}

export type OrderEvent =
  | {
      type: 'OrderPaymentIntentCreated';
      data: { orderId: string; campaignId: string; attempt: number; intentId: string; amountFen: number; at: string };
    }
  | { type: 'OrderConfirmed'; data: ConfirmedOrder & { at: string } }
  | { type: 'OrderRefunded'; data: RefundRecord }
  | {
      type: 'OrderRefundFailed';
      data: { orderId: string; intentId: string; amountFen: number; reason: string; error: string; at: string };
    }
  /** The gateway told the final outcome of a refund (it may tell it before the refund is recorded here). */
  | {
      type: 'OrderRefundSettled';
      data: { orderId: string; refundId: string; intentId: string; status: RefundOutcome; at: string };
    }
  | {
      type: 'OrderHandedOver';
      data: ConfirmedOrder & {
        leader: string;
        collectedFen: number;
        commissionBps: number;
        commissionFen: number;
        at: string;
      };
    };

/** Stream of one group-buy order: `order-<orderId>`. */
export const orderStream = (orderId: string): string => `order-${orderId}`;
