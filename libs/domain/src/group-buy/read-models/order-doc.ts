import { own } from '../../shared/own-keys';
import type { CampaignEvent, JoinedData, PaymentMethod, RefundDue } from '../campaign.events';
import type { OrderEvent, RefundRecord } from '../order.events';

export const ORDER_STATUSES = [
  'awaiting_payment',
  'reserved',
  'paid',
  'confirmed',
  'completed',
  'expired',
  'cancelled',
] as const;
/**
 * awaiting_payment (online, within its window) | reserved (paying at pickup) | paid → confirmed
 * (campaign succeeded) → completed (handed over); or expired | cancelled (by the consumer or a failed campaign).
 * An order is confirmed by its campaign's success itself (the fulfilment's OrderConfirmed that follows changes
 * nothing more), so that it reads confirmed at the log position of the outcome a live screen is told of.
 */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Where the money of an order stands. */
export type PaymentStatus =
  'awaiting' | 'paid' | 'due_at_pickup' | 'collected' | 'refund_pending' | 'refunded' | 'refund_failed' | 'none';

/** Read model `gb_orders`: one group-buy order as its consumer, its leader and operators see it. */
export type OrderDoc = Omit<JoinedData, 'joinedAt'> & {
  _id: string;
  status: OrderStatus;
  placedAt: string;
  payment: {
    method: PaymentMethod;
    status: PaymentStatus;
    intentId?: string;
    paidAt?: string;
    refunds: Array<Omit<RefundRecord, 'orderId'>>;
    /** A payment that came too late or twice, waiting for its refund. */
    refundReason?: string;
    /** Outcomes the gateway told before the refund was recorded here, by refund id. */
    refundOutcomes?: Record<string, string>;
  };
  handedOver?: { by: string; at: string; collectedFen: number; commissionFen: number };
  /** Why the order was cancelled: by its customer, because its campaign missed its minimum, or because the campaign was cancelled (with the operator's reason). */
  cancellation?: { cause: 'customer' | 'campaign_failed' | 'campaign_cancelled'; reason: string; at: string };
  /**
   * The batches that supplied the order, recorded when its goods were issued at hand-over (base units
   * per batch), and the key of its public traceability page (for its owner alone).
   */
  supply?: { batches: Array<{ batchId: string; baseUnits: number }>; issuedAt: string };
  traceToken?: string;
  /** The goods that reached the pickup point cannot cover this order (short in transit): for the leader and operators. */
  unservable?: { reason: string; at: string };
  history: Array<{ status: OrderStatus | 'payment_refused' | 'refunded' | 'refund_failed'; at: string; note?: string }>;
  updatedAt: string;
};

/** The orders a group-buy event is about. */
export function orderIdsOf(event: CampaignEvent | OrderEvent): string[] {
  switch (event.type) {
    case 'CampaignJoined':
    case 'CampaignOrderPaid':
    case 'CampaignPaymentRefused':
    case 'CampaignOrderReleased':
    case 'CampaignPickupIssued':
      return [event.data.orderId];
    case 'CampaignSucceeded':
    case 'CampaignFailed':
    case 'CampaignCancelled':
      return event.data.orders;
    case 'CampaignGoodsArrived':
      return event.data.unserved;
    case 'OrderPaymentIntentCreated':
    case 'OrderConfirmed':
    case 'OrderRefunded':
    case 'OrderRefundFailed':
    case 'OrderRefundSettled':
    case 'OrderHandedOver':
      return [event.data.orderId];
    default:
      return [];
  }
}

function placed(d: JoinedData): OrderDoc {
  const { joinedAt, ...facts } = d;
  const status: OrderStatus = d.paymentMethod === 'stripe' ? 'awaiting_payment' : 'reserved';
  return {
    _id: d.orderId,
    ...facts,
    status,
    placedAt: joinedAt,
    payment: {
      method: d.paymentMethod,
      status: d.paymentMethod === 'stripe' ? 'awaiting' : 'due_at_pickup',
      refunds: [],
    },
    history: [{ status, at: joinedAt }],
    updatedAt: joinedAt,
  };
}

const moved = (doc: OrderDoc, status: OrderStatus, at: string, note?: string): OrderDoc => ({
  ...doc,
  status,
  history: [...doc.history, { status, at, ...(note !== undefined && { note }) }],
});

/** An order still live before its campaign's outcome (one paid late is `paid` too). */
const awaitsOutcome = (doc: OrderDoc): boolean => doc.status === 'reserved' || doc.status === 'paid';

/** An order cancelled with its campaign: refund pending when it was paid online, nothing owed otherwise. */
function cancelWithCampaign(
  doc: OrderDoc,
  orderId: string,
  cause: 'campaign_failed' | 'campaign_cancelled',
  reason: string,
  data: { refunds: RefundDue[]; at: string },
): OrderDoc {
  const refund = data.refunds.some((r) => r.orderId === orderId);
  const cancelled = moved(doc, 'cancelled', data.at, reason);
  const payment = refund
    ? { ...doc.payment, status: 'refund_pending' as const, refundReason: cause }
    : { ...doc.payment, status: 'none' as const };
  return { ...cancelled, cancellation: { cause, reason, at: data.at }, payment };
}

/** Fold one group-buy event into the order document `orderId`. */
export function evolveOrderDoc(
  doc: OrderDoc | null,
  event: CampaignEvent | OrderEvent,
  orderId: string,
  occurredAt: string,
): OrderDoc | null {
  if (event.type === 'CampaignJoined') return doc ?? placed(event.data);
  if (!doc) return doc;
  const next = change(doc, event, orderId);
  return next === doc ? doc : { ...next, updatedAt: occurredAt };
}

function change(doc: OrderDoc, event: CampaignEvent | OrderEvent, orderId: string): OrderDoc {
  switch (event.type) {
    case 'CampaignGoodsArrived': {
      const { refused, lost, at } = event.data;
      const reason = refused
        ? `the pickup point could not hold the goods: ${refused.reason}`
        : `${lost} base units were lost in transit`;
      return { ...doc, unservable: { reason, at } };
    }
    case 'CampaignPickupIssued': {
      const { picks, traceToken, at } = event.data;
      const supply = { batches: picks.map((p) => ({ batchId: p.batchId, baseUnits: p.quantity })), issuedAt: at };
      return { ...doc, supply, ...(traceToken !== undefined && { traceToken }) };
    }
    case 'CampaignOrderPaid': {
      const { intentId, at, reheld } = event.data;
      const paid = moved(doc, 'paid', at, reheld ? 'paid after its payment window: quota held again' : undefined);
      return { ...paid, payment: { ...doc.payment, status: 'paid', intentId, paidAt: at } };
    }
    case 'CampaignPaymentRefused': {
      const { reason, at } = event.data;
      const history = [...doc.history, { status: 'payment_refused' as const, at, note: reason }];
      // A second payment of a paid order is refunded while the order stays paid.
      if (doc.payment.status === 'paid') return { ...doc, history };
      return { ...doc, history, payment: { ...doc.payment, status: 'refund_pending', refundReason: reason } };
    }
    case 'CampaignOrderReleased': {
      const { reason, refund, at } = event.data;
      const released = moved(doc, reason, at);
      const payment = refund
        ? { ...doc.payment, status: 'refund_pending' as const, refundReason: reason }
        : { ...doc.payment, status: 'none' as const };
      const cancellation =
        reason === 'cancelled'
          ? { cancellation: { cause: 'customer' as const, reason: 'cancelled by the customer', at } }
          : {};
      return { ...released, ...cancellation, payment };
    }
    case 'CampaignSucceeded':
      return awaitsOutcome(doc) ? moved(doc, 'confirmed', event.data.at) : doc;
    case 'CampaignFailed':
      return cancelWithCampaign(doc, orderId, 'campaign_failed', 'the campaign did not reach its minimum', event.data);
    case 'CampaignCancelled':
      return cancelWithCampaign(
        doc,
        orderId,
        'campaign_cancelled',
        `the campaign was cancelled: ${event.data.reason}`,
        event.data,
      );
    case 'OrderPaymentIntentCreated':
      return doc.payment.intentId !== undefined
        ? doc
        : { ...doc, payment: { ...doc.payment, intentId: event.data.intentId } };
    case 'OrderConfirmed':
      // Confirmed already by its campaign's success (logs written before it was read from the outcome: here).
      return awaitsOutcome(doc) ? moved(doc, 'confirmed', event.data.at) : doc;
    case 'OrderRefunded': {
      const { orderId: _o, ...recorded } = event.data;
      const outcome = own(doc.payment.refundOutcomes ?? {}, recorded.refundId);
      const refund = { ...recorded, status: outcome ?? recorded.status };
      const history = [...doc.history, { status: 'refunded' as const, at: refund.at }];
      const owed = doc.payment.status === 'refund_pending' || doc.payment.status === 'refund_failed';
      const settled =
        outcome === undefined || outcome === 'succeeded' ? ('refunded' as const) : ('refund_failed' as const);
      return {
        ...doc,
        history,
        payment: {
          ...doc.payment,
          status: owed ? settled : doc.payment.status,
          refunds: [...doc.payment.refunds, refund],
        },
      };
    }
    case 'OrderRefundSettled': {
      const { refundId, status } = event.data;
      if (!doc.payment.refunds.some((r) => r.refundId === refundId)) {
        return {
          ...doc,
          payment: { ...doc.payment, refundOutcomes: { ...doc.payment.refundOutcomes, [refundId]: status } },
        };
      }
      const refunds = doc.payment.refunds.map((r) => (r.refundId === refundId ? { ...r, status } : r));
      const failed = status !== 'succeeded' && doc.payment.status === 'refunded';
      const history = failed
        ? [
            ...doc.history,
            { status: 'refund_failed' as const, at: event.data.at, note: `refund ${refundId} ${status}` },
          ]
        : doc.history;
      return {
        ...doc,
        history,
        payment: { ...doc.payment, refunds, status: failed ? 'refund_failed' : doc.payment.status },
      };
    }
    case 'OrderRefundFailed': {
      const history = [...doc.history, { status: 'refund_failed' as const, at: event.data.at, note: event.data.error }];
      const owed = doc.payment.status === 'refund_pending';
      return { ...doc, history, payment: { ...doc.payment, status: owed ? 'refund_failed' : doc.payment.status } };
    }
    case 'OrderHandedOver': {
      const { leader, at, collectedFen, commissionFen } = event.data;
      const completed = moved(doc, 'completed', at);
      const payment = collectedFen > 0 ? { ...doc.payment, status: 'collected' as const, paidAt: at } : doc.payment;
      return { ...completed, payment, handedOver: { by: leader, at, collectedFen, commissionFen } };
    }
    default:
      return doc;
  }
}
