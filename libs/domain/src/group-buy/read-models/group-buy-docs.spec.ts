import type { CampaignEvent, CampaignTerms, JoinedData } from '../campaign.events';
import type { OrderEvent } from '../order.events';
import { evolveCampaignDoc, type CampaignDoc } from './campaign-doc';
import { evolveCommissionDoc, type CommissionDoc } from './commission-doc';
import { evolveOrderDoc, orderIdsOf, type OrderDoc } from './order-doc';

const at = (minute: number): string => `2026-11-28T02:${String(minute).padStart(2, '0')}:00.000Z`;
const ID = 'GB-0123456789ab';
const terms: CampaignTerms = {
  campaignId: ID,
  title: '茌平圆铃大枣',
  sku: 'SKU-JUJUBE-CP',
  skuName: '茌平圆铃大枣',
  warehouse: 'LC-HUB-CP',
  pickupPoint: 'PP-CP-01',
  pickupWarehouse: 'LC-VP-CP-01',
  saleUnit: { unit: '斤', base: 500 },
  unitPriceFen: 1_680,
  minQuantity: 4,
  quota: 10,
  perCustomerLimit: 5,
  opensAt: at(0),
  cutoffAt: at(50),
  pickupDate: '2026-11-29',
  createdBy: 'operator1',
  createdAt: at(0),
};
const joined = (order: string, quantity: number, paymentMethod: 'stripe' | 'pay_at_pickup'): CampaignEvent => {
  const data: JoinedData = {
    campaignId: ID,
    orderId: `${ID}-${order}`,
    customer: `c-${order}`,
    quantity,
    unitPriceFen: 1_680,
    amountFen: quantity * 1_680,
    paymentMethod,
    sku: terms.sku,
    saleUnit: '斤',
    pickupPoint: 'PP-CP-01',
    pickupCode: 'K7M2QX9P',
    joinedAt: at(2),
    ...(paymentMethod === 'stripe' && { expiresAt: at(17) }),
  };
  return { type: 'CampaignJoined', data };
};
const history: CampaignEvent[] = [
  { type: 'CampaignCreated', data: terms },
  {
    type: 'CampaignPublishRequested',
    data: {
      campaignId: ID,
      attempt: 1,
      by: 'operator1',
      at: at(1),
      sku: terms.sku,
      warehouse: terms.warehouse,
      reserveQuantity: 5_000,
    },
  },
  { type: 'CampaignPublished', data: { campaignId: ID, attempt: 1, at: at(1), cutoffAt: terms.cutoffAt } },
  joined('o1', 2, 'stripe'),
  joined('o2', 3, 'pay_at_pickup'),
  joined('o3', 1, 'stripe'),
  {
    type: 'CampaignOrderPaid',
    data: {
      campaignId: ID,
      orderId: `${ID}-o1`,
      customer: 'c-o1',
      quantity: 2,
      intentId: 'pi_1',
      amountFen: 3_360,
      reheld: false,
      at: at(5),
    },
  },
  {
    type: 'CampaignOrderReleased',
    data: {
      campaignId: ID,
      orderId: `${ID}-o3`,
      customer: 'c-o3',
      quantity: 1,
      paymentMethod: 'stripe',
      wasPaid: false,
      reason: 'expired',
      at: at(17),
    },
  },
];

describe('read model gb_campaigns', () => {
  const fold = (events: CampaignEvent[]) =>
    events.reduce<CampaignDoc | null>((doc, e, i) => evolveCampaignDoc(doc, e, at(30 + i)), null);

  it('shows the remaining quota and the progress of paid plus pay-at-pickup quantity towards the minimum', () => {
    expect(fold(history)).toMatchObject({
      status: 'published',
      held: 5,
      remaining: 5,
      paid: 2,
      payAtPickup: 3,
      orders: 2,
      progress: { minimum: 4, committed: 5, percent: 100, reached: true },
    });
    expect(fold(history.slice(0, 5))?.progress).toEqual({ minimum: 4, committed: 3, percent: 75, reached: false });
  });

  it('keeps the figures of a closed campaign and its stock outcome', () => {
    const doc = fold([
      ...history,
      {
        type: 'CampaignSucceeded',
        data: {
          campaignId: ID,
          soldQuantity: 5,
          paidQuantity: 2,
          payAtPickupQuantity: 3,
          orders: [`${ID}-o1`, `${ID}-o2`],
          at: at(50),
        },
      },
      {
        type: 'CampaignFulfilled',
        data: { campaignId: ID, allocated: 2_500, released: 2_500, transferId: 'T-1', to: 'LC-VP-CP-01', at: at(51) },
      },
    ]);
    expect(doc).toMatchObject({
      status: 'succeeded',
      soldQuantity: 5,
      fulfilment: { status: 'done', allocated: 2_500, transferId: 'T-1' },
    });
  });

  it('shows the books at the pickup point: what arrived, what is held, who still has to collect, and who cannot be served', () => {
    const [o1, o2] = [`${ID}-o1`, `${ID}-o2`];
    const succeeded: CampaignEvent[] = [
      ...history,
      {
        type: 'CampaignSucceeded',
        data: {
          campaignId: ID,
          soldQuantity: 5,
          paidQuantity: 2,
          payAtPickupQuantity: 3,
          orders: [o1, o2],
          at: at(50),
        },
      },
    ];
    expect(fold(succeeded)?.pickup).toMatchObject({ status: 'awaiting_goods', awaiting: [o1, o2] });
    const arrived: CampaignEvent = {
      type: 'CampaignGoodsArrived',
      data: {
        campaignId: ID,
        transferId: 'T-1',
        warehouse: 'LC-VP-CP-01',
        holder: `${ID}:pickup`,
        received: 1_000,
        lost: 1_500,
        held: 1_000,
        unserved: [o2],
        at: at(60),
      },
    };
    const issued: CampaignEvent = {
      type: 'CampaignPickupIssued',
      data: { campaignId: ID, orderId: o1, quantity: 1_000, picks: [{ batchId: 'B-1', quantity: 1_000 }], at: at(70) },
    };
    expect(fold([...succeeded, arrived])?.pickup).toMatchObject({
      status: 'ready',
      received: 1_000,
      lost: 1_500,
      held: 1_000,
      stillHeld: 1_000,
      awaiting: [o1],
      unserved: [o2],
    });
    expect(fold([...succeeded, arrived, issued])?.pickup).toMatchObject({
      status: 'done',
      stillHeld: 0,
      issued: 1_000,
      handedOver: 1,
      awaiting: [],
      unserved: [o2],
    });
  });
});

describe('read model gb_orders', () => {
  const fold = (orderId: string, events: Array<CampaignEvent | OrderEvent>) =>
    events
      .filter((e) => orderIdsOf(e).includes(orderId))
      .reduce<OrderDoc | null>((doc, e, i) => evolveOrderDoc(doc, e, orderId, at(30 + i)), null);

  it('follows an order from its join to its hand-over with its status history', () => {
    const o1 = `${ID}-o1`;
    const doc = fold(o1, [
      ...history,
      {
        type: 'OrderConfirmed',
        data: {
          orderId: o1,
          campaignId: ID,
          customer: 'c-o1',
          pickupPoint: 'PP-CP-01',
          pickupCode: 'K7M2QX9P',
          quantity: 2,
          amountFen: 3_360,
          paymentMethod: 'stripe',
          at: at(50),
        },
      },
      {
        type: 'OrderHandedOver',
        data: {
          orderId: o1,
          campaignId: ID,
          customer: 'c-o1',
          pickupPoint: 'PP-CP-01',
          pickupCode: 'K7M2QX9P',
          quantity: 2,
          amountFen: 3_360,
          paymentMethod: 'stripe',
          leader: 'leader2',
          collectedFen: 0,
          commissionBps: 500,
          commissionFen: 168,
          at: at(55),
        },
      },
    ]);
    expect(doc?.history.map((h) => h.status)).toEqual(['awaiting_payment', 'paid', 'confirmed', 'completed']);
    expect(doc).toMatchObject({
      status: 'completed',
      payment: { status: 'paid', intentId: 'pi_1' },
      handedOver: { by: 'leader2', commissionFen: 168 },
    });
  });

  it("confirms the orders of a campaign at its success, so that a screen told of the outcome reads them confirmed; the fulfilment's confirmation changes nothing more", () => {
    const [o1, o2, o3] = [`${ID}-o1`, `${ID}-o2`, `${ID}-o3`];
    const succeeded: CampaignEvent = {
      type: 'CampaignSucceeded',
      data: { campaignId: ID, soldQuantity: 5, paidQuantity: 2, payAtPickupQuantity: 3, orders: [o1, o2], at: at(50) },
    };
    const confirmed: OrderEvent = {
      type: 'OrderConfirmed',
      data: {
        orderId: o2,
        campaignId: ID,
        customer: 'c-o2',
        pickupPoint: 'PP-CP-01',
        pickupCode: 'K7M2QX9P',
        quantity: 3,
        amountFen: 5_040,
        paymentMethod: 'pay_at_pickup',
        at: at(51),
      },
    };
    const atOutcome = fold(o2, [...history, succeeded]);
    expect(atOutcome).toMatchObject({ status: 'confirmed', payment: { status: 'due_at_pickup' } });
    expect(atOutcome?.history.map((h) => [h.status, h.at])).toEqual([
      ['reserved', at(2)],
      ['confirmed', at(50)],
    ]);
    expect(fold(o2, [...history, succeeded, confirmed])?.history).toEqual(atOutcome?.history);
    expect(fold(o1, [...history, succeeded])?.status).toBe('confirmed');
    // An expired order is not in the outcome and stays expired.
    expect(fold(o3, [...history, succeeded])?.status).toBe('expired');
  });

  it('records the batches that supplied an order at its hand-over, and the key of its traceability page', () => {
    const [o1, o2] = [`${ID}-o1`, `${ID}-o2`];
    const picks = [
      { batchId: 'B-1', quantity: 600 },
      { batchId: 'B-2', quantity: 400 },
    ];
    const issued: CampaignEvent = {
      type: 'CampaignPickupIssued',
      data: { campaignId: ID, orderId: o1, quantity: 1_000, picks, traceToken: 'tok-1', at: at(70) },
    };
    const doc = fold(o1, [...history, issued]);
    expect(doc).toMatchObject({
      traceToken: 'tok-1',
      supply: {
        issuedAt: at(70),
        batches: [
          { batchId: 'B-1', baseUnits: 600 },
          { batchId: 'B-2', baseUnits: 400 },
        ],
      },
    });
    expect(fold(o2, [...history, issued])).not.toHaveProperty('supply');
    // Applied twice, the document is the same.
    expect(doc && evolveOrderDoc(doc, issued, o1, at(71))).toEqual({ ...doc, updatedAt: at(71) });
  });

  it('flags an order the goods that arrived cannot cover, and only that one', () => {
    const arrived: CampaignEvent = {
      type: 'CampaignGoodsArrived',
      data: {
        campaignId: ID,
        transferId: 'T-1',
        warehouse: 'LC-VP-CP-01',
        holder: `${ID}:pickup`,
        received: 1_000,
        lost: 1_500,
        held: 1_000,
        unserved: [`${ID}-o2`],
        at: at(60),
      },
    };
    expect(fold(`${ID}-o2`, [...history, arrived])?.unservable).toEqual({
      reason: '1500 base units were lost in transit',
      at: at(60),
    });
    expect(fold(`${ID}-o1`, [...history, arrived])).not.toHaveProperty('unservable');
  });

  it('marks a late or second payment for refund, and the refund once made', () => {
    const o3 = `${ID}-o3`;
    const doc = fold(o3, [
      ...history,
      {
        type: 'CampaignPaymentRefused',
        data: {
          campaignId: ID,
          orderId: o3,
          customer: 'c-o3',
          intentId: 'pi_3',
          amountFen: 1_680,
          reason: 'sold_out',
          at: at(20),
        },
      },
      {
        type: 'OrderRefunded',
        data: {
          orderId: o3,
          intentId: 'pi_3',
          refundId: 're_3',
          amountFen: 1_680,
          status: 'succeeded',
          reason: 'sold_out',
          at: at(21),
        },
      },
    ]);
    expect(doc).toMatchObject({
      status: 'expired',
      payment: { status: 'refunded', refunds: [expect.objectContaining({ refundId: 're_3' })] },
    });
  });
});

describe('read model gb_orders: refund outcomes', () => {
  const o1 = `${ID}-o1`;
  const paidThenCancelled: Array<CampaignEvent | OrderEvent> = [
    ...history.slice(0, 7),
    {
      type: 'CampaignOrderReleased',
      data: {
        campaignId: ID,
        orderId: o1,
        customer: 'c-o1',
        quantity: 2,
        paymentMethod: 'stripe',
        wasPaid: true,
        reason: 'cancelled',
        refund: { orderId: o1, intentId: 'pi_1', amountFen: 3_360 },
        at: at(8),
      },
    },
  ];
  const refunded: OrderEvent = {
    type: 'OrderRefunded',
    data: {
      orderId: o1,
      intentId: 'pi_1',
      refundId: 're_1',
      amountFen: 3_360,
      status: 'pending',
      reason: 'cancelled',
      at: at(9),
    },
  };
  const settled = (status: 'succeeded' | 'failed'): OrderEvent => ({
    type: 'OrderRefundSettled',
    data: { orderId: o1, refundId: 're_1', intentId: 'pi_1', status, at: at(10) },
  });
  const fold = (events: Array<CampaignEvent | OrderEvent>) =>
    events
      .filter((e) => orderIdsOf(e).includes(o1))
      .reduce<OrderDoc | null>((doc, e, i) => evolveOrderDoc(doc, e, o1, at(30 + i)), null);

  it('applies the outcome the gateway tells, whether it comes after the refund is recorded or before', () => {
    for (const events of [
      [...paidThenCancelled, refunded, settled('succeeded')],
      [...paidThenCancelled, settled('succeeded'), refunded],
    ]) {
      expect(fold(events)?.payment).toMatchObject({
        status: 'refunded',
        refunds: [expect.objectContaining({ refundId: 're_1', status: 'succeeded' })],
      });
    }
  });

  it('shows a refund the bank failed as still owed', () => {
    for (const events of [
      [...paidThenCancelled, refunded, settled('failed')],
      [...paidThenCancelled, settled('failed'), refunded],
    ]) {
      expect(fold(events)?.payment).toMatchObject({
        status: 'refund_failed',
        refunds: [expect.objectContaining({ status: 'failed' })],
      });
    }
  });
});

describe('read model gb_commissions', () => {
  it('sums hand-overs per pickup point, month and leader', () => {
    const handedOver = (orderId: string, amountFen: number, collectedFen: number): OrderEvent => ({
      type: 'OrderHandedOver',
      data: {
        orderId,
        campaignId: ID,
        customer: 'c',
        pickupPoint: 'PP-CP-01',
        pickupCode: 'X',
        quantity: 1,
        amountFen,
        paymentMethod: 'stripe',
        leader: 'leader2',
        collectedFen,
        commissionBps: 500,
        commissionFen: amountFen / 20,
        at: at(40),
      },
    });
    const doc = [handedOver('a', 2_000, 0), handedOver('b', 4_000, 4_000)].reduce<CommissionDoc | null>(
      evolveCommissionDoc,
      null,
    );
    expect(doc).toMatchObject({
      _id: 'PP-CP-01|2026-11',
      completedOrders: 2,
      salesFen: 6_000,
      collectedFen: 4_000,
      commissionFen: 300,
      byLeader: { leader2: { completedOrders: 2, commissionFen: 300 } },
    });
  });
});

describe('read models of a campaign edited, cancelled or cut off by an operator', () => {
  const foldCampaign = (events: CampaignEvent[]) =>
    events.reduce<CampaignDoc | null>((doc, e, i) => evolveCampaignDoc(doc, e, at(30 + i)), null);
  const foldOrder = (orderId: string, events: CampaignEvent[]) =>
    events.reduce<OrderDoc | null>(
      (doc, e, i) => (orderIdsOf(e).includes(orderId) ? evolveOrderDoc(doc, e, orderId, at(30 + i)) : doc),
      null,
    );
  const [o1, o2] = [`${ID}-o1`, `${ID}-o2`];
  const cancelled: CampaignEvent = {
    type: 'CampaignCancelled',
    data: {
      campaignId: ID,
      by: 'operator1',
      reason: '产地降雨',
      wasPublished: true,
      orders: [o1, o2],
      refunds: [{ orderId: o1, intentId: 'pi_1', amountFen: 3_360 }],
      unpaid: [],
      at: at(20),
    },
  };

  it('applies a draft edit to the terms and the figures, naming who made it', () => {
    const doc = foldCampaign([
      history[0],
      {
        type: 'CampaignEdited',
        data: { campaignId: ID, changes: { quota: 8, title: '大枣 周末团' }, by: 'leader1', at: at(3) },
      },
    ]);
    expect(doc).toMatchObject({ quota: 8, remaining: 8, title: '大枣 周末团', edited: { by: 'leader1', at: at(3) } });
  });

  it('shows a cancelled campaign with nothing held, and each order cancelled with the reason (a refund pending for the paid one)', () => {
    expect(foldCampaign([...history, cancelled])).toMatchObject({
      status: 'cancelled',
      held: 0,
      paid: 0,
      payAtPickup: 0,
      orders: 0,
      cancellation: { by: 'operator1', reason: '产地降雨', wasPublished: true, orders: 2, refunds: 1 },
      fulfilment: { status: 'pending' },
    });
    const paid = foldOrder(o1, [...history, cancelled]);
    expect(paid).toMatchObject({
      status: 'cancelled',
      cancellation: { cause: 'campaign_cancelled', reason: 'the campaign was cancelled: 产地降雨' },
      payment: { status: 'refund_pending', refundReason: 'campaign_cancelled' },
    });
    expect(foldOrder(o2, [...history, cancelled])).toMatchObject({ status: 'cancelled', payment: { status: 'none' } });
  });

  it('names the operator who ran the cut-off early', () => {
    const doc = foldCampaign([
      ...history,
      {
        type: 'CampaignFailed',
        data: {
          campaignId: ID,
          closedBy: 'operator2',
          committedQuantity: 5,
          minQuantity: 6,
          orders: [o1, o2],
          refunds: [],
          at: at(20),
        },
      },
    ]);
    expect(doc).toMatchObject({ status: 'failed', closedBy: 'operator2', closedAt: at(20) });
  });
});
