import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { hasOwnKey, own } from '../shared/own-keys';
import type { PaymentMethod } from './campaign.events';
import type { GoodsReadiness } from './campaign.pickup';

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
  | { type: 'OrderPaymentIntentCreated'; data: { orderId: string; campaignId: string; attempt: number; intentId: string; amountFen: number; at: string } }
  | { type: 'OrderConfirmed'; data: ConfirmedOrder & { at: string } }
  | { type: 'OrderRefunded'; data: RefundRecord }
  | { type: 'OrderRefundFailed'; data: { orderId: string; intentId: string; amountFen: number; reason: string; error: string; at: string } }
  /** The gateway told the final outcome of a refund (it may tell it before the refund is recorded here). */
  | { type: 'OrderRefundSettled'; data: { orderId: string; refundId: string; intentId: string; status: RefundOutcome; at: string } }
  | {
      type: 'OrderHandedOver';
      data: ConfirmedOrder & { leader: string; collectedFen: number; commissionBps: number; commissionFen: number; at: string };
    };

export type OrderCommand =
  | { type: 'RecordPaymentIntent'; orderId: string; campaignId: string; attempt: number; intentId: string; amountFen: number; now: string }
  | { type: 'ConfirmOrder'; order: ConfirmedOrder; now: string }
  | { type: 'RecordRefund'; refund: Omit<RefundRecord, 'at'>; now: string }
  | { type: 'RecordRefundFailed'; orderId: string; intentId: string; amountFen: number; reason: string; error: string; now: string }
  | { type: 'SettleRefund'; orderId: string; refundId: string; intentId: string; status: RefundOutcome; now: string }
  /**
   * The leader of `pickupPoint` scans `pickupCode` and hands the goods over; `goods` (from the
   * campaign's books at the pickup point, filled in by the handler) says whether they are there.
   */
  | { type: 'HandOver'; orderId: string; pickupCode: string; pickupPoint: string; leader: string; commissionBps: number; goods: GoodsReadiness; now: string };

export interface OrderState {
  intents: Record<number, string>;
  confirmed: ConfirmedOrder | null;
  /** Refund outcome per payment (intent id). */
  refunds: Record<string, 'refunded' | 'failed'>;
  /** Final outcome per refund id, as the gateway told it. */
  settled: Record<string, RefundOutcome>;
  handedOverAt: string | null;
}

export const initialOrderState: OrderState = { intents: {}, confirmed: null, refunds: {}, settled: {}, handedOverAt: null };

/** Stream of one group-buy order: `order-<orderId>`. */
export const orderStream = (orderId: string): string => `order-${orderId}`;

/** Leader commission in fen: `bps` basis points of the order amount, rounded half up to whole fen. */
export const commissionOf = (amountFen: number, bps: number): number => Math.floor((amountFen * bps + 5_000) / 10_000);

function handOver(c: Extract<OrderCommand, { type: 'HandOver' }>, state: OrderState): OrderEvent[] {
  const order = state.confirmed;
  if (!order) throw new DomainError('INVALID_STATE', 'the order is not confirmed: its campaign has not succeeded', 'code');
  if (order.pickupCode !== c.pickupCode) throw new DomainError('NOT_FOUND', 'no order with this pickup code', 'code');
  // Another pickup point's code is answered as an unknown one, so that codes cannot be probed.
  if (order.pickupPoint !== c.pickupPoint) throw new DomainError('NOT_FOUND', 'no order with this pickup code', 'code');
  if (state.handedOverAt !== null) throw new DomainError('ALREADY_DECIDED', `the order was handed over at ${state.handedOverAt}`, 'code');
  // Goods handed over must come off the pickup point's books, which only hold what was received there.
  if (c.goods === 'not_arrived') {
    throw new DomainError('GOODS_NOT_ARRIVED', "the order's goods have not been received at the pickup point yet: receive the transfer first", 'code');
  }
  if (c.goods === 'short') throw new DomainError('INSUFFICIENT_STOCK', 'the goods that arrived at the pickup point cannot cover this order (short in transit)', 'code');
  const collectedFen = order.paymentMethod === 'pay_at_pickup' ? order.amountFen : 0;
  const commissionFen = commissionOf(order.amountFen, c.commissionBps);
  return [{ type: 'OrderHandedOver', data: { ...order, leader: c.leader, collectedFen, commissionBps: c.commissionBps, commissionFen, at: c.now } }];
}

function decideOrder(c: OrderCommand, state: OrderState): OrderEvent[] {
  switch (c.type) {
    case 'RecordPaymentIntent': {
      const known = state.intents[c.attempt];
      if (known === c.intentId) return [];
      if (known !== undefined) throw new DomainError('INVALID_STATE', `attempt ${c.attempt} already has intent ${known}`, 'attempt');
      const { orderId, campaignId, attempt, intentId, amountFen } = c;
      return [{ type: 'OrderPaymentIntentCreated', data: { orderId, campaignId, attempt, intentId, amountFen, at: c.now } }];
    }
    case 'ConfirmOrder':
      return state.confirmed ? [] : [{ type: 'OrderConfirmed', data: { ...c.order, at: c.now } }];
    case 'RecordRefund':
      return own(state.refunds, c.refund.intentId) === 'refunded' ? [] : [{ type: 'OrderRefunded', data: { ...c.refund, at: c.now } }];
    case 'RecordRefundFailed': {
      if (hasOwnKey(state.refunds, c.intentId)) return [];
      const { orderId, intentId, amountFen, reason, error } = c;
      return [{ type: 'OrderRefundFailed', data: { orderId, intentId, amountFen, reason, error, at: c.now } }];
    }
    case 'SettleRefund': {
      if (own(state.settled, c.refundId) === c.status) return [];
      const { orderId, refundId, intentId, status } = c;
      return [{ type: 'OrderRefundSettled', data: { orderId, refundId, intentId, status, at: c.now } }];
    }
    case 'HandOver':
      return handOver(c, state);
    default:
      return assertNever(c);
  }
}

function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  switch (event.type) {
    case 'OrderPaymentIntentCreated':
      return { ...state, intents: { ...state.intents, [event.data.attempt]: event.data.intentId } };
    case 'OrderConfirmed': {
      const { at: _at, ...order } = event.data;
      return { ...state, confirmed: order };
    }
    case 'OrderRefunded':
      return { ...state, refunds: { ...state.refunds, [event.data.intentId]: 'refunded' } };
    case 'OrderRefundFailed':
      return { ...state, refunds: { ...state.refunds, [event.data.intentId]: 'failed' } };
    case 'OrderRefundSettled':
      return { ...state, settled: { ...state.settled, [event.data.refundId]: event.data.status } };
    case 'OrderHandedOver':
      return { ...state, handedOverAt: event.data.at };
    default:
      return state;
  }
}

/** A group-buy order after its quota hold: payments, confirmation, refunds and hand-over. */
export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> & { name: string } = {
  name: 'group-buy-order',
  initialState: initialOrderState,
  decide: decideOrder,
  evolve: evolveOrder,
};
