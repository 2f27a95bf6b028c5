import * as http from 'node:http';
import * as https from 'node:https';
import Stripe from 'stripe';
import { newId, nowSeconds, type FakeEvent } from './store';

/** One webhook POST as the fake would put it on the wire. */
export interface OutgoingWebhook {
  body: string;
  headers: Record<string, string>;
}

/** What the endpoint answered. */
export interface WebhookResponse {
  status: number;
  body: string;
}

/**
 * Where webhooks go: a URL, or a function (e.g. Fastify's `inject`, for an app under test that
 * does not listen on a port).
 */
export type WebhookTarget = string | ((webhook: OutgoingWebhook) => Promise<WebhookResponse>);

/** A server that can take a request in-process, as Fastify's `inject` (and so a Nest app on Fastify) does. */
export interface InjectingServer {
  inject(request: {
    method: 'POST';
    url: string;
    payload: string;
    headers: Record<string, string>;
  }): Promise<{ statusCode: number; body: string }>;
}

/**
 * A target that hands webhooks to `server` in-process at `url`, for apps under test that do not
 * listen: `injectTarget(app.getHttpAdapter().getInstance(), '/payments/stripe/webhook')`.
 */
export function injectTarget(server: InjectingServer, url: string): WebhookTarget {
  return async ({ body, headers }) => {
    const res = await server.inject({ method: 'POST', url, payload: body, headers });
    return { status: res.statusCode, body: res.body };
  };
}

/** How a delivery was made: `live` as it happened, or one of the misbehaviours a test asks for. */
export type DeliveryKind = 'live' | 'duplicate' | 'stale' | 'forged' | 'tampered';

/** A delivery attempt and its outcome (`status`/`responseBody`, or `error` when nothing answered). */
export interface WebhookDelivery {
  eventId: string;
  eventType: string;
  kind: DeliveryKind;
  /** Unix seconds written into the signature header. */
  signedAt: number;
  body: string;
  signature: string;
  status?: number;
  responseBody?: string;
  error?: string;
}

const DELIVERY_TIMEOUT_MS = 10_000;

function post(
  url: string,
  webhook: OutgoingWebhook,
  register: (abort: () => void) => () => void,
): Promise<WebhookResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    // A fresh connection per delivery, closed afterwards, so nothing lingers after stop().
    const req = client.request(target, {
      method: 'POST',
      agent: false,
      headers: { ...webhook.headers, 'content-length': String(Buffer.byteLength(webhook.body)), connection: 'close' },
      timeout: DELIVERY_TIMEOUT_MS,
    });
    const unregister = register(() => req.destroy(new Error('stripe fake stopped')));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)));
    req.on('error', (error) => {
      unregister();
      reject(error);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        unregister();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(webhook.body);
  });
}

function tamper(payload: string): string {
  const event = JSON.parse(payload) as { data: { object: Record<string, unknown> } };
  const object = event.data.object;
  // Change what an attacker would: the amount. Objects without one get an extra field instead.
  if (typeof object.amount === 'number') {
    object.amount += 100;
    if (typeof object.amount_received === 'number') object.amount_received += 100;
  } else {
    object.tampered = true;
  }
  return JSON.stringify(event, null, 2);
}

/** Signs and sends events one at a time, in order, recording every attempt. */
export class WebhookSender {
  private target: WebhookTarget | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private paused = false;
  private held: FakeEvent[] = [];
  private stopped = false;
  private readonly sent: WebhookDelivery[] = [];
  private readonly inFlight = new Set<() => void>();

  constructor(
    private readonly secret: string,
    target: WebhookTarget | undefined,
  ) {
    this.target = target;
  }

  setTarget(target: WebhookTarget | undefined): void {
    this.target = target;
  }

  /** A new event happened: deliver it now, or hold it while paused. Without a target it is not delivered. */
  emitted(event: FakeEvent): void {
    if (this.target === undefined || this.stopped) return;
    if (this.paused) this.held.push(event);
    // Failures are recorded on the delivery; a stop() racing the queue is not an error for the emitter.
    else this.enqueue(event, 'live').catch(() => undefined);
  }

  pause(): void {
    this.paused = true;
  }

  /** Deliver the held events (in the order they happened, or reversed) and resume live delivery. */
  release(order: 'emitted' | 'reverse'): Promise<WebhookDelivery[]> {
    const events = order === 'reverse' ? [...this.held].reverse() : [...this.held];
    this.held = [];
    this.paused = false;
    return Promise.all(events.map((event) => this.enqueue(event, 'live')));
  }

  /** Deliver `event` again, possibly misbehaving; resolves when the endpoint answered. */
  enqueue(event: FakeEvent, kind: DeliveryKind, ageSeconds = 3600): Promise<WebhookDelivery> {
    const delivery = this.chain.then(() => this.send(event, kind, ageSeconds));
    this.chain = delivery.catch(() => undefined);
    return delivery;
  }

  /** Resolves once every queued delivery has been answered (including ones queued meanwhile). */
  async idle(): Promise<void> {
    let seen: Promise<unknown> | undefined;
    while (seen !== this.chain) {
      seen = this.chain;
      await seen;
    }
  }

  deliveries(): WebhookDelivery[] {
    return this.sent.map((d) => ({ ...d }));
  }

  heldEvents(): FakeEvent[] {
    return [...this.held];
  }

  /** Abort deliveries in flight and refuse new ones. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.held = [];
    for (const abort of this.inFlight) abort();
    await this.idle();
  }

  private async send(event: FakeEvent, kind: DeliveryKind, ageSeconds: number): Promise<WebhookDelivery> {
    const target = this.target;
    if (target === undefined || this.stopped) throw new Error('stripe fake: no webhook target (or stopped)');
    const payload = JSON.stringify(event, null, 2);
    const signedAt = kind === 'stale' ? nowSeconds() - ageSeconds : nowSeconds();
    const secret = kind === 'forged' ? `whsec_${newId('forged')}` : this.secret;
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: signedAt });
    const body = kind === 'tampered' ? tamper(payload) : payload;
    const webhook: OutgoingWebhook = {
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signature,
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      },
    };
    const record: WebhookDelivery = { eventId: event.id, eventType: event.type, kind, signedAt, body, signature };
    this.sent.push(record);
    try {
      const register = (abort: () => void): (() => void) => {
        this.inFlight.add(abort);
        return () => this.inFlight.delete(abort);
      };
      const response = typeof target === 'string' ? await post(target, webhook, register) : await target(webhook);
      record.status = response.status;
      record.responseBody = response.body;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    return { ...record };
  }
}
