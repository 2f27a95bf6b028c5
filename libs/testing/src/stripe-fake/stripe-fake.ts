/**
 * A local Stripe API for tests, driven by the real `stripe` SDK through its host/port/protocol
 * options: PaymentIntents (create, retrieve, cancel, confirm with test cards / wallets), Refunds,
 * Charges and Events, with Stripe's idempotency, form encoding and error JSON, and webhooks signed
 * with the SDK's `webhooks.generateTestHeaderString`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { noSuch } from './errors';
import { IdempotencyKeys } from './idempotency';
import { cancelIntent, confirmIntent, createIntent, failIntent, intentOf, succeedIntent } from './intents';
import { createRefund, failRefund, refundOf, settleRefund, type RefundSettlement } from './refunds';
import { handleRequest, type FakeRequest, type InjectedFailures, type Route, type ServerContext } from './server';
import { FakeStore, newId, type FakeCharge, type FakeEvent, type FakeIntent, type FakeRefund } from './store';
import { WebhookSender, type WebhookDelivery, type WebhookTarget } from './webhooks';

export type {
  FakeCharge,
  FakeEvent,
  FakeIntent,
  FakeRefund,
  FakeRequest,
  RefundSettlement,
  WebhookDelivery,
  WebhookTarget,
};
export {
  injectTarget,
  type DeliveryKind,
  type InjectingServer,
  type OutgoingWebhook,
  type WebhookResponse,
} from './webhooks';

/** Options of {@link startStripeFake}. */
export interface StripeFakeOptions {
  /** Secret the webhooks are signed with (the app's STRIPE_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** Where webhooks go; set later with `setWebhookTarget` when the app is not up yet. */
  webhookUrl?: WebhookTarget;
  /** The API key the fake accepts (default: a random `sk_test_…`). */
  secretKey?: string;
  /** `auto` (default): refunds are created pending and succeed at once; `manual`: settle with `settleRefund`/`failRefund`. */
  refundSettlement?: RefundSettlement;
}

/** A running fake and the helpers that play the customer's and Stripe's side. */
export interface StripeFake {
  /** Base URL for STRIPE_API_URL / the SDK's host, port and protocol. */
  apiUrl: string;
  /** The API key the fake accepts (STRIPE_SECRET_KEY). */
  secretKey: string;
  webhookSecret: string;
  /** An SDK client aimed at the fake (no automatic retries unless asked). */
  client(options?: { maxNetworkRetries?: number }): Stripe;
  /** The customer pays: the intent succeeds with a charge; `charge.succeeded` and `payment_intent.succeeded` are sent. */
  succeed(intentId: string): FakeIntent;
  /** The customer's payment fails: back to requires_payment_method; `payment_intent.payment_failed` is sent. */
  fail(intentId: string, failure?: { code?: string; message?: string }): FakeIntent;
  /** Complete a pending refund (`refundSettlement: 'manual'`): `refund.updated` is sent. */
  settleRefund(refundId: string): FakeRefund;
  /** Fail a pending refund: `refund.failed` and `refund.updated` are sent. */
  failRefund(refundId: string, failureReason?: string): FakeRefund;
  intent(intentId: string): FakeIntent;
  refund(refundId: string): FakeRefund;
  refunds(): FakeRefund[];
  /** Events in the order they happened, optionally of one type. */
  events(type?: string): FakeEvent[];
  /** API requests in the order they arrived. */
  requests(): FakeRequest[];
  setWebhookTarget(target: WebhookTarget | undefined): void;
  /** Hold live deliveries (to reorder them) until {@link StripeFake.releaseWebhooks}. */
  pauseWebhooks(): void;
  /** Deliver held events, in the order they happened or reversed (out of order), and resume. */
  releaseWebhooks(order?: 'emitted' | 'reverse'): Promise<WebhookDelivery[]>;
  /** Deliver an event again, correctly signed (Stripe retries and duplicates do this). */
  redeliver(eventId: string): Promise<WebhookDelivery>;
  /** Deliver an event signed `ageSeconds` ago (default an hour: beyond any sane tolerance). */
  deliverStale(eventId: string, ageSeconds?: number): Promise<WebhookDelivery>;
  /** Deliver an event signed with a secret other than the webhook secret. */
  deliverForged(eventId: string): Promise<WebhookDelivery>;
  /** Deliver an event whose body was changed (amount raised) after signing. */
  deliverTampered(eventId: string): Promise<WebhookDelivery>;
  /**
   * Deliver, correctly signed, a copy of an event (with an id of its own) as another account
   * (`account`) or the other mode (`livemode: true`) would have it sent to the same endpoint.
   */
  deliverAs(eventId: string, as: { livemode?: boolean; account?: string }): Promise<WebhookDelivery>;
  /** Every delivery attempt with the endpoint's answer. */
  deliveries(): WebhookDelivery[];
  /** Resolves when every queued delivery has been answered. */
  webhooksIdle(): Promise<void>;
  /** Answer the next `count` requests with `status` (an api_error) without handling them. */
  failNextRequests(count: number, status?: number): void;
  /** Drop the connection of the next `count` requests without answering. */
  dropNextRequests(count: number): void;
  stop(): Promise<void>;
}

function found<T>(value: T | undefined, kind: string, id: string): T {
  if (value === undefined) throw noSuch(kind, id);
  return value;
}

/** Start a fake on 127.0.0.1 with a random port. */
export async function startStripeFake(options: StripeFakeOptions): Promise<StripeFake> {
  const secretKey = options.secretKey ?? newId('sk_test_fake');
  const settlement = options.refundSettlement ?? 'auto';
  const sender = new WebhookSender(options.webhookSecret, options.webhookUrl);
  const store = new FakeStore(Stripe.API_VERSION, (event) => sender.emitted(event));
  const helper = { id: null, idempotencyKey: null };
  const routes: Route[] = [
    { method: 'POST', path: /^\/v1\/payment_intents$/, handle: (p, o) => createIntent(store, p, o) },
    { method: 'GET', path: /^\/v1\/payment_intents\/([^/]+)$/, handle: (_p, _o, [id]) => intentOf(store, id) },
    {
      method: 'POST',
      path: /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
      handle: (p, o, [id]) => cancelIntent(store, id, p, o),
    },
    {
      method: 'POST',
      path: /^\/v1\/payment_intents\/([^/]+)\/confirm$/,
      handle: (p, o, [id]) => confirmIntent(store, id, p, o),
    },
    { method: 'POST', path: /^\/v1\/refunds$/, handle: (p, o) => createRefund(store, p, o, settlement) },
    { method: 'GET', path: /^\/v1\/refunds\/([^/]+)$/, handle: (_p, _o, [id]) => refundOf(store, id) },
    {
      method: 'GET',
      path: /^\/v1\/charges\/([^/]+)$/,
      handle: (_p, _o, [id]) => found(store.charges.get(id), 'charge', id),
    },
    {
      method: 'GET',
      path: /^\/v1\/events\/([^/]+)$/,
      handle: (_p, _o, [id]) =>
        found(
          store.events.find((e) => e.id === id),
          'event',
          id,
        ),
    },
  ];
  const failures: InjectedFailures = { statuses: [], drops: 0 };
  const log: FakeRequest[] = [];
  const ctx: ServerContext = {
    secretKey,
    apiVersion: Stripe.API_VERSION,
    routes,
    idempotency: new IdempotencyKeys(),
    failures,
    log,
  };
  const server = createServer((req, res) => {
    handleRequest(ctx, req, res).catch((error: unknown) => {
      // A bug in the fake: answer like Stripe's own 500 rather than leave the SDK waiting.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: `stripe fake: ${String(error)}` } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const apiUrl = `http://127.0.0.1:${port}`;
  const eventOf = (eventId: string): FakeEvent => {
    const event = store.events.find((e) => e.id === eventId);
    if (event === undefined) throw new Error(`stripe fake: no event ${eventId}`);
    return event;
  };
  const copy = <T>(value: T): T => structuredClone(value);

  return {
    apiUrl,
    secretKey,
    webhookSecret: options.webhookSecret,
    client: (clientOptions = {}) =>
      new Stripe(secretKey, {
        host: '127.0.0.1',
        port,
        protocol: 'http',
        maxNetworkRetries: clientOptions.maxNetworkRetries ?? 0,
      }),
    succeed: (intentId) => copy(succeedIntent(store, intentId, helper)),
    fail: (intentId, failure = {}) => copy(failIntent(store, intentId, helper, failure.code, failure.message)),
    settleRefund: (refundId) => copy(settleRefund(store, refundId, helper)),
    failRefund: (refundId, failureReason) => copy(failRefund(store, refundId, helper, failureReason)),
    intent: (intentId) => copy(intentOf(store, intentId)),
    refund: (refundId) => copy(refundOf(store, refundId)),
    refunds: () => copy([...store.refunds.values()]),
    events: (type) => copy(store.events.filter((e) => type === undefined || e.type === type)),
    requests: () => log.map((r) => ({ ...r })),
    setWebhookTarget: (target) => sender.setTarget(target),
    pauseWebhooks: () => sender.pause(),
    releaseWebhooks: (order = 'emitted') => sender.release(order),
    redeliver: (eventId) => sender.enqueue(eventOf(eventId), 'duplicate'),
    deliverStale: (eventId, ageSeconds = 3600) => sender.enqueue(eventOf(eventId), 'stale', ageSeconds),
    deliverForged: (eventId) => sender.enqueue(eventOf(eventId), 'forged'),
    deliverTampered: (eventId) => sender.enqueue(eventOf(eventId), 'tampered'),
    deliverAs: (eventId, as) => {
      const { livemode, account } = as;
      const variant = {
        ...copy(eventOf(eventId)),
        id: newId('evt'),
        ...(livemode !== undefined && { livemode }),
        ...(account !== undefined && { account }),
      };
      return sender.enqueue(variant, 'live');
    },
    deliveries: () => sender.deliveries(),
    webhooksIdle: () => sender.idle(),
    failNextRequests: (count, status = 500) => failures.statuses.push(...Array.from({ length: count }, () => status)),
    dropNextRequests: (count) => {
      failures.drops += count;
    },
    stop: async () => {
      await sender.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
