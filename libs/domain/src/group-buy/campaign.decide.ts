import { shanghaiDate } from '../shared/business-time';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { BatchPick } from '../stock/stock.events';
import {
  EDITABLE_TERMS,
  type CampaignEvent,
  type CampaignTerms,
  type PaymentMethod,
  type RefundDue,
  type TermsChange,
} from './campaign.events';
import { decideCampaignOrder, expireUnpaid, requireTerms } from './campaign.orders';
import { decideCampaignPickup } from './campaign.pickup';
import {
  committedOf,
  evolveCampaign,
  initialCampaignState,
  type CampaignOrder,
  type CampaignState,
} from './campaign.state';

/** Create a draft campaign (the handler has checked SKU, warehouses and pickup point and filled in their facts). */
export type CreateCampaign = { type: 'CreateCampaign'; terms: CampaignTerms; now: string };
/** Ask to publish: the quota is reserved from stock next (see the group-buy process managers). */
export type RequestPublish = { type: 'RequestPublish'; by: string; now: string };
/** The quota of publication `attempt` is reserved: the campaign is live. */
export type ConfirmPublish = { type: 'ConfirmPublish'; attempt: number; now: string };
/** The stock ledger refused the quota of publication `attempt`: back to draft. */
export type RejectPublish = { type: 'RejectPublish'; attempt: number; code: string; reason: string; now: string };
/**
 * The cut-off has come: expire unpaid orders, then succeed or fail on the committed quantity. Its
 * deadline sends it at the cut-off; an operator (`by`) may run it earlier on an open campaign.
 */
export type CloseCampaign = { type: 'CloseCampaign'; now: string; by?: string };
/** Change terms of a draft (the handler has checked a new pickup point and filled in its warehouse). */
export type EditCampaign = { type: 'EditCampaign'; changes: TermsChange; by: string; now: string };
/** Cancel a draft, or (`mayCancelPublished`: operators) a published campaign with its orders (refunded or released) and its quota. */
export type CancelCampaign = {
  type: 'CancelCampaign';
  by: string;
  reason: string;
  mayCancelPublished: boolean;
  now: string;
};
/** The stock side of a success is done: sold quantity allocated and sent to the pickup point, the rest released. */
export type RecordFulfilment = {
  type: 'RecordFulfilment';
  allocated: number;
  released: number;
  transferId?: string;
  to: string;
  now: string;
};
/** The stock ledger refused a step of the fulfilment (operators must step in). */
export type RecordFulfilmentBlocked = {
  type: 'RecordFulfilmentBlocked';
  step: string;
  code: string;
  reason: string;
  now: string;
};
/** A failed campaign's quota went back to stock. */
export type RecordQuotaReturned = { type: 'RecordQuotaReturned'; released: number; now: string };

// Commands on the campaign's orders, decided by campaign.orders.ts.

/** Join a campaign: hold `quantity` sale units of its quota for a new order. */
export interface JoinCampaign {
  type: 'JoinCampaign';
  orderId: string;
  customer: string;
  quantity: number;
  paymentMethod: PaymentMethod;
  pickupCode: string;
  /** Online payments must arrive within this many seconds (never past the cut-off). */
  paymentWindowSeconds: number;
  now: string;
}
/** A verified gateway payment for an order (from the `payment_intent.succeeded` webhook). */
export interface RecordPayment {
  type: 'RecordPayment';
  orderId: string;
  intentId: string;
  amountFen: number;
  /** ISO code of the amount's currency, lower case; absent means CNY, the currency of every price here. */
  currency?: string;
  now: string;
}
/** The payment window of an order has passed (a deadline). */
export interface ExpireOrder {
  type: 'ExpireOrder';
  orderId: string;
  now: string;
}
/** The consumer cancels their order before the cut-off. */
export interface CancelOrder {
  type: 'CancelOrder';
  orderId: string;
  customer: string;
  now: string;
}

export type CampaignOrderCommand = JoinCampaign | RecordPayment | ExpireOrder | CancelOrder;

// Commands on the campaign's goods at its pickup point, decided by campaign.pickup.ts.

/** The campaign's transfer arrived at the pickup point: `received` and `lost` base units; `refused` when the ledger refused the hold. */
export type RecordGoodsArrived = {
  type: 'RecordGoodsArrived';
  transferId: string;
  received: number;
  lost: number;
  refused?: { code: string; reason: string };
  now: string;
};
/**
 * A handed-over order's goods were allocated from the pickup hold and issued (`picks`: what the ledger issued, the
 * batches that supplied it); `traceToken` keys its public traceability page.
 */
export type RecordPickupIssued = {
  type: 'RecordPickupIssued';
  orderId: string;
  picks: BatchPick[];
  traceToken: string;
  now: string;
};
/** The ledger refused to issue a handed-over order's goods. */
export type RecordPickupIssueBlocked = {
  type: 'RecordPickupIssueBlocked';
  orderId: string;
  code: string;
  reason: string;
  now: string;
};

export type CampaignPickupCommand = RecordGoodsArrived | RecordPickupIssued | RecordPickupIssueBlocked;

export type CampaignCommand =
  | CreateCampaign
  | RequestPublish
  | ConfirmPublish
  | RejectPublish
  | CloseCampaign
  | EditCampaign
  | CancelCampaign
  | RecordFulfilment
  | RecordFulfilmentBlocked
  | RecordQuotaReturned
  | CampaignOrderCommand
  | CampaignPickupCommand;

const positive = (value: number, field: string): void => {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new DomainError('INVALID_STATE', `${field} must be a positive whole number`, field);
};

/** The rules a campaign's terms must meet when it is created at `now`. */
export function validateTerms(t: CampaignTerms, now: string): void {
  positive(t.unitPriceFen, 'unitPriceFen');
  positive(t.quota, 'quota');
  positive(t.minQuantity, 'minQuantity');
  positive(t.perCustomerLimit, 'perCustomerLimit');
  positive(t.saleUnit.base, 'saleUnit');
  if (t.minQuantity > t.quota)
    throw new DomainError('INVALID_STATE', 'the minimum group quantity cannot exceed the quota', 'minQuantity');
  if (t.perCustomerLimit > t.quota)
    throw new DomainError('INVALID_STATE', 'the per-customer limit cannot exceed the quota', 'perCustomerLimit');
  if (!Number.isSafeInteger(t.quota * t.unitPriceFen) || !Number.isSafeInteger(t.quota * t.saleUnit.base)) {
    throw new DomainError('INVALID_STATE', 'the quota is too large', 'quota');
  }
  if (t.cutoffAt <= t.opensAt)
    throw new DomainError('INVALID_DATES', 'the cut-off must come after the opening', 'cutoffAt');
  if (t.cutoffAt <= now) throw new DomainError('INVALID_DATES', 'the cut-off must be in the future', 'cutoffAt');
  if (t.pickupDate < shanghaiDate(new Date(t.cutoffAt))) {
    throw new DomainError('INVALID_DATES', 'the pickup date cannot be before the cut-off date', 'pickupDate');
  }
}

function create(c: CreateCampaign, state: CampaignState): CampaignEvent[] {
  if (state.status !== 'none')
    throw new DomainError('ALREADY_EXISTS', `campaign ${c.terms.campaignId} exists`, 'campaignId');
  validateTerms(c.terms, c.now);
  return [{ type: 'CampaignCreated', data: c.terms }];
}

/** CAMPAIGN_CANCELLED for a cancelled campaign: nothing happens to it any more. */
export function refuseCancelled(state: CampaignState): void {
  if (state.status === 'cancelled') throw new DomainError('CAMPAIGN_CANCELLED', 'the campaign was cancelled');
}

function requestPublish(c: RequestPublish, state: CampaignState): CampaignEvent[] {
  const terms = requireTerms(state);
  refuseCancelled(state);
  // Publishing twice is asking for what is already under way or done.
  if (state.status === 'publishing' || state.status === 'published') return [];
  if (state.status !== 'draft') throw new DomainError('INVALID_STATE', `the campaign is ${state.status}`);
  if (c.now >= terms.cutoffAt) throw new DomainError('CUTOFF_PASSED', `the cut-off ${terms.cutoffAt} has passed`);
  const reserveQuantity = terms.quota * terms.saleUnit.base;
  const { campaignId, sku, warehouse } = terms;
  return [
    {
      type: 'CampaignPublishRequested',
      data: { campaignId, attempt: state.publishAttempts + 1, by: c.by, at: c.now, sku, warehouse, reserveQuantity },
    },
  ];
}

function requirePublishing(state: CampaignState, attempt: number): CampaignTerms {
  const terms = requireTerms(state);
  if (state.status !== 'publishing' || state.publishAttempts !== attempt) {
    throw new DomainError('INVALID_STATE', `publication ${attempt} is not under way (the campaign is ${state.status})`);
  }
  return terms;
}

function close(c: CloseCampaign, state: CampaignState): CampaignEvent[] {
  const terms = requireTerms(state);
  refuseCancelled(state);
  if (state.status === 'succeeded' || state.status === 'failed')
    throw new DomainError('ALREADY_DECIDED', `the campaign has ${state.status}`);
  if (state.status !== 'published')
    throw new DomainError('NOT_OPEN', `a ${state.status} campaign is not open: only an open campaign can be cut off`);
  if (c.by === undefined && c.now < terms.cutoffAt)
    throw new DomainError('INVALID_STATE', `the cut-off is ${terms.cutoffAt}`);
  if (c.by !== undefined && c.now < terms.opensAt)
    throw new DomainError('NOT_OPEN', `the campaign opens at ${terms.opensAt}: cancel it instead`);
  const early = c.by !== undefined ? { closedBy: c.by } : {};
  const expired = expireUnpaid(state, terms, c.now);
  const after = expired.reduce(evolveCampaign, state);
  const live = after.orders.values().filter((o) => o.status !== 'released');
  const orders = live.map((o) => o.orderId).sort();
  const { campaignId } = terms;
  const committed = committedOf(after);
  if (committed >= terms.minQuantity) {
    const data = {
      campaignId,
      ...early,
      soldQuantity: after.held,
      paidQuantity: after.paid,
      payAtPickupQuantity: after.payAtPickup,
      orders,
      at: c.now,
    };
    return [...expired, { type: 'CampaignSucceeded', data }];
  }
  const refunds = refundsOf(live);
  return [
    ...expired,
    {
      type: 'CampaignFailed',
      data: {
        campaignId,
        ...early,
        committedQuantity: committed,
        minQuantity: terms.minQuantity,
        orders,
        refunds,
        at: c.now,
      },
    },
  ];
}

/** Refunds owed for `orders` paid online, by order id. */
function refundsOf(orders: CampaignOrder[]): RefundDue[] {
  return orders
    .filter((o) => o.status === 'paid' && o.intentId !== undefined)
    .map((o) => ({ orderId: o.orderId, intentId: o.intentId as string, amountFen: o.amountFen }))
    .sort((a, b) => a.orderId.localeCompare(b.orderId));
}

/** A draft's new terms must meet the rules of creation; only terms that differ are recorded. */
function edit(c: EditCampaign, state: CampaignState): CampaignEvent[] {
  const terms = requireTerms(state);
  refuseCancelled(state);
  if (state.status !== 'draft')
    throw new DomainError('CAMPAIGN_NOT_DRAFT', `the campaign is ${state.status}: only a draft can be edited`);
  const changes: TermsChange = {};
  for (const key of [...EDITABLE_TERMS, 'pickupWarehouse'] as const) {
    const value = c.changes[key];
    if (value !== undefined && value !== terms[key]) Object.assign(changes, { [key]: value });
  }
  if (Object.keys(changes).length === 0) return [];
  validateTerms({ ...terms, ...changes }, c.now);
  return [{ type: 'CampaignEdited', data: { campaignId: terms.campaignId, changes, by: c.by, at: c.now } }];
}

/** Cancel a draft, or a published campaign: every live order is released (paid ones refunded), the quota returns. */
function cancelCampaign(c: CancelCampaign, state: CampaignState): CampaignEvent[] {
  const terms = requireTerms(state);
  refuseCancelled(state);
  if (state.status === 'succeeded' || state.status === 'failed')
    throw new DomainError('ALREADY_DECIDED', `the campaign has ${state.status}`);
  if (state.status === 'publishing')
    throw new DomainError('INVALID_STATE', 'the campaign is being published: try again in a moment');
  const base = { campaignId: terms.campaignId, by: c.by, reason: c.reason, at: c.now };
  if (state.status === 'draft')
    return [{ type: 'CampaignCancelled', data: { ...base, wasPublished: false, orders: [], refunds: [], unpaid: [] } }];
  if (!c.mayCancelPublished) throw new DomainError('FORBIDDEN', 'only operators cancel a published campaign');
  const live = state.orders.values().filter((o) => o.status !== 'released');
  const orders = live.map((o) => o.orderId).sort();
  const unpaid = live
    .filter((o) => o.status === 'held' && o.paymentMethod === 'stripe')
    .map((o) => o.orderId)
    .sort();
  return [
    { type: 'CampaignCancelled', data: { ...base, wasPublished: true, orders, refunds: refundsOf(live), unpaid } },
  ];
}

/** Stock outcomes are recorded once; a repeat (a redelivered event) changes nothing. */
function requirePendingFulfilment(
  state: CampaignState,
  ...outcomes: Array<'succeeded' | 'failed' | 'cancelled'>
): CampaignTerms | null {
  const terms = requireTerms(state);
  if (!(outcomes as string[]).includes(state.status))
    throw new DomainError('INVALID_STATE', `the campaign has not ${outcomes.join(' or ')}`);
  return state.fulfilment === 'pending' ? terms : null;
}

function decideCampaign(c: CampaignCommand, state: CampaignState): CampaignEvent[] {
  switch (c.type) {
    case 'CreateCampaign':
      return create(c, state);
    case 'RequestPublish':
      return requestPublish(c, state);
    case 'ConfirmPublish': {
      const { campaignId, cutoffAt } = requirePublishing(state, c.attempt);
      return [{ type: 'CampaignPublished', data: { campaignId, attempt: c.attempt, at: c.now, cutoffAt } }];
    }
    case 'RejectPublish': {
      const { campaignId } = requirePublishing(state, c.attempt);
      return [
        {
          type: 'CampaignPublishRejected',
          data: { campaignId, attempt: c.attempt, code: c.code, reason: c.reason, at: c.now },
        },
      ];
    }
    case 'CloseCampaign':
      return close(c, state);
    case 'EditCampaign':
      return edit(c, state);
    case 'CancelCampaign':
      return cancelCampaign(c, state);
    case 'RecordFulfilment': {
      const terms = requirePendingFulfilment(state, 'succeeded');
      if (!terms) return [];
      const { allocated, released, to } = c;
      return [
        {
          type: 'CampaignFulfilled',
          data: {
            campaignId: terms.campaignId,
            allocated,
            released,
            ...(c.transferId && { transferId: c.transferId }),
            to,
            at: c.now,
          },
        },
      ];
    }
    case 'RecordFulfilmentBlocked': {
      const terms = requirePendingFulfilment(state, 'succeeded');
      if (!terms) return [];
      return [
        {
          type: 'CampaignFulfilmentBlocked',
          data: { campaignId: terms.campaignId, step: c.step, code: c.code, reason: c.reason, at: c.now },
        },
      ];
    }
    case 'RecordQuotaReturned': {
      const terms = requirePendingFulfilment(state, 'failed', 'cancelled');
      return terms
        ? [{ type: 'CampaignQuotaReturned', data: { campaignId: terms.campaignId, released: c.released, at: c.now } }]
        : [];
    }
    case 'JoinCampaign':
    case 'RecordPayment':
    case 'ExpireOrder':
    case 'CancelOrder':
      return decideCampaignOrder(c, state);
    case 'RecordGoodsArrived':
    case 'RecordPickupIssued':
    case 'RecordPickupIssueBlocked':
      return decideCampaignPickup(c, state);
    default:
      return assertNever(c);
  }
}

/** A community group-buy campaign (团购活动): its quota, the orders holding it, and its outcome at cut-off. */
export const campaignDecider: Decider<CampaignCommand, CampaignEvent, CampaignState> & { name: string } = {
  name: 'campaign',
  initialState: initialCampaignState,
  decide: decideCampaign,
  evolve: evolveCampaign,
};
