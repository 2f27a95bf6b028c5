import type { RecordedEvent } from '@gx/eventstore';
import { groupBuyDeadlines, GROUP_BUY_DEADLINES } from './group-buy.projection';

const recorded = (streamId: string, type: string, data: object): RecordedEvent => ({
  id: 'e-1',
  streamId,
  revision: 0,
  position: '1',
  type,
  data,
  metadata: {
    schemaVersion: 1,
    correlationId: 'c',
    causationId: 'c',
    actor: 'test',
    occurredAt: '2026-11-28T02:00:00.000Z',
  },
});
const campaign = (type: string, data: object) =>
  recorded('campaign-GB-0123456789ab', type, { campaignId: 'GB-0123456789ab', ...data });
const ORDER = 'GB-0123456789ab-0a1b2c3d4e';

describe('group-buy deadlines', () => {
  it('sets the cut-off when a campaign is published and cancels it once the campaign is decided', () => {
    expect(
      groupBuyDeadlines(campaign('CampaignPublished', { attempt: 1, at: 'x', cutoffAt: '2026-11-30T04:00:00.000Z' })),
    ).toEqual([
      {
        id: 'cutoff:GB-0123456789ab',
        deadline: {
          dueAt: '2026-11-30T04:00:00.000Z',
          kind: GROUP_BUY_DEADLINES.cutoff,
          payload: { campaignId: 'GB-0123456789ab' },
        },
      },
    ]);
    expect(groupBuyDeadlines(campaign('CampaignFailed', { orders: [], refunds: [] }))).toEqual([
      { id: 'cutoff:GB-0123456789ab', deadline: null },
    ]);
  });

  it('sets a payment window for an order paid online only, and cancels it when the order is paid or released', () => {
    const joined = (paymentMethod: string, expiresAt?: string) =>
      campaign('CampaignJoined', { orderId: ORDER, paymentMethod, ...(expiresAt && { expiresAt }) });
    expect(groupBuyDeadlines(joined('stripe', '2026-11-28T02:15:00.000Z'))).toEqual([
      {
        id: `payment-window:${ORDER}`,
        deadline: {
          dueAt: '2026-11-28T02:15:00.000Z',
          kind: GROUP_BUY_DEADLINES.paymentWindow,
          payload: { orderId: ORDER },
        },
      },
    ]);
    expect(groupBuyDeadlines(joined('pay_at_pickup'))).toEqual([]);
    for (const type of ['CampaignOrderPaid', 'CampaignOrderReleased']) {
      expect(groupBuyDeadlines(campaign(type, { orderId: ORDER }))).toEqual([
        { id: `payment-window:${ORDER}`, deadline: null },
      ]);
    }
  });

  it('ignores events of other streams with the same names', () => {
    expect(groupBuyDeadlines(recorded('lot-L1', 'CampaignPublished', { campaignId: 'x', cutoffAt: 'y' }))).toEqual([]);
  });
});
