import { invalidRequest, noSuch } from './errors';
import type { FormObject } from './form';
import { intentOf } from './intents';
import { metadataOf, onlyKnown, optionalPositiveInt, optionalString } from './params';
import { newId, nowSeconds, type FakeCharge, type FakeRefund, type FakeStore, type RequestOrigin } from './store';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

/** How a new refund completes: at once (`auto`: created pending, then succeeded) or by a test helper. */
export type RefundSettlement = 'auto' | 'manual';

/** The refund with that id, or Stripe's 404. */
export function refundOf(store: FakeStore, id: string): FakeRefund {
  const refund = store.refunds.get(id);
  if (refund === undefined) throw noSuch('refund', id);
  return refund;
}

function chargeFor(store: FakeStore, params: FormObject): FakeCharge {
  const intentId = optionalString(params, 'payment_intent');
  const chargeId = optionalString(params, 'charge');
  if ((intentId === undefined) === (chargeId === undefined)) {
    throw invalidRequest(
      'You must pass exactly one of charge or payment_intent.',
      'parameter_missing',
      'payment_intent',
    );
  }
  if (chargeId !== undefined) {
    const charge = store.charges.get(chargeId);
    if (charge === undefined) throw noSuch('charge', chargeId, 'charge');
    return charge;
  }
  const intent = intentOf(store, intentId ?? '');
  const charge = intent.latest_charge === null ? undefined : store.charges.get(intent.latest_charge);
  if (intent.status !== 'succeeded' || charge === undefined) {
    throw invalidRequest(
      `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      'charge_not_refundable',
      'payment_intent',
    );
  }
  return charge;
}

/** POST /v1/refunds: refunds the rest of the charge unless `amount` says less. */
export function createRefund(
  store: FakeStore,
  params: FormObject,
  origin: RequestOrigin,
  settlement: RefundSettlement,
): FakeRefund {
  onlyKnown(params, ['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand']);
  const charge = chargeFor(store, params);
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining === 0)
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, 'charge_already_refunded');
  const amount = optionalPositiveInt(params, 'amount') ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      'amount_too_large',
      'amount',
    );
  }
  const reason = optionalString(params, 'reason');
  if (reason !== undefined && !REASONS.includes(reason)) {
    throw invalidRequest(`Invalid reason: must be one of ${REASONS.join(', ')}`, 'parameter_invalid_string', 'reason');
  }
  const refund: FakeRefund = {
    id: newId('re'),
    object: 'refund',
    amount,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    failure_reason: null,
    metadata: metadataOf(params),
    payment_intent: charge.payment_intent,
    reason: reason ?? null,
    status: 'pending',
  };
  store.refunds.set(refund.id, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  store.emit('refund.created', refund, origin);
  store.emit('charge.refunded', charge, origin, previous);
  // The answer shows the refund as created (pending); with `auto` it completes right after, as a
  // wallet refund does a little later in real life, so callers must learn the outcome from webhooks.
  const created = structuredClone(refund);
  if (settlement === 'auto') settleRefund(store, refund.id, origin);
  return created;
}

/** Complete a pending refund: it succeeds and `refund.updated` is sent. */
export function settleRefund(store: FakeStore, id: string, origin: RequestOrigin): FakeRefund {
  const refund = refundOf(store, id);
  if (refund.status !== 'pending') throw new Error(`cannot settle ${id}: it is ${refund.status}`);
  refund.status = 'succeeded';
  store.emit('refund.updated', refund, origin, { status: 'pending' });
  return refund;
}

/** Fail a pending refund: the money stays with us, the charge is refundable again; `refund.failed` and `refund.updated` are sent. */
export function failRefund(
  store: FakeStore,
  id: string,
  origin: RequestOrigin,
  failureReason = 'declined',
): FakeRefund {
  const refund = refundOf(store, id);
  if (refund.status !== 'pending') throw new Error(`cannot fail ${id}: it is ${refund.status}`);
  const charge = store.charges.get(refund.charge);
  if (charge !== undefined) {
    charge.amount_refunded -= refund.amount;
    charge.refunded = false;
  }
  refund.status = 'failed';
  refund.failure_reason = failureReason;
  store.emit('refund.failed', refund, origin);
  store.emit('refund.updated', refund, origin, { status: 'pending' });
  return refund;
}
