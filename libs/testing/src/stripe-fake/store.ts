import { randomBytes } from 'node:crypto';

/** A PaymentIntent as the fake keeps it (the fields Stripe returns that the gateway and tests read). */
export interface FakeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  allowed_payment_method_types: string[] | null;
  automatic_payment_methods: { enabled: boolean } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: 'automatic_async';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  description: string | null;
  last_payment_error: Record<string, unknown> | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: Record<string, unknown> | null;
  payment_method: string | null;
  payment_method_options: Record<string, unknown>;
  payment_method_types: string[];
  receipt_email: string | null;
  status:
    'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded' | 'canceled';
}

/** A Charge, created when an intent succeeds. */
export interface FakeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: true;
  created: number;
  currency: string;
  description: string | null;
  livemode: false;
  metadata: Record<string, string>;
  paid: true;
  payment_intent: string;
  payment_method: string | null;
  refunded: boolean;
  status: 'succeeded';
}

/** A Refund of a charge. */
export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  failure_reason: string | null;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
}

/** An Event, as Stripe sends it to webhook endpoints; `data.object` is a snapshot taken when it happened. */
export interface FakeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: FakeIntent | FakeCharge | FakeRefund; previous_attributes?: Record<string, unknown> };
  livemode: boolean;
  /** Set on events of a connected account (Connect): whose object it is. */
  account?: string;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** The request that caused an event, as Stripe records it on the event. */
export interface RequestOrigin {
  id: string | null;
  idempotencyKey: string | null;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Stripe-looking random id: prefix, underscore, 24 alphanumerics. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${text}`;
}

/** Unix seconds now. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The fake's state: objects by id and the events in the order they happened. */
export class FakeStore {
  readonly intents = new Map<string, FakeIntent>();
  readonly charges = new Map<string, FakeCharge>();
  readonly refunds = new Map<string, FakeRefund>();
  readonly events: FakeEvent[] = [];

  constructor(
    private readonly apiVersion: string,
    private readonly onEvent: (event: FakeEvent) => void,
  ) {}

  /** Record an event about `object` (snapshotted now) and hand it to the webhook sender. */
  emit(
    type: string,
    object: FakeIntent | FakeCharge | FakeRefund,
    origin: RequestOrigin,
    previous?: Record<string, unknown>,
  ): FakeEvent {
    const event: FakeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: this.apiVersion,
      created: nowSeconds(),
      data: { object: structuredClone(object), ...(previous !== undefined && { previous_attributes: previous }) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: origin.id, idempotency_key: origin.idempotencyKey },
      type,
    };
    this.events.push(event);
    this.onEvent(event);
    return event;
  }
}
