import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { hasOwnKey, own } from '../shared/own-keys';
import type { GoodsReadiness } from './campaign.pickup';
import type { ConfirmedOrder, OrderEvent, RefundOutcome, RefundRecord } from './order.events';
import { evolveOrder, initialOrderState, type OrderState } from './order.state';

export type OrderCommand =
  | {
      type: 'RecordPaymentIntent';
      orderId: string;
      campaignId: string;
      attempt: number;
      intentId: string;
      amountFen: number;
      now: string;
    }
  | { type: 'ConfirmOrder'; order: ConfirmedOrder; now: string }
  | { type: 'RecordRefund'; refund: Omit<RefundRecord, 'at'>; now: string }
  | {
      type: 'RecordRefundFailed';
      orderId: string;
      intentId: string;
      amountFen: number;
      reason: string;
      error: string;
      now: string;
    }
  | { type: 'SettleRefund'; orderId: string; refundId: string; intentId: string; status: RefundOutcome; now: string }
  /**
   * The leader of `pickupPoint` scans `pickupCode` and hands the goods over; `goods` (from the
   * campaign's books at the pickup point, filled in by the handler) says whether they are there.
   */
  | {
      type: 'HandOver';
      orderId: string;
      pickupCode: string;
      pickupPoint: string;
      leader: string;
      commissionBps: number;
      goods: GoodsReadiness;
      now: string;
    };

/** Leader commission in fen: `bps` basis points of the order amount, rounded half up to whole fen. */
export const commissionOf = (amountFen: number, bps: number): number => Math.floor((amountFen * bps + 5_000) / 10_000);

function handOver(c: Extract<OrderCommand, { type: 'HandOver' }>, state: OrderState): OrderEvent[] {
  const order = state.confirmed;
  if (!order)
    throw new DomainError('INVALID_STATE', 'the order is not confirmed: its campaign has not succeeded', 'code');
  if (order.pickupCode !== c.pickupCode) throw new DomainError('NOT_FOUND', 'no order with this pickup code', 'code');
  // Another pickup point's code is answered as an unknown one, so that codes cannot be probed.
  if (order.pickupPoint !== c.pickupPoint) throw new DomainError('NOT_FOUND', 'no order with this pickup code', 'code');
  if (state.handedOverAt !== null)
    throw new DomainError('ALREADY_DECIDED', `the order was handed over at ${state.handedOverAt}`, 'code');
  // Goods handed over must come off the pickup point's books, which only hold what was received there.
  if (c.goods === 'not_arrived') {
    throw new DomainError(
      'GOODS_NOT_ARRIVED',
      "the order's goods have not been received at the pickup point yet: receive the transfer first",
      'code',
    );
  }
  if (c.goods === 'short')
    throw new DomainError(
      'INSUFFICIENT_STOCK',
      'the goods that arrived at the pickup point cannot cover this order (short in transit)',
      'code',
    );
  const collectedFen = order.paymentMethod === 'pay_at_pickup' ? order.amountFen : 0;
  const commissionFen = commissionOf(order.amountFen, c.commissionBps);
  return [
    {
      type: 'OrderHandedOver',
      data: { ...order, leader: c.leader, collectedFen, commissionBps: c.commissionBps, commissionFen, at: c.now },
    },
  ];
}

function decideOrder(c: OrderCommand, state: OrderState): OrderEvent[] {
  switch (c.type) {
    case 'RecordPaymentIntent': {
      const known = state.intents[c.attempt];
      if (known === c.intentId) return [];
      if (known !== undefined)
        throw new DomainError('INVALID_STATE', `attempt ${c.attempt} already has intent ${known}`, 'attempt');
      const { orderId, campaignId, attempt, intentId, amountFen } = c;
      return [
        { type: 'OrderPaymentIntentCreated', data: { orderId, campaignId, attempt, intentId, amountFen, at: c.now } },
      ];
    }
    case 'ConfirmOrder':
      return state.confirmed ? [] : [{ type: 'OrderConfirmed', data: { ...c.order, at: c.now } }];
    case 'RecordRefund':
      return own(state.refunds, c.refund.intentId) === 'refunded'
        ? []
        : [{ type: 'OrderRefunded', data: { ...c.refund, at: c.now } }];
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

/** A group-buy order after its quota hold: payments, confirmation, refunds and hand-over. */
export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> & { name: string } = {
  name: 'group-buy-order',
  initialState: initialOrderState,
  decide: decideOrder,
  evolve: evolveOrder,
};
