import { DomainError } from '../shared/domain-error';
import type { CampaignOrderCommand, CancelOrder, ExpireOrder, JoinCampaign, RecordPayment } from './campaign.decide';
import type { CampaignEvent, CampaignTerms, PaymentRefusal } from './campaign.events';
import type { CampaignOrder, CampaignState } from './campaign.state';

/** The campaign's terms, or NOT_FOUND when it was never created. */
export function requireTerms(state: CampaignState): CampaignTerms {
  if (!state.terms) throw new DomainError('NOT_FOUND', 'no such campaign', 'campaignId');
  return state.terms;
}

function requireOrder(state: CampaignState, orderId: string): CampaignOrder {
  const order = state.orders.get(orderId);
  if (!order) throw new DomainError('NOT_FOUND', `no order ${orderId} in this campaign`, 'orderId');
  return order;
}

/** Open for joins: published, opened and before the cut-off. */
function requireOpen(state: CampaignState, terms: CampaignTerms, now: string): void {
  if (state.status === 'cancelled') throw new DomainError('CAMPAIGN_CANCELLED', 'the campaign was cancelled');
  if (state.status === 'succeeded' || state.status === 'failed' || now >= terms.cutoffAt) {
    throw new DomainError('CUTOFF_PASSED', `the campaign closed at ${terms.cutoffAt}`);
  }
  if (state.status !== 'published') throw new DomainError('NOT_OPEN', 'the campaign is not published yet');
  if (now < terms.opensAt) throw new DomainError('NOT_OPEN', `the campaign opens at ${terms.opensAt}`);
}

/** Why `quantity` more for `customer` cannot be held now, or null when it can. */
function holdRefusal(
  state: CampaignState,
  terms: CampaignTerms,
  customer: string,
  quantity: number,
): DomainError | null {
  const remaining = terms.quota - state.held;
  if (remaining <= 0) return new DomainError('SOLD_OUT', 'the quota is sold out');
  const mine = state.customers.get(customer) ?? 0;
  if (mine + quantity > terms.perCustomerLimit) {
    return new DomainError(
      'LIMIT_EXCEEDED',
      `at most ${terms.perCustomerLimit} per customer; you hold ${mine}`,
      'quantity',
    );
  }
  if (quantity > remaining) return new DomainError('SOLD_OUT', `only ${remaining} left`, 'quantity');
  return null;
}

function join(c: JoinCampaign, state: CampaignState): CampaignEvent[] {
  const terms = requireTerms(state);
  requireOpen(state, terms, c.now);
  if (!Number.isSafeInteger(c.quantity) || c.quantity <= 0) {
    throw new DomainError('INVALID_STATE', 'quantity must be a positive whole number of sale units', 'quantity');
  }
  const refusal = holdRefusal(state, terms, c.customer, c.quantity);
  if (refusal) throw refusal;
  if (state.orders.has(c.orderId)) throw new DomainError('ALREADY_EXISTS', `order ${c.orderId} exists`, 'orderId');
  const windowEnd = new Date(Date.parse(c.now) + c.paymentWindowSeconds * 1000).toISOString();
  const expiresAt = windowEnd < terms.cutoffAt ? windowEnd : terms.cutoffAt;
  return [
    {
      type: 'CampaignJoined',
      data: {
        campaignId: terms.campaignId,
        orderId: c.orderId,
        customer: c.customer,
        quantity: c.quantity,
        unitPriceFen: terms.unitPriceFen,
        amountFen: c.quantity * terms.unitPriceFen,
        paymentMethod: c.paymentMethod,
        sku: terms.sku,
        saleUnit: terms.saleUnit.unit,
        pickupPoint: terms.pickupPoint,
        pickupCode: c.pickupCode,
        joinedAt: c.now,
        ...(c.paymentMethod === 'stripe' && { expiresAt }),
      },
    },
  ];
}

/** Why a verified payment cannot be taken for `order`, or null when it can (re-holding if it had expired). */
function paymentRefusal(
  c: RecordPayment,
  state: CampaignState,
  terms: CampaignTerms,
  order: CampaignOrder,
): PaymentRefusal | null {
  if (order.paymentMethod !== 'stripe') return 'not_payable';
  if (order.status === 'paid') return 'duplicate';
  if (c.amountFen !== order.amountFen || (c.currency !== undefined && c.currency !== 'cny')) return 'amount_mismatch';
  if (order.status === 'held') return null;
  if (order.releasedAs === 'cancelled') return 'cancelled';
  if (state.status !== 'published' || c.now >= terms.cutoffAt) return 'closed';
  const refusal = holdRefusal(state, terms, order.customer, order.quantity);
  if (!refusal) return null;
  return refusal.code === 'LIMIT_EXCEEDED' ? 'limit_exceeded' : 'sold_out';
}

function recordPayment(c: RecordPayment, state: CampaignState): CampaignEvent[] {
  const terms = requireTerms(state);
  const order = requireOrder(state, c.orderId);
  // A payment already taken or refused (another delivery, another event about it) changes nothing.
  if (order.intentId === c.intentId || order.refusedIntents?.includes(c.intentId)) return [];
  const base = {
    campaignId: terms.campaignId,
    orderId: order.orderId,
    customer: order.customer,
    intentId: c.intentId,
    amountFen: c.amountFen,
    at: c.now,
  };
  const refused = paymentRefusal(c, state, terms, order);
  if (refused) return [{ type: 'CampaignPaymentRefused', data: { ...base, reason: refused } }];
  return [
    { type: 'CampaignOrderPaid', data: { ...base, quantity: order.quantity, reheld: order.status === 'released' } },
  ];
}

function release(
  terms: CampaignTerms,
  order: CampaignOrder,
  reason: 'expired' | 'cancelled',
  at: string,
): CampaignEvent {
  const wasPaid = order.status === 'paid';
  return {
    type: 'CampaignOrderReleased',
    data: {
      campaignId: terms.campaignId,
      orderId: order.orderId,
      customer: order.customer,
      quantity: order.quantity,
      paymentMethod: order.paymentMethod,
      wasPaid,
      reason,
      ...(wasPaid &&
        order.intentId !== undefined && {
          refund: { orderId: order.orderId, intentId: order.intentId, amountFen: order.amountFen },
        }),
      at,
    },
  };
}

/** Release an order whose payment window passed; anything else (paid, released, closed) stays as it is. */
function expire(c: ExpireOrder, state: CampaignState): CampaignEvent[] {
  const terms = requireTerms(state);
  const order = requireOrder(state, c.orderId);
  if (state.status !== 'published' || order.status !== 'held' || order.paymentMethod !== 'stripe') return [];
  if (order.expiresAt !== undefined && c.now < order.expiresAt) {
    throw new DomainError('INVALID_STATE', `the payment window ends at ${order.expiresAt}`, 'orderId');
  }
  return [release(terms, order, 'expired', c.now)];
}

function cancel(c: CancelOrder, state: CampaignState): CampaignEvent[] {
  const terms = requireTerms(state);
  const order = requireOrder(state, c.orderId);
  // Answered as for an absent order, so that order ids cannot be probed by cancelling them.
  if (order.customer !== c.customer)
    throw new DomainError('NOT_FOUND', `no order ${c.orderId} in this campaign`, 'orderId');
  if (state.status === 'cancelled')
    throw new DomainError('CAMPAIGN_CANCELLED', 'the campaign was cancelled: the order is cancelled with it');
  if (state.status !== 'published' || c.now >= terms.cutoffAt)
    throw new DomainError('CUTOFF_PASSED', `orders can be cancelled until ${terms.cutoffAt}`);
  if (order.status === 'released')
    throw new DomainError('INVALID_STATE', `the order is already ${order.releasedAs ?? 'released'}`, 'orderId');
  return [release(terms, order, 'cancelled', c.now)];
}

/** Release every order still waiting for its online payment (at the cut-off). */
export function expireUnpaid(state: CampaignState, terms: CampaignTerms, at: string): CampaignEvent[] {
  const events: CampaignEvent[] = [];
  for (const order of state.orders.values()) {
    if (order.status === 'held' && order.paymentMethod === 'stripe') events.push(release(terms, order, 'expired', at));
  }
  return events;
}

/** Decide a command about the campaign's orders. */
export function decideCampaignOrder(c: CampaignOrderCommand, state: CampaignState): CampaignEvent[] {
  switch (c.type) {
    case 'JoinCampaign':
      return join(c, state);
    case 'RecordPayment':
      return recordPayment(c, state);
    case 'ExpireOrder':
      return expire(c, state);
    case 'CancelOrder':
      return cancel(c, state);
  }
}
