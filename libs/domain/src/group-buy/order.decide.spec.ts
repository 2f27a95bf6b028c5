import { given } from '@gx/testing';
import { commissionOf, orderDecider, type OrderCommand } from './order.decide';
import type { ConfirmedOrder, OrderEvent } from './order.events';

const NOW = '2026-11-30T02:00:00.000Z';
const order: ConfirmedOrder = {
  orderId: 'GB-0123456789ab-o1',
  campaignId: 'GB-0123456789ab',
  customer: 'consumer1',
  pickupPoint: 'PP-DCF-01',
  pickupCode: 'K7M2QX9P',
  quantity: 2,
  amountFen: 7_981,
  paymentMethod: 'pay_at_pickup',
};
const confirmed: OrderEvent = { type: 'OrderConfirmed', data: { ...order, at: NOW } };
const handOver = (extra: Partial<Extract<OrderCommand, { type: 'HandOver' }>> = {}): OrderCommand => ({
  type: 'HandOver',
  orderId: order.orderId,
  pickupCode: order.pickupCode,
  pickupPoint: 'PP-DCF-01',
  leader: 'leader1',
  commissionBps: 500,
  goods: 'ready',
  now: NOW,
  ...extra,
});

describe('group-buy order: hand-over', () => {
  it('hands a confirmed order over once, collecting a pay-at-pickup amount and the leader commission', () => {
    given(orderDecider, [confirmed])
      .when(handOver())
      .then([
        {
          type: 'OrderHandedOver',
          data: { ...order, leader: 'leader1', collectedFen: 7_981, commissionBps: 500, commissionFen: 399, at: NOW },
        },
      ]);
    const done = given(orderDecider, [confirmed]).when(handOver()).events();
    given(orderDecider, [confirmed, ...done])
      .when(handOver())
      .thenFails('ALREADY_DECIDED');
  });

  it('refuses an unconfirmed order, a wrong code and another pickup point', () => {
    given(orderDecider).when(handOver()).thenFails('INVALID_STATE');
    given(orderDecider, [confirmed])
      .when(handOver({ pickupCode: 'AAAAAAAA' }))
      .thenFails('NOT_FOUND', 'code');
    given(orderDecider, [confirmed])
      .when(handOver({ pickupPoint: 'PP-CP-01' }))
      .thenFails('NOT_FOUND', 'code');
  });

  it('refuses a hand-over until the goods are received at the pickup point, and one the goods that arrived cannot cover', () => {
    given(orderDecider, [confirmed])
      .when(handOver({ goods: 'not_arrived' }))
      .thenFails('GOODS_NOT_ARRIVED', 'code');
    given(orderDecider, [confirmed])
      .when(handOver({ goods: 'short' }))
      .thenFails('INSUFFICIENT_STOCK', 'code');
    const done = given(orderDecider, [confirmed]).when(handOver()).events();
    // A repeated scan is told the order was handed over, whatever the books say now.
    given(orderDecider, [confirmed, ...done])
      .when(handOver({ goods: 'not_arrived' }))
      .thenFails('ALREADY_DECIDED');
  });

  it('collects nothing at pickup for an order paid online', () => {
    const paidOnline: OrderEvent = { type: 'OrderConfirmed', data: { ...order, paymentMethod: 'stripe', at: NOW } };
    expect(given(orderDecider, [paidOnline]).when(handOver()).events()[0].data).toMatchObject({
      collectedFen: 0,
      commissionFen: 399,
    });
  });

  it('rounds the commission half up to whole fen', () => {
    expect([commissionOf(7_981, 500), commissionOf(10, 500), commissionOf(9, 500), commissionOf(0, 500)]).toEqual([
      399, 1, 0, 0,
    ]);
  });
});

describe('group-buy order: payments and refunds', () => {
  const refund = {
    orderId: order.orderId,
    intentId: 'pi_1',
    refundId: 're_1',
    amountFen: 7_981,
    status: 'succeeded',
    reason: 'cancelled',
  };

  it('records each refund once per payment, even after a failed attempt', () => {
    const failed = given(orderDecider)
      .when({
        type: 'RecordRefundFailed',
        orderId: order.orderId,
        intentId: 'pi_1',
        amountFen: 7_981,
        reason: 'cancelled',
        error: 'card expired',
        now: NOW,
      })
      .events();
    const refunded = given(orderDecider, failed).when({ type: 'RecordRefund', refund, now: NOW }).events();
    expect(refunded).toEqual([{ type: 'OrderRefunded', data: { ...refund, at: NOW } }]);
    given(orderDecider, [...failed, ...refunded])
      .when({ type: 'RecordRefund', refund, now: NOW })
      .then([]);
  });

  it('records one payment intent per attempt', () => {
    const record = {
      type: 'RecordPaymentIntent',
      orderId: order.orderId,
      campaignId: order.campaignId,
      attempt: 1,
      intentId: 'pi_1',
      amountFen: 100,
      now: NOW,
    } as const;
    const first = given(orderDecider).when(record).events();
    given(orderDecider, first).when(record).then([]);
    given(orderDecider, first)
      .when({ ...record, intentId: 'pi_2' })
      .thenFails('INVALID_STATE', 'attempt');
  });
});
