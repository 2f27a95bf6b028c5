import { decideAll, given } from '@gx/testing';
import { fold as foldEvents } from '../shared/decider';
import { campaignDecider, type CampaignCommand } from './campaign.decide';
import type { CampaignEvent, CampaignTerms } from './campaign.events';
import { goodsReadiness, pickupHolderOf, planPickup } from './campaign.pickup';

const T0 = '2026-11-28T02:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const ID = 'GB-0123456789ab';
const terms: CampaignTerms = {
  campaignId: ID,
  title: '莘县西红柿 按公斤团',
  sku: 'SKU-TOMATO-SX',
  skuName: '莘县西红柿',
  warehouse: 'LC-HUB-DCF',
  pickupPoint: 'PP-DCF-01',
  pickupWarehouse: 'LC-VP-DCF-01',
  saleUnit: { unit: 'kg', base: 1000 },
  unitPriceFen: 500,
  minQuantity: 2,
  quota: 20,
  perCustomerLimit: 5,
  opensAt: at(0),
  cutoffAt: at(60),
  pickupDate: '2026-11-29',
  createdBy: 'leader1',
  createdAt: T0,
};

const fold = (events: CampaignEvent[]) => foldEvents(campaignDecider, events);
const run = (history: CampaignEvent[], ...commands: CampaignCommand[]): CampaignEvent[] =>
  decideAll(campaignDecider, history, ...commands);
const join = (order: string, quantity: number, minute: number): CampaignCommand => ({
  type: 'JoinCampaign',
  orderId: `${ID}-${order}`,
  customer: `c-${order}`,
  quantity,
  paymentMethod: 'pay_at_pickup',
  pickupCode: 'ABCDEFGH',
  paymentWindowSeconds: 900,
  now: at(minute),
});
const published = run(
  [],
  { type: 'CreateCampaign', terms, now: T0 },
  { type: 'RequestPublish', by: 'leader1', now: T0 },
  { type: 'ConfirmPublish', attempt: 1, now: T0 },
);
/** Orders of 3, 2 and 1 kg, joined in that order, and the campaign succeeded with 6 kg sold. */
const succeeded = run(published, join('o1', 3, 1), join('o2', 2, 2), join('o3', 1, 3), {
  type: 'CloseCampaign',
  now: at(60),
});
const arrive = (
  received: number,
  extra: Partial<Extract<CampaignCommand, { type: 'RecordGoodsArrived' }>> = {},
): CampaignCommand => ({
  type: 'RecordGoodsArrived',
  transferId: 'T-1',
  received,
  lost: 6_000 - received,
  now: at(120),
  ...extra,
});
const issued = (order: string, quantity: number): CampaignCommand => ({
  type: 'RecordPickupIssued',
  orderId: `${ID}-${order}`,
  picks: [{ batchId: 'B-1', quantity }],
  traceToken: `T-${order}`,
  now: at(130),
});

describe('campaign: goods at the pickup point', () => {
  it('holds everything that arrived for the orders, and is told a repeat of the arrival without change', () => {
    const events = given(campaignDecider, succeeded).when(arrive(6_000)).events();
    expect(events).toEqual([
      {
        type: 'CampaignGoodsArrived',
        data: {
          campaignId: ID,
          transferId: 'T-1',
          warehouse: 'LC-VP-DCF-01',
          holder: pickupHolderOf(ID),
          received: 6_000,
          lost: 0,
          held: 6_000,
          unserved: [],
          at: at(120),
        },
      },
    ]);
    given(campaignDecider, [...succeeded, ...events])
      .when(arrive(6_000, { now: at(121) }))
      .then([]);
    given(campaignDecider, [...succeeded, ...events])
      .when(arrive(6_000, { transferId: 'T-2' }))
      .thenFails('ALREADY_DECIDED', 'transferId');
    expect(goodsReadiness(fold([...succeeded, ...events]), `${ID}-o2`)).toBe('ready');
  });

  it('serves whole orders in the order they joined after a shortfall in transit, and flags the others', () => {
    // 4 kg arrived: the first order (3 kg) fits, the second (2 kg) does not, the third (1 kg) still does.
    expect(planPickup(fold(succeeded), 4_000)).toEqual({
      held: 4_000,
      servable: [`${ID}-o1`, `${ID}-o3`],
      unserved: [`${ID}-o2`],
    });
    const events = given(campaignDecider, succeeded).when(arrive(4_000)).events();
    expect(events[0].data).toMatchObject({ received: 4_000, lost: 2_000, held: 4_000, unserved: [`${ID}-o2`] });
    const state = fold([...succeeded, ...events]);
    expect([goodsReadiness(state, `${ID}-o1`), goodsReadiness(state, `${ID}-o2`)]).toEqual(['ready', 'short']);
  });

  it('flags every order when the pickup point could not hold the goods', () => {
    const refused = { code: 'INSUFFICIENT_STOCK', reason: '0 available, 6000 asked' };
    const events = given(campaignDecider, succeeded).when(arrive(6_000, { refused })).events();
    expect(events[0].data).toMatchObject({ held: 0, unserved: [`${ID}-o1`, `${ID}-o2`, `${ID}-o3`], refused });
    expect(goodsReadiness(fold([...succeeded, ...events]), `${ID}-o1`)).toBe('short');
  });

  it('knows no goods before the transfer arrived, and receives none for a campaign that did not succeed', () => {
    expect(goodsReadiness(fold(succeeded), `${ID}-o1`)).toBe('not_arrived');
    given(campaignDecider, published).when(arrive(6_000)).thenFails('INVALID_STATE');
  });

  it('records each hand-over issued from the hold once, until nothing is held', () => {
    const ready = run(succeeded, arrive(6_000));
    const one = run(ready, issued('o1', 3_000));
    expect(one.at(-1)).toEqual({
      type: 'CampaignPickupIssued',
      data: {
        campaignId: ID,
        orderId: `${ID}-o1`,
        quantity: 3_000,
        picks: [{ batchId: 'B-1', quantity: 3_000 }],
        traceToken: 'T-o1',
        at: at(130),
      },
    });
    given(campaignDecider, one).when(issued('o1', 3_000)).then([]);
    const all = run(one, issued('o2', 2_000), issued('o3', 1_000));
    expect(fold(all).pickup).toEqual({ status: 'ready', transferId: 'T-1', held: 0 });
  });

  it('records once a hand-over whose goods the ledger refused to issue', () => {
    const ready = run(succeeded, arrive(6_000));
    const blocked = {
      type: 'RecordPickupIssueBlocked',
      orderId: `${ID}-o2`,
      code: 'NOT_FOUND',
      reason: 'released by hand',
      now: at(130),
    } as const;
    const events = given(campaignDecider, ready).when(blocked).events();
    expect(events[0].data).toMatchObject({ orderId: `${ID}-o2`, quantity: 2_000, code: 'NOT_FOUND' });
    given(campaignDecider, [...ready, ...events])
      .when(blocked)
      .then([]);
    given(campaignDecider, [...ready, ...events])
      .when(issued('o2', 2_000))
      .then([]);
    given(campaignDecider, succeeded).when(issued('o1', 3_000)).thenFails('INVALID_STATE');
  });
});
