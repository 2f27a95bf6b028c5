/**
 * The Payment port: online card / Alipay / WeChat Pay payments (Stripe) plus the offline methods
 * (pay at pickup, bank transfer, credit settlement) that need no gateway. Amounts are integer fen (CNY).
 */

/** Ask the gateway to collect `amountFen` for an order; `idempotencyKey` makes a retried attempt the same intent. */
export interface CreateIntentRequest {
  amountFen: number;
  /** Our reference (order id, sale order id, statement id). */
  reference: string;
  description: string;
  idempotencyKey: string;
  metadata?: Record<string, string>;
}

export interface PaymentIntent {
  intentId: string;
  /** Handed to the browser to confirm the payment (never logged). */
  clientSecret: string;
  status:
    'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded' | 'canceled';
  amountFen: number;
  reference: string;
}

export interface RefundRequest {
  intentId: string;
  /** Absent: the whole amount. */
  amountFen?: number;
  idempotencyKey: string;
  reason?: 'requested_by_customer' | 'duplicate' | 'fraudulent';
  metadata?: Record<string, string>;
  /** Our reference (order id…), echoed on the refund's events so a webhook can be routed without a lookup. */
  reference?: string;
}

export interface Refund {
  refundId: string;
  intentId: string;
  amountFen: number;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled' | 'requires_action';
}

/** A verified gateway event (webhook), reduced to what the domain needs. */
export interface GatewayEvent {
  /** Gateway event id, used to deduplicate deliveries. */
  id: string;
  type: string;
  /** Unix seconds at which the gateway created the event (to tell stale deliveries). */
  created: number;
  intentId?: string;
  amountFen?: number;
  /** ISO currency code of the amount, lower case as gateways send it (`cny`). */
  currency?: string;
  reference?: string;
  /** Set on `refund.*` events: the refund they are about (deduplicate refund outcomes by it). */
  refundId?: string;
  /** The gateway's own event type (e.g. Stripe's `payment_intent.succeeded`), for logs. */
  gatewayType?: string;
  /**
   * Why a correctly signed event is not about this integration's money (another account, the other
   * mode: test vs live); such an event is `ignored`.
   */
  foreign?: string;
}

/**
 * The values of {@link GatewayEvent.type} that gateways produce. `payment.refunded` means the charge
 * has refunds (its amount is the total refunded so far); a refund's own outcome is `refund.<status>`.
 * Anything the domain need not act on is `ignored` (acknowledge it and move on).
 */
export const GATEWAY_EVENT_TYPES = [
  'payment.succeeded',
  'payment.failed',
  'payment.canceled',
  'payment.refunded',
  'refund.pending',
  'refund.succeeded',
  'refund.failed',
  'refund.canceled',
  'ignored',
] as const;
/** One of {@link GATEWAY_EVENT_TYPES}. */
export type GatewayEventType = (typeof GATEWAY_EVENT_TYPES)[number];

export interface PaymentGateway {
  /** False when no gateway is configured: only offline methods are offered. */
  readonly enabled: boolean;
  createIntent(request: CreateIntentRequest): Promise<PaymentIntent>;
  retrieveIntent(intentId: string): Promise<PaymentIntent>;
  cancelIntent(intentId: string, idempotencyKey: string): Promise<PaymentIntent>;
  refund(request: RefundRequest): Promise<Refund>;
  /** Verify a webhook's signature on the raw request body; throws {@link InvalidSignatureError} when it does not hold. */
  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): GatewayEvent;
}

/** A webhook whose signature did not verify (forged, tampered, or too old). */
export class InvalidSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSignatureError';
  }
}

/** The gateway is not configured or refused the call. */
export class PaymentGatewayError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The gateway's error code when it gave one (e.g. `payment_intent_unexpected_state`, `idempotency_error`). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PaymentGatewayError';
  }
}

/** Injection token of the {@link PaymentGateway}. */
export const PAYMENT_GATEWAY = Symbol('PAYMENT_GATEWAY');
