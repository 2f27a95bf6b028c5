import type Stripe from 'stripe';
import type { GatewayEvent, GatewayEventType, PaymentIntent, Refund } from '../payment-gateway.port';

/** The metadata key under which our reference travels on intents, charges and refunds. */
export const REFERENCE_KEY = 'reference';

type IntentStatus = PaymentIntent['status'];
const INTENT_STATUSES: ReadonlySet<string> = new Set<IntentStatus>([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'succeeded',
  'canceled',
]);

function intentStatus(status: string): IntentStatus {
  if (INTENT_STATUSES.has(status)) return status as IntentStatus;
  // We never create manual-capture intents; `requires_capture` (or a status added later) means money
  // is on its way but not settled, which is what `processing` tells the domain.
  return 'processing';
}

type RefundStatus = Refund['status'];
const REFUND_STATUSES: ReadonlySet<string> = new Set<RefundStatus>([
  'pending',
  'succeeded',
  'failed',
  'canceled',
  'requires_action',
]);

function refundStatus(status: string | null): RefundStatus {
  return status !== null && REFUND_STATUSES.has(status) ? (status as RefundStatus) : 'pending';
}

function idOf(value: string | { id: string } | null): string | undefined {
  if (value === null) return undefined;
  return typeof value === 'string' ? value : value.id;
}

/** A Stripe PaymentIntent as the port describes it. */
export function toPaymentIntent(intent: Stripe.PaymentIntent): PaymentIntent {
  return {
    intentId: intent.id,
    // Retrieved with a secret key, an intent always carries its client secret; '' only for a restricted key.
    clientSecret: intent.client_secret ?? '',
    status: intentStatus(intent.status),
    amountFen: intent.amount,
    reference: intent.metadata[REFERENCE_KEY] ?? '',
  };
}

/** A Stripe Refund as the port describes it. */
export function toRefund(refund: Stripe.Refund): Refund {
  return {
    refundId: refund.id,
    intentId: idOf(refund.payment_intent) ?? '',
    amountFen: refund.amount,
    status: refundStatus(refund.status),
  };
}

function refundEventType(refund: Stripe.Refund): GatewayEventType {
  switch (refundStatus(refund.status)) {
    case 'succeeded':
      return 'refund.succeeded';
    case 'failed':
      return 'refund.failed';
    case 'canceled':
      return 'refund.canceled';
    case 'pending':
    case 'requires_action':
      return 'refund.pending';
  }
}

function withOptional(event: GatewayEvent): GatewayEvent {
  // Leave absent fields out rather than undefined, so events compare and serialise cleanly.
  return Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)) as GatewayEvent;
}

/**
 * Reduce a verified Stripe event to a {@link GatewayEvent}: payment intent outcomes become
 * `payment.*`, refund objects `refund.<status>`, `charge.refunded` becomes `payment.refunded`, and
 * anything else `ignored`. The reference comes from the object's metadata.
 */
export function toGatewayEvent(event: Stripe.Event): GatewayEvent {
  const base = { id: event.id, created: event.created, gatewayType: event.type };
  const fromIntent = (type: GatewayEventType, intent: Stripe.PaymentIntent, amountFen: number): GatewayEvent =>
    withOptional({
      ...base,
      type,
      intentId: intent.id,
      amountFen,
      currency: intent.currency,
      reference: intent.metadata[REFERENCE_KEY],
    });
  switch (event.type) {
    case 'payment_intent.succeeded':
      return fromIntent('payment.succeeded', event.data.object, event.data.object.amount_received);
    case 'payment_intent.payment_failed':
      return fromIntent('payment.failed', event.data.object, event.data.object.amount);
    case 'payment_intent.canceled':
      return fromIntent('payment.canceled', event.data.object, event.data.object.amount);
    case 'charge.refunded': {
      const charge = event.data.object;
      return withOptional({
        ...base,
        type: 'payment.refunded',
        intentId: idOf(charge.payment_intent),
        amountFen: charge.amount_refunded,
        reference: charge.metadata[REFERENCE_KEY],
      });
    }
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed':
    case 'charge.refund.updated': {
      const refund = event.data.object;
      return withOptional({
        ...base,
        type: refundEventType(refund),
        intentId: idOf(refund.payment_intent),
        refundId: refund.id,
        amountFen: refund.amount,
        reference: refund.metadata?.[REFERENCE_KEY],
      });
    }
    default:
      return { ...base, type: 'ignored' };
  }
}
