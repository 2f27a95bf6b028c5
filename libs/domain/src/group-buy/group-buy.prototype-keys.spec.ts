import { decideAll, PROTOTYPE_KEYS } from '@gx/testing';
import { own } from '../shared/own-keys';
import { orderDecider, type OrderCommand } from './order.decide';
import type { ConfirmedOrder, OrderEvent } from './order.events';
import { evolveCommissionDoc, type CommissionDoc } from './read-models/commission-doc';

const NOW = '2026-11-28T02:00:00.000Z';
const order: ConfirmedOrder = {
  orderId: 'O-1',
  campaignId: 'CP-1',
  customer: 'consumer1',
  pickupPoint: 'PP-DCF-01',
  pickupCode: '123456',
  quantity: 2,
  amountFen: 1_000,
  paymentMethod: 'pay_at_pickup',
};
const handedOver = (leader: string): OrderEvent => ({
  type: 'OrderHandedOver',
  data: { ...order, leader, collectedFen: 1_000, commissionBps: 500, commissionFen: 50, at: NOW },
});

describe.each(PROTOTYPE_KEYS)('group buy: %s is an ordinary id', (key) => {
  it('is a payment intent and a refund of an order like any other', () => {
    const failed: OrderCommand = {
      type: 'RecordRefundFailed',
      orderId: 'O-1',
      intentId: key,
      amountFen: 1_000,
      reason: 'cancelled',
      error: 'x',
      now: NOW,
    };
    const settle: OrderCommand = {
      type: 'SettleRefund',
      orderId: 'O-1',
      refundId: key,
      intentId: key,
      status: 'succeeded',
      now: NOW,
    };
    const refund: OrderCommand = {
      type: 'RecordRefund',
      refund: {
        orderId: 'O-1',
        intentId: key,
        refundId: key,
        amountFen: 1_000,
        status: 'succeeded',
        reason: 'cancelled',
      },
      now: NOW,
    };
    const events = decideAll(orderDecider, [], failed, failed, settle, settle, refund, refund);
    expect(events.map((e) => e.type)).toEqual(['OrderRefundFailed', 'OrderRefundSettled', 'OrderRefunded']);
  });

  it('is a leader in the monthly commission like any other', () => {
    const doc = [handedOver(key), handedOver('leader1'), handedOver(key)].reduce<CommissionDoc | null>(
      (d, e) => JSON.parse(JSON.stringify(evolveCommissionDoc(d, e))) as CommissionDoc,
      null,
    );
    expect(doc?.completedOrders).toBe(3);
    expect(Object.keys(doc?.byLeader ?? {}).sort()).toEqual(['leader1', key].sort());
    expect(own(doc?.byLeader ?? {}, key)).toEqual({ completedOrders: 2, commissionFen: 100 });
  });
});
