import { shanghaiDate } from '../shared/business-time';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { committedOf, initialCampaignState, type CampaignEvent, type CampaignState, type CampaignTerms, type RefundDue } from './campaign.events';
import { evolveCampaign } from './campaign.evolve';
import { decideCampaignOrder, expireUnpaid, requireTerms, type CampaignOrderCommand } from './campaign.orders';
import { decideCampaignPickup, type CampaignPickupCommand } from './campaign.pickup';

/** Create a draft campaign (the handler has checked SKU, warehouses and pickup point and filled in their facts). */
export type CreateCampaign = { type: 'CreateCampaign'; terms: CampaignTerms; now: string };
/** Ask to publish: the quota is reserved from stock next (see the group-buy process managers). */
export type RequestPublish = { type: 'RequestPublish'; by: string; now: string };
/** The quota of publication `attempt` is reserved: the campaign is live. */
export type ConfirmPublish = { type: 'ConfirmPublish'; attempt: number; now: string };
/** The stock ledger refused the quota of publication `attempt`: back to draft. */
export type RejectPublish = { type: 'RejectPublish'; attempt: number; code: string; reason: string; now: string };
/** The cut-off has come: expire unpaid orders, then succeed or fail on the committed quantity. */
export type CloseCampaign = { type: 'CloseCampaign'; now: string };
/** The stock side of a success is done: sold quantity allocated and sent to the pickup point, the rest released. */
export type RecordFulfilment = { type: 'RecordFulfilment'; allocated: number; released: number; transferId?: string; to: string; now: string };
/** The stock ledger refused a step of the fulfilment (operators must step in). */
export type RecordFulfilmentBlocked = { type: 'RecordFulfilmentBlocked'; step: string; code: string; reason: string; now: string };
/** A failed campaign's quota went back to stock. */
export type RecordQuotaReturned = { type: 'RecordQuotaReturned'; released: number; now: string };

export type CampaignCommand =
  | CreateCampaign
  | RequestPublish
  | ConfirmPublish
  | RejectPublish
  | CloseCampaign
  | RecordFulfilment
  | RecordFulfilmentBlocked
  | RecordQuotaReturned
  | CampaignOrderCommand
  | CampaignPickupCommand;

const positive = (value: number, field: string): void => {
  if (!Number.isSafeInteger(value) || value <= 0) throw new DomainError('INVALID_STATE', `${field} must be a positive whole number`, field);
};

/** The rules a campaign's terms must meet when it is created at `now`. */
export function validateTerms(t: CampaignTerms, now: string): void {
  positive(t.unitPriceFen, 'unitPriceFen');
  positive(t.quota, 'quota');
  positive(t.minQuantity, 'minQuantity');
  positive(t.perCustomerLimit, 'perCustomerLimit');
  positive(t.saleUnit.base, 'saleUnit');
  if (t.minQuantity > t.quota) throw new DomainError('INVALID_STATE', 'the minimum group quantity cannot exceed the quota', 'minQuantity');
  if (t.perCustomerLimit > t.quota) throw new DomainError('INVALID_STATE', 'the per-customer limit cannot exceed the quota', 'perCustomerLimit');
  if (!Number.isSafeInteger(t.quota * t.unitPriceFen) || !Number.isSafeInteger(t.quota * t.saleUnit.base)) {
    throw new DomainError('INVALID_STATE', 'the quota is too large', 'quota');
  }
  if (t.cutoffAt <= t.opensAt) throw new DomainError('INVALID_DATES', 'the cut-off must come after the opening', 'cutoffAt');
  if (t.cutoffAt <= now) throw new DomainError('INVALID_DATES', 'the cut-off must be in the future', 'cutoffAt');
  if (t.pickupDate < shanghaiDate(new Date(t.cutoffAt))) {
    throw new DomainError('INVALID_DATES', 'the pickup date cannot be before the cut-off date', 'pickupDate');
  }
}

function create(c: CreateCampaign, state: CampaignState): CampaignEvent[] {
  if (state.status !== 'none') throw new DomainError('ALREADY_EXISTS', `campaign ${c.terms.campaignId} exists`, 'campaignId');
  validateTerms(c.terms, c.now);
  return [{ type: 'CampaignCreated', data: c.terms }];
}

function requestPublish(c: RequestPublish, state: CampaignState): CampaignEvent[] {
  const terms = requireTerms(state);
  // Publishing twice is asking for what is already under way or done.
  if (state.status === 'publishing' || state.status === 'published') return [];
  if (state.status !== 'draft') throw new DomainError('INVALID_STATE', `the campaign is ${state.status}`);
  if (c.now >= terms.cutoffAt) throw new DomainError('CUTOFF_PASSED', `the cut-off ${terms.cutoffAt} has passed`);
  const reserveQuantity = terms.quota * terms.saleUnit.base;
  const { campaignId, sku, warehouse } = terms;
  return [{ type: 'CampaignPublishRequested', data: { campaignId, attempt: state.publishAttempts + 1, by: c.by, at: c.now, sku, warehouse, reserveQuantity } }];
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
  if (state.status === 'succeeded' || state.status === 'failed') throw new DomainError('ALREADY_DECIDED', `the campaign has ${state.status}`);
  if (state.status !== 'published') throw new DomainError('INVALID_STATE', `a ${state.status} campaign cannot close`);
  if (c.now < terms.cutoffAt) throw new DomainError('INVALID_STATE', `the cut-off is ${terms.cutoffAt}`);
  const expired = expireUnpaid(state, terms, c.now);
  const after = expired.reduce(evolveCampaign, state);
  const live = after.orders.values().filter((o) => o.status !== 'released');
  const orders = live.map((o) => o.orderId).sort();
  const { campaignId } = terms;
  const committed = committedOf(after);
  if (committed >= terms.minQuantity) {
    const data = { campaignId, soldQuantity: after.held, paidQuantity: after.paid, payAtPickupQuantity: after.payAtPickup, orders, at: c.now };
    return [...expired, { type: 'CampaignSucceeded', data }];
  }
  const refunds: RefundDue[] = live
    .filter((o) => o.status === 'paid' && o.intentId !== undefined)
    .map((o) => ({ orderId: o.orderId, intentId: o.intentId as string, amountFen: o.amountFen }))
    .sort((a, b) => a.orderId.localeCompare(b.orderId));
  return [...expired, { type: 'CampaignFailed', data: { campaignId, committedQuantity: committed, minQuantity: terms.minQuantity, orders, refunds, at: c.now } }];
}

/** Stock outcomes are recorded once; a repeat (a redelivered event) changes nothing. */
function requirePendingFulfilment(state: CampaignState, outcome: 'succeeded' | 'failed'): CampaignTerms | null {
  const terms = requireTerms(state);
  if (state.status !== outcome) throw new DomainError('INVALID_STATE', `the campaign has not ${outcome}`);
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
      return [{ type: 'CampaignPublishRejected', data: { campaignId, attempt: c.attempt, code: c.code, reason: c.reason, at: c.now } }];
    }
    case 'CloseCampaign':
      return close(c, state);
    case 'RecordFulfilment': {
      const terms = requirePendingFulfilment(state, 'succeeded');
      if (!terms) return [];
      const { allocated, released, to } = c;
      return [{ type: 'CampaignFulfilled', data: { campaignId: terms.campaignId, allocated, released, ...(c.transferId && { transferId: c.transferId }), to, at: c.now } }];
    }
    case 'RecordFulfilmentBlocked': {
      const terms = requirePendingFulfilment(state, 'succeeded');
      if (!terms) return [];
      return [{ type: 'CampaignFulfilmentBlocked', data: { campaignId: terms.campaignId, step: c.step, code: c.code, reason: c.reason, at: c.now } }];
    }
    case 'RecordQuotaReturned': {
      const terms = requirePendingFulfilment(state, 'failed');
      return terms ? [{ type: 'CampaignQuotaReturned', data: { campaignId: terms.campaignId, released: c.released, at: c.now } }] : [];
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
