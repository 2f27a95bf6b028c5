import {
  commissionIdsOf,
  evolveCampaignDoc,
  evolveCommissionDoc,
  evolveOrderDoc,
  orderIdsOf,
  type CampaignDoc,
  type CampaignEvent,
  type CommissionDoc,
  type OrderDoc,
  type OrderEvent,
} from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import { deadlineReadModel, type DeadlineChange, type Projection } from '@gx/readstore';
import { eventNarrower } from '../kernel/event-narrowing';
import { GROUP_BUY_DEADLINE_IDS } from './group-buy.ids';
import { DeclareProjection } from '../kernel/declarations';

/** Collections of the group-buy projection. */
export const GROUP_BUY = {
  campaigns: 'gb_campaigns',
  orders: 'gb_orders',
  commissions: 'gb_commissions',
  deadlines: 'gb_deadlines',
} as const;

/** Deadline kinds of the group buy (handled in the worker by GroupBuyWorkerTasks). */
export const GROUP_BUY_DEADLINES = { cutoff: 'group-buy.cutoff', paymentWindow: 'group-buy.payment-window' } as const;

/** Every campaign event type (a record, so that a new event type cannot be forgotten here). */
const CAMPAIGN_EVENT_TYPES: Record<CampaignEvent['type'], true> = {
  CampaignCreated: true,
  CampaignPublishRequested: true,
  CampaignPublished: true,
  CampaignPublishRejected: true,
  CampaignJoined: true,
  CampaignOrderPaid: true,
  CampaignPaymentRefused: true,
  CampaignOrderReleased: true,
  CampaignSucceeded: true,
  CampaignFailed: true,
  CampaignEdited: true,
  CampaignCancelled: true,
  CampaignFulfilled: true,
  CampaignFulfilmentBlocked: true,
  CampaignQuotaReturned: true,
  CampaignGoodsArrived: true,
  CampaignPickupIssued: true,
  CampaignPickupIssueBlocked: true,
};
const ORDER_EVENT_TYPES: Record<OrderEvent['type'], true> = {
  OrderPaymentIntentCreated: true,
  OrderConfirmed: true,
  OrderRefunded: true,
  OrderRefundFailed: true,
  OrderRefundSettled: true,
  OrderHandedOver: true,
};

/** The campaign event a recorded event is, if it is one. */
export const asCampaignEvent = eventNarrower<CampaignEvent>('campaign-', CAMPAIGN_EVENT_TYPES);
/** The group-buy order event a recorded event is, if it is one. */
export const asOrderEvent = eventNarrower<OrderEvent>('order-', ORDER_EVENT_TYPES);
const asGroupBuyEvent = (event: RecordedEvent): CampaignEvent | OrderEvent | undefined =>
  asCampaignEvent(event) ?? asOrderEvent(event);

/** Cut-offs of published campaigns and payment windows of orders paid online, set and cancelled by campaign events. */
export function groupBuyDeadlines(event: RecordedEvent): DeadlineChange[] {
  const e = asCampaignEvent(event);
  if (!e) return [];
  const cutoff = (id: string, dueAt: string | null): DeadlineChange => ({
    id: GROUP_BUY_DEADLINE_IDS.cutoff(id),
    deadline: dueAt === null ? null : { dueAt, kind: GROUP_BUY_DEADLINES.cutoff, payload: { campaignId: id } },
  });
  const window = (orderId: string, dueAt: string | null): DeadlineChange => ({
    id: GROUP_BUY_DEADLINE_IDS.paymentWindow(orderId),
    deadline: dueAt === null ? null : { dueAt, kind: GROUP_BUY_DEADLINES.paymentWindow, payload: { orderId } },
  });
  switch (e.type) {
    case 'CampaignPublished':
      return [cutoff(e.data.campaignId, e.data.cutoffAt)];
    case 'CampaignSucceeded':
    case 'CampaignFailed':
      return [cutoff(e.data.campaignId, null)];
    case 'CampaignCancelled':
      return [cutoff(e.data.campaignId, null), ...e.data.unpaid.map((orderId) => window(orderId, null))];
    case 'CampaignJoined':
      return e.data.expiresAt === undefined ? [] : [window(e.data.orderId, e.data.expiresAt)];
    case 'CampaignOrderPaid':
    case 'CampaignOrderReleased':
      return [window(e.data.orderId, null)];
    default:
      return [];
  }
}

/** Campaigns (`gb_campaigns`), orders (`gb_orders`), leader commissions (`gb_commissions`) and the group-buy deadlines. */
export const groupBuyProjection: Projection = {
  name: 'group-buy',
  // 2: campaigns show their books at the pickup point, orders whether the goods that arrived cover them.
  // 3: draft edits and cancellations (campaigns and their orders), cut-offs run by operators, why orders were cancelled.
  // 4: orders show the batches that supplied them and carry the key of their traceability page.
  // 5: orders read confirmed from their campaign's success (the log position a live screen is told of).
  version: 5,
  filter: {
    streamPrefixes: ['campaign-', 'order-'],
    eventTypes: [...Object.keys(CAMPAIGN_EVENT_TYPES), ...Object.keys(ORDER_EVENT_TYPES)],
  },
  readModels: [
    {
      collection: GROUP_BUY.campaigns,
      indexes: [
        {
          fields: [
            ['pickupPoint', 1],
            ['cutoffAt', 1],
          ],
        },
        {
          fields: [
            ['status', 1],
            ['cutoffAt', 1],
          ],
        },
        { fields: [['cutoffAt', 1]] },
      ],
      ids: (event) => {
        const e = asCampaignEvent(event);
        return e ? [e.data.campaignId] : [];
      },
      evolve: (doc, event) => {
        const e = asCampaignEvent(event);
        return e ? evolveCampaignDoc(doc as CampaignDoc | null, e, event.metadata.occurredAt) : doc;
      },
    },
    {
      collection: GROUP_BUY.orders,
      indexes: [
        {
          fields: [
            ['customer', 1],
            ['placedAt', -1],
          ],
        },
        {
          fields: [
            ['pickupPoint', 1],
            ['placedAt', -1],
          ],
        },
        {
          fields: [
            ['campaignId', 1],
            ['placedAt', -1],
          ],
        },
        { fields: [['pickupCode', 1]] },
        { fields: [['traceToken', 1]] },
      ],
      ids: (event) => {
        const e = asGroupBuyEvent(event);
        return e ? orderIdsOf(e) : [];
      },
      evolve: (doc, event, id) => {
        const e = asGroupBuyEvent(event);
        return e ? evolveOrderDoc(doc as OrderDoc | null, e, id, event.metadata.occurredAt) : doc;
      },
    },
    {
      collection: GROUP_BUY.commissions,
      indexes: [
        {
          fields: [
            ['pickupPoint', 1],
            ['month', -1],
          ],
        },
      ],
      ids: (event) => {
        const e = asOrderEvent(event);
        return e ? commissionIdsOf(e) : [];
      },
      evolve: (doc, event) => {
        const e = asOrderEvent(event);
        return e ? evolveCommissionDoc(doc as CommissionDoc | null, e) : doc;
      },
    },
    deadlineReadModel(GROUP_BUY.deadlines, groupBuyDeadlines),
  ],
};

/** Declares {@link groupBuyProjection} (run by the worker, administered under `/projections`, checked by `/integrity`). */
@DeclareProjection()
export class GroupBuyProjection {
  readonly projection = groupBuyProjection;
}
