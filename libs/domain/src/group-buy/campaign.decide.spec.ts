import { decideAll, given } from '@gx/testing';
import { fold as foldEvents } from '../shared/decider';
import { campaignDecider, type CampaignCommand, type JoinCampaign } from './campaign.decide';
import type { CampaignEvent, CampaignTerms } from './campaign.events';

const T0 = '2026-11-28T02:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const ID = 'GB-0123456789ab';

const terms: CampaignTerms = {
  campaignId: ID,
  title: '冠县鸭梨 5kg 团购',
  sku: 'SKU-PEAR-GX',
  skuName: '冠县鸭梨',
  warehouse: 'LC-HUB-DCF',
  pickupPoint: 'PP-DCF-01',
  pickupWarehouse: 'LC-VP-DCF-01',
  saleUnit: { unit: '箱(5kg)', base: 5000 },
  unitPriceFen: 3_990,
  minQuantity: 3,
  quota: 5,
  perCustomerLimit: 2,
  opensAt: at(0),
  cutoffAt: at(60),
  pickupDate: '2026-11-29',
  createdBy: 'leader1',
  createdAt: T0,
};

const fold = (events: CampaignEvent[]) => foldEvents(campaignDecider, events);
/** Run commands one after another from a history, answering the whole resulting history. */
const run = (history: CampaignEvent[], ...commands: CampaignCommand[]): CampaignEvent[] =>
  decideAll(campaignDecider, history, ...commands);

const published = run(
  [],
  { type: 'CreateCampaign', terms, now: T0 },
  { type: 'RequestPublish', by: 'leader1', now: T0 },
  { type: 'ConfirmPublish', attempt: 1, now: T0 },
);
const joinCmd = (
  orderId: string,
  customer: string,
  quantity: number,
  extra: Partial<JoinCampaign> = {},
): JoinCampaign => ({
  type: 'JoinCampaign',
  orderId: `${ID}-${orderId}`,
  customer,
  quantity,
  paymentMethod: 'stripe',
  pickupCode: 'ABCDEFGH',
  paymentWindowSeconds: 900,
  now: at(1),
  ...extra,
});
const pay = (orderId: string, intentId: string, amountFen: number, minute = 2): CampaignCommand => ({
  type: 'RecordPayment',
  orderId: `${ID}-${orderId}`,
  intentId,
  amountFen,
  now: at(minute),
});

describe('campaign: creation and publication', () => {
  it('reserves the quota in base units when publication is requested, and goes live once it is confirmed', () => {
    const events = run(
      [],
      { type: 'CreateCampaign', terms, now: T0 },
      { type: 'RequestPublish', by: 'leader1', now: T0 },
    );
    expect(events[1]).toEqual({
      type: 'CampaignPublishRequested',
      data: {
        campaignId: ID,
        attempt: 1,
        by: 'leader1',
        at: T0,
        sku: 'SKU-PEAR-GX',
        warehouse: 'LC-HUB-DCF',
        reserveQuantity: 25_000,
      },
    });
    expect(fold(published).status).toBe('published');
  });

  it('goes back to draft when the ledger refuses the quota, and a new attempt can follow', () => {
    const rejected = run(
      [],
      { type: 'CreateCampaign', terms, now: T0 },
      { type: 'RequestPublish', by: 'op', now: T0 },
      {
        type: 'RejectPublish',
        attempt: 1,
        code: 'INSUFFICIENT_STOCK',
        reason: '10 available',
        now: T0,
      },
    );
    expect(fold(rejected).status).toBe('draft');
    given(campaignDecider, rejected).when({ type: 'ConfirmPublish', attempt: 1, now: T0 }).thenFails('INVALID_STATE');
    expect(
      given(campaignDecider, rejected).when({ type: 'RequestPublish', by: 'op', now: T0 }).events()[0].data,
    ).toMatchObject({ attempt: 2 });
  });

  it.each([
    [{ minQuantity: 6 }, 'INVALID_STATE', 'minQuantity'],
    [{ perCustomerLimit: 0 }, 'INVALID_STATE', 'perCustomerLimit'],
    [{ cutoffAt: at(0) }, 'INVALID_DATES', 'cutoffAt'],
    [{ pickupDate: '2026-11-27' }, 'INVALID_DATES', 'pickupDate'],
    [{ unitPriceFen: 1.5 }, 'INVALID_STATE', 'unitPriceFen'],
  ])('refuses terms %p', (change, code, field) => {
    given(campaignDecider)
      .when({ type: 'CreateCampaign', terms: { ...terms, ...change }, now: T0 })
      .thenFails(code, field);
  });
});

describe('campaign: joining', () => {
  it('holds quota for an order, with its amount and payment window', () => {
    given(campaignDecider, published)
      .when(joinCmd('o1', 'consumer1', 2))
      .then([
        {
          type: 'CampaignJoined',
          data: {
            campaignId: ID,
            orderId: `${ID}-o1`,
            customer: 'consumer1',
            quantity: 2,
            unitPriceFen: 3_990,
            amountFen: 7_980,
            paymentMethod: 'stripe',
            sku: 'SKU-PEAR-GX',
            saleUnit: '箱(5kg)',
            pickupPoint: 'PP-DCF-01',
            pickupCode: 'ABCDEFGH',
            joinedAt: at(1),
            expiresAt: at(16),
          },
        },
      ]);
  });

  it('sells exactly the quota: the next join is SOLD_OUT, a partial fit names what is left', () => {
    const full = run(published, joinCmd('o1', 'c1', 2), joinCmd('o2', 'c2', 2));
    given(campaignDecider, full)
      .when(joinCmd('o3', 'c3', 2))
      .thenFails('SOLD_OUT', 'quantity');
    const sold = run(full, joinCmd('o3', 'c3', 1));
    expect(fold(sold).held).toBe(5);
    given(campaignDecider, sold)
      .when(joinCmd('o4', 'c4', 1))
      .thenFails('SOLD_OUT');
  });

  it('keeps each customer within the per-customer limit across orders', () => {
    const one = run(published, joinCmd('o1', 'c1', 1));
    given(campaignDecider, one)
      .when(joinCmd('o2', 'c1', 2))
      .thenFails('LIMIT_EXCEEDED', 'quantity');
    expect(run(one, joinCmd('o2', 'c1', 1))).toHaveLength(published.length + 2);
  });

  it('is NOT_OPEN before publication and before it opens, CUTOFF_PASSED from the cut-off', () => {
    const draft = run([], { type: 'CreateCampaign', terms, now: T0 });
    given(campaignDecider, draft)
      .when(joinCmd('o1', 'c1', 1))
      .thenFails('NOT_OPEN');
    const later = run(
      [],
      { type: 'CreateCampaign', terms: { ...terms, opensAt: at(30) }, now: T0 },
      { type: 'RequestPublish', by: 'x', now: T0 },
      { type: 'ConfirmPublish', attempt: 1, now: T0 },
    );
    given(campaignDecider, later)
      .when(joinCmd('o1', 'c1', 1))
      .thenFails('NOT_OPEN');
    given(campaignDecider, published)
      .when(joinCmd('o1', 'c1', 1, { now: at(60) }))
      .thenFails('CUTOFF_PASSED');
  });

  it('ends the payment window at the cut-off at the latest; pay-at-pickup orders have none', () => {
    const late = given(campaignDecider, published)
      .when(joinCmd('o1', 'c1', 1, { now: at(50) }))
      .events();
    expect(late[0].data).toMatchObject({ expiresAt: at(60) });
    const offline = given(campaignDecider, published)
      .when(joinCmd('o1', 'c1', 1, { paymentMethod: 'pay_at_pickup' }))
      .events();
    expect(offline[0].data).not.toHaveProperty('expiresAt');
  });
});

describe('campaign: payments, expiry and cancellation', () => {
  const joined = run(published, joinCmd('o1', 'c1', 2));

  it('takes a verified payment once, however often it is told', () => {
    const paid = run(joined, pay('o1', 'pi_1', 7_980));
    expect(paid.at(-1)).toMatchObject({ type: 'CampaignOrderPaid', data: { intentId: 'pi_1', reheld: false } });
    given(campaignDecider, paid)
      .when(pay('o1', 'pi_1', 7_980, 3))
      .then([]);
    expect(fold(paid)).toMatchObject({ paid: 2, held: 2 });
  });

  it('refuses (for a refund) a second payment and a wrong amount', () => {
    const paid = run(joined, pay('o1', 'pi_1', 7_980));
    expect(run(paid, pay('o1', 'pi_2', 7_980)).at(-1)).toMatchObject({
      type: 'CampaignPaymentRefused',
      data: { reason: 'duplicate' },
    });
    expect(run(joined, pay('o1', 'pi_1', 100)).at(-1)).toMatchObject({
      type: 'CampaignPaymentRefused',
      data: { reason: 'amount_mismatch' },
    });
    // The same number in another currency is another amount.
    expect(
      run(joined, {
        type: 'RecordPayment',
        orderId: `${ID}-o1`,
        intentId: 'pi_1',
        amountFen: 7_980,
        currency: 'usd',
        now: at(2),
      }).at(-1),
    ).toMatchObject({ type: 'CampaignPaymentRefused', data: { reason: 'amount_mismatch' } });
  });

  it('returns the quota of an unpaid order when its window passes, and nothing for a paid one', () => {
    given(campaignDecider, joined)
      .when({ type: 'ExpireOrder', orderId: `${ID}-o1`, now: at(15) })
      .thenFails('INVALID_STATE');
    const expired = run(joined, { type: 'ExpireOrder', orderId: `${ID}-o1`, now: at(16) });
    expect(fold(expired)).toMatchObject({ held: 0 });
    expect(fold(expired).customers.get('c1')).toBe(0);
    given(campaignDecider, run(joined, pay('o1', 'pi_1', 7_980)))
      .when({ type: 'ExpireOrder', orderId: `${ID}-o1`, now: at(16) })
      .then([]);
  });

  it('re-holds the quota for a payment arriving after expiry when it still fits, else refuses it', () => {
    const expired = run(joined, { type: 'ExpireOrder', orderId: `${ID}-o1`, now: at(16) });
    const reheld = run(expired, pay('o1', 'pi_1', 7_980, 17));
    expect(reheld.at(-1)).toMatchObject({ type: 'CampaignOrderPaid', data: { reheld: true } });
    expect(fold(reheld)).toMatchObject({ held: 2, paid: 2 });

    const taken = run(expired, joinCmd('o2', 'c2', 2, { now: at(16) }), joinCmd('o3', 'c3', 2, { now: at(16) }));
    expect(run(taken, pay('o1', 'pi_1', 7_980, 17)).at(-1)).toMatchObject({
      type: 'CampaignPaymentRefused',
      data: { reason: 'sold_out' },
    });
    expect(run(expired, pay('o1', 'pi_1', 7_980, 61)).at(-1)).toMatchObject({
      type: 'CampaignPaymentRefused',
      data: { reason: 'closed' },
    });
  });

  it('lets the customer cancel before the cut-off, with a refund when paid, and nobody else', () => {
    const paid = run(joined, pay('o1', 'pi_1', 7_980));
    given(campaignDecider, paid)
      .when({ type: 'CancelOrder', orderId: `${ID}-o1`, customer: 'c2', now: at(3) })
      .thenFails('NOT_FOUND', 'orderId');
    const cancelled = run(paid, { type: 'CancelOrder', orderId: `${ID}-o1`, customer: 'c1', now: at(3) });
    expect(cancelled.at(-1)).toMatchObject({
      type: 'CampaignOrderReleased',
      data: { reason: 'cancelled', wasPaid: true, refund: { intentId: 'pi_1', amountFen: 7_980 } },
    });
    expect(fold(cancelled)).toMatchObject({ held: 0, paid: 0 });
    given(campaignDecider, paid)
      .when({ type: 'CancelOrder', orderId: `${ID}-o1`, customer: 'c1', now: at(60) })
      .thenFails('CUTOFF_PASSED');
  });
});

describe('campaign: cut-off', () => {
  const close = { type: 'CloseCampaign', now: at(60) } as const;

  it('succeeds on paid plus pay-at-pickup quantity, expiring unpaid online orders', () => {
    const history = run(
      published,
      joinCmd('o1', 'c1', 2),
      pay('o1', 'pi_1', 7_980),
      joinCmd('o2', 'c2', 1, { paymentMethod: 'pay_at_pickup' }),
      joinCmd('o3', 'c3', 2),
    );
    const events = given(campaignDecider, history).when(close).events();
    expect(events.map((e) => e.type)).toEqual(['CampaignOrderReleased', 'CampaignSucceeded']);
    expect(events[1].data).toEqual({
      campaignId: ID,
      soldQuantity: 3,
      paidQuantity: 2,
      payAtPickupQuantity: 1,
      orders: [`${ID}-o1`, `${ID}-o2`],
      at: at(60),
    });
    given(campaignDecider, [...history, ...events])
      .when(close)
      .thenFails('ALREADY_DECIDED');
  });

  it('fails below the minimum, listing every paid order for a refund', () => {
    const history = run(published, joinCmd('o1', 'c1', 2), pay('o1', 'pi_1', 7_980));
    given(campaignDecider, history)
      .when(close)
      .then([
        {
          type: 'CampaignFailed',
          data: {
            campaignId: ID,
            committedQuantity: 2,
            minQuantity: 3,
            orders: [`${ID}-o1`],
            refunds: [{ orderId: `${ID}-o1`, intentId: 'pi_1', amountFen: 7_980 }],
            at: at(60),
          },
        },
      ]);
  });

  it('records the stock outcome once', () => {
    const history = run(
      published,
      joinCmd('o1', 'c1', 2, { paymentMethod: 'pay_at_pickup' }),
      joinCmd('o2', 'c2', 1, { paymentMethod: 'pay_at_pickup' }),
      close,
    );
    const fulfil = {
      type: 'RecordFulfilment',
      allocated: 15_000,
      released: 10_000,
      transferId: 'T-1',
      to: 'LC-VP-DCF-01',
      now: at(61),
    } as const;
    const done = run(history, fulfil);
    expect(done.at(-1)?.type).toBe('CampaignFulfilled');
    given(campaignDecider, done).when(fulfil).then([]);
    given(campaignDecider, history)
      .when({ type: 'RecordQuotaReturned', released: 25_000, now: at(61) })
      .thenFails('INVALID_STATE');
  });
});

describe('campaign: lifecycle controls', () => {
  const draft = run([], { type: 'CreateCampaign', terms, now: T0 });
  const cancel = (extra: Partial<Extract<CampaignCommand, { type: 'CancelCampaign' }>> = {}): CampaignCommand => ({
    type: 'CancelCampaign',
    by: 'operator1',
    reason: '产地降雨',
    mayCancelPublished: true,
    now: at(5),
    ...extra,
  });

  it('edits a draft: records only the terms that changed, with who and when, validated like a creation', () => {
    const events = given(campaignDecider, draft)
      .when({
        type: 'EditCampaign',
        changes: { title: terms.title, quota: 8, unitPriceFen: 3_590 },
        by: 'leader1',
        now: at(1),
      })
      .events();
    expect(events).toEqual([
      {
        type: 'CampaignEdited',
        data: { campaignId: ID, changes: { quota: 8, unitPriceFen: 3_590 }, by: 'leader1', at: at(1) },
      },
    ]);
    expect(fold([...draft, ...events]).terms).toMatchObject({ quota: 8, unitPriceFen: 3_590, title: terms.title });
    given(campaignDecider, draft)
      .when({ type: 'EditCampaign', changes: { quota: terms.quota }, by: 'x', now: at(1) })
      .then([]);
    given(campaignDecider, draft)
      .when({ type: 'EditCampaign', changes: { minQuantity: 6 }, by: 'x', now: at(1) })
      .thenFails('INVALID_STATE', 'minQuantity');
    given(campaignDecider, draft)
      .when({ type: 'EditCampaign', changes: { cutoffAt: at(0) }, by: 'x', now: at(1) })
      .thenFails('INVALID_DATES', 'cutoffAt');
    given(campaignDecider, draft)
      .when({ type: 'EditCampaign', changes: { pickupDate: '2026-11-27' }, by: 'x', now: at(1) })
      .thenFails('INVALID_DATES', 'pickupDate');
  });

  it('edits nothing once published or cancelled', () => {
    given(campaignDecider, published)
      .when({ type: 'EditCampaign', changes: { quota: 4 }, by: 'x', now: at(1) })
      .thenFails('CAMPAIGN_NOT_DRAFT');
    given(campaignDecider, run(draft, cancel()))
      .when({ type: 'EditCampaign', changes: { quota: 4 }, by: 'x', now: at(6) })
      .thenFails('CAMPAIGN_CANCELLED');
  });

  it('cancels a draft with nothing to release; it can then neither be published nor cancelled again', () => {
    const cancelled = run(draft, cancel({ mayCancelPublished: false }));
    expect(cancelled.at(-1)).toEqual({
      type: 'CampaignCancelled',
      data: {
        campaignId: ID,
        by: 'operator1',
        reason: '产地降雨',
        wasPublished: false,
        orders: [],
        refunds: [],
        unpaid: [],
        at: at(5),
      },
    });
    expect(fold(cancelled)).toMatchObject({ status: 'cancelled', fulfilment: 'none' });
    given(campaignDecider, cancelled)
      .when({ type: 'RequestPublish', by: 'x', now: at(6) })
      .thenFails('CAMPAIGN_CANCELLED');
    given(campaignDecider, cancelled).when(cancel()).thenFails('CAMPAIGN_CANCELLED');
  });

  it('cancels a published campaign: every live order released, paid ones listed for a refund, unpaid online ones for their intents', () => {
    const history = run(
      published,
      joinCmd('o1', 'c1', 2),
      pay('o1', 'pi_1', 7_980),
      joinCmd('o2', 'c2', 1, { paymentMethod: 'pay_at_pickup' }),
      joinCmd('o3', 'c3', 1),
      joinCmd('o4', 'c4', 1, { paymentMethod: 'pay_at_pickup' }),
      { type: 'CancelOrder', orderId: `${ID}-o4`, customer: 'c4', now: at(3) },
    );
    given(campaignDecider, history)
      .when(cancel({ mayCancelPublished: false }))
      .thenFails('FORBIDDEN');
    const events = given(campaignDecider, history).when(cancel()).events();
    expect(events).toEqual([
      {
        type: 'CampaignCancelled',
        data: {
          campaignId: ID,
          by: 'operator1',
          reason: '产地降雨',
          wasPublished: true,
          orders: [`${ID}-o1`, `${ID}-o2`, `${ID}-o3`],
          refunds: [{ orderId: `${ID}-o1`, intentId: 'pi_1', amountFen: 7_980 }],
          unpaid: [`${ID}-o3`],
          at: at(5),
        },
      },
    ]);
    const after = [...history, ...events];
    expect(fold(after)).toMatchObject({ status: 'cancelled', held: 0, paid: 0, payAtPickup: 0, fulfilment: 'pending' });
    // Joins, the customer's own cancel and the cut-off are refused; a late payment is refused for a refund.
    given(campaignDecider, after)
      .when(joinCmd('o5', 'c5', 1, { now: at(6) }))
      .thenFails('CAMPAIGN_CANCELLED');
    given(campaignDecider, after)
      .when({ type: 'CancelOrder', orderId: `${ID}-o2`, customer: 'c2', now: at(6) })
      .thenFails('CAMPAIGN_CANCELLED');
    given(campaignDecider, after)
      .when({ type: 'CloseCampaign', now: at(60) })
      .thenFails('CAMPAIGN_CANCELLED');
    expect(run(after, pay('o3', 'pi_3', 3_990, 7)).at(-1)).toMatchObject({
      type: 'CampaignPaymentRefused',
      data: { reason: 'cancelled' },
    });
    given(campaignDecider, after)
      .when({ type: 'ExpireOrder', orderId: `${ID}-o3`, now: at(20) })
      .then([]);
    // Its quota goes back once, as a failed campaign's does.
    const returned = run(after, { type: 'RecordQuotaReturned', released: 25_000, now: at(6) });
    expect(returned.at(-1)?.type).toBe('CampaignQuotaReturned');
    given(campaignDecider, returned)
      .when({ type: 'RecordQuotaReturned', released: 25_000, now: at(7) })
      .then([]);
  });

  it('cancels nothing already cut off, nor while being published', () => {
    const closed = run(published, { type: 'CloseCampaign', now: at(60) });
    given(campaignDecider, closed)
      .when(cancel({ now: at(61) }))
      .thenFails('ALREADY_DECIDED');
    const publishing = run(draft, { type: 'RequestPublish', by: 'x', now: T0 });
    given(campaignDecider, publishing).when(cancel()).thenFails('INVALID_STATE');
  });

  it('runs the cut-off early for an operator, naming them; the deadline alone waits for cutoffAt', () => {
    const history = run(
      published,
      joinCmd('o1', 'c1', 2, { paymentMethod: 'pay_at_pickup' }),
      joinCmd('o2', 'c2', 1, { paymentMethod: 'pay_at_pickup' }),
      joinCmd('o3', 'c3', 1),
    );
    given(campaignDecider, history)
      .when({ type: 'CloseCampaign', now: at(10) })
      .thenFails('INVALID_STATE');
    const events = given(campaignDecider, history)
      .when({ type: 'CloseCampaign', now: at(10), by: 'operator1' })
      .events();
    expect(events.map((e) => e.type)).toEqual(['CampaignOrderReleased', 'CampaignSucceeded']);
    expect(events[1].data).toMatchObject({ closedBy: 'operator1', soldQuantity: 3, at: at(10) });
    given(campaignDecider, [...history, ...events])
      .when({ type: 'CloseCampaign', now: at(60) })
      .thenFails('ALREADY_DECIDED');
    // Not for campaigns that are not open.
    given(campaignDecider, draft)
      .when({ type: 'CloseCampaign', now: at(10), by: 'operator1' })
      .thenFails('NOT_OPEN');
    const later = run(
      [],
      { type: 'CreateCampaign', terms: { ...terms, opensAt: at(30) }, now: T0 },
      { type: 'RequestPublish', by: 'x', now: T0 },
      { type: 'ConfirmPublish', attempt: 1, now: T0 },
    );
    given(campaignDecider, later)
      .when({ type: 'CloseCampaign', now: at(10), by: 'operator1' })
      .thenFails('NOT_OPEN');
  });
});
