import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeFake, type OutgoingWebhook, type StripeFake } from './stripe-fake';

const WEBHOOK_SECRET = 'whsec_fake_webhook_spec';

/** A webhook endpoint that verifies signatures with the SDK, as an app would, and answers 200 or 400. */
interface Endpoint {
  url: string;
  /** Event types it accepted, in arrival order. */
  accepted: Stripe.Event[];
  close(): Promise<void>;
}

async function startEndpoint(): Promise<Endpoint> {
  const accepted: Stripe.Event[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const signature = String(req.headers['stripe-signature']);
        accepted.push(Stripe.webhooks.constructEvent(Buffer.concat(chunks), signature, WEBHOOK_SECRET, 300));
        res.writeHead(200).end('{"received":true}');
      } catch (error) {
        res.writeHead(400).end(error instanceof Error ? error.message : String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Stripe fake webhooks', () => {
  let endpoint: Endpoint;
  let fake: StripeFake;
  let stripe: Stripe;

  beforeEach(async () => {
    endpoint = await startEndpoint();
    fake = await startStripeFake({ webhookSecret: WEBHOOK_SECRET, webhookUrl: endpoint.url });
    stripe = fake.client();
  });
  afterEach(async () => {
    await fake.stop();
    await endpoint.close();
  });

  const newIntent = (reference: string): Promise<Stripe.Response<Stripe.PaymentIntent>> =>
    stripe.paymentIntents.create(
      {
        amount: 5_000,
        currency: 'cny',
        allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
        metadata: { reference },
      },
      { idempotencyKey: `create-${reference}` },
    );

  it('delivers a paid intent’s events in order, signed so that the SDK verifies them', async () => {
    const intent = await newIntent('order-1');
    fake.succeed(intent.id);
    await fake.webhooksIdle();
    expect(endpoint.accepted.map((e) => e.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    const succeeded = endpoint.accepted[2];
    expect(succeeded.data.object).toMatchObject({
      id: intent.id,
      status: 'succeeded',
      metadata: { reference: 'order-1' },
    });
    expect(fake.deliveries().map((d) => [d.kind, d.status])).toEqual([
      ['live', 200],
      ['live', 200],
      ['live', 200],
    ]);
  });

  it('records the API request (and its idempotency key) behind an event, as Stripe does', async () => {
    const intent = await newIntent('order-2');
    await fake.webhooksIdle();
    expect(endpoint.accepted[0].request).toEqual({
      id: intent.lastResponse.requestId,
      idempotency_key: 'create-order-2',
    });
  });

  it('redelivers an event unchanged, so duplicates carry the same event id', async () => {
    const intent = await newIntent('order-3');
    fake.succeed(intent.id);
    const [succeeded] = fake.events('payment_intent.succeeded');
    const duplicate = await fake.redeliver(succeeded.id);
    expect(duplicate).toMatchObject({ kind: 'duplicate', status: 200, eventId: succeeded.id });
    expect(endpoint.accepted.filter((e) => e.id === succeeded.id)).toHaveLength(2);
  });

  it('delivers held events out of order, each with the object as it was when the event happened', async () => {
    fake.pauseWebhooks();
    const intent = await newIntent('order-4');
    fake.succeed(intent.id);
    await fake.webhooksIdle();
    expect(endpoint.accepted).toEqual([]);
    await fake.releaseWebhooks('reverse');
    expect(endpoint.accepted.map((e) => e.type)).toEqual([
      'payment_intent.succeeded',
      'charge.succeeded',
      'payment_intent.created',
    ]);
    expect(endpoint.accepted[2].data.object).toMatchObject({ status: 'requires_payment_method' });
  });

  it('sends stale, forged and tampered deliveries that signature verification rejects', async () => {
    const intent = await newIntent('order-5');
    fake.succeed(intent.id);
    const [succeeded] = fake.events('payment_intent.succeeded');
    await fake.webhooksIdle();
    const stale = await fake.deliverStale(succeeded.id);
    expect(stale.status).toBe(400);
    expect(stale.responseBody).toContain('tolerance');
    expect((await fake.deliverForged(succeeded.id)).status).toBe(400);
    const tampered = await fake.deliverTampered(succeeded.id);
    expect(tampered.status).toBe(400);
    expect(JSON.parse(tampered.body).data.object.amount).toBe(5_100);
    expect(endpoint.accepted.filter((e) => e.id === succeeded.id)).toHaveLength(1);
  });

  it('delivers a copy of an event as another account or the other mode would send it, under an id of its own', async () => {
    const intent = await newIntent('order-11');
    fake.succeed(intent.id);
    const [succeeded] = fake.events('payment_intent.succeeded');
    const live = await fake.deliverAs(succeeded.id, { livemode: true });
    const connected = await fake.deliverAs(succeeded.id, { account: 'acct_someone_else' });
    expect([live.status, connected.status]).toEqual([200, 200]);
    const copies = endpoint.accepted.filter((e) => e.id === live.eventId || e.id === connected.eventId);
    expect(copies.map((e) => [e.livemode, e.account ?? null, e.type])).toEqual([
      [true, null, 'payment_intent.succeeded'],
      [false, 'acct_someone_else', 'payment_intent.succeeded'],
    ]);
    expect(new Set([succeeded.id, live.eventId, connected.eventId]).size).toBe(3);
    expect(copies[0].data.object).toMatchObject({ id: intent.id, status: 'succeeded' });
  });

  it('tells a payment failure and a cancellation by webhook', async () => {
    const failing = await newIntent('order-6');
    fake.fail(failing.id, { code: 'insufficient_funds' });
    const abandoned = await newIntent('order-7');
    await stripe.paymentIntents.cancel(abandoned.id);
    await fake.webhooksIdle();
    const types = endpoint.accepted.map((e) => e.type);
    expect(types).toContain('payment_intent.payment_failed');
    expect(types).toContain('payment_intent.canceled');
    expect(fake.events('payment_intent.payment_failed')[0].data.object).toMatchObject({
      last_payment_error: { code: 'insufficient_funds' },
    });
  });

  it('reports a refund as created, the charge as refunded, and then the refund as succeeded', async () => {
    const intent = await newIntent('order-8');
    fake.succeed(intent.id);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, metadata: { reference: 'order-8' } });
    await fake.webhooksIdle();
    const refundEvents = endpoint.accepted.filter((e) => e.type.startsWith('refund.') || e.type === 'charge.refunded');
    expect(refundEvents.map((e) => [e.type, (e.data.object as { status: string }).status])).toEqual([
      ['refund.created', 'pending'],
      ['charge.refunded', 'succeeded'],
      ['refund.updated', 'succeeded'],
    ]);
    expect(refundEvents[0].data.object).toMatchObject({
      id: refund.id,
      payment_intent: intent.id,
      metadata: { reference: 'order-8' },
    });
  });

  it('settles refunds by hand when asked: a failed refund leaves the charge refundable again', async () => {
    const manual = await startStripeFake({
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: endpoint.url,
      refundSettlement: 'manual',
    });
    try {
      const client = manual.client();
      const intent = await client.paymentIntents.create({
        amount: 900,
        currency: 'cny',
        allowed_payment_method_types: ['alipay'],
      });
      manual.succeed(intent.id);
      const refund = await client.refunds.create({ payment_intent: intent.id });
      expect((await client.refunds.retrieve(refund.id)).status).toBe('pending');
      manual.failRefund(refund.id);
      await manual.webhooksIdle();
      expect(
        manual
          .deliveries()
          .slice(-2)
          .map((d) => d.eventType),
      ).toEqual(['refund.failed', 'refund.updated']);
      const again = await client.refunds.create({ payment_intent: intent.id });
      expect(manual.settleRefund(again.id).status).toBe('succeeded');
    } finally {
      await manual.stop();
    }
  });

  it('delivers to a function target (e.g. an in-process app’s inject) and records its answers', async () => {
    const received: OutgoingWebhook[] = [];
    fake.setWebhookTarget(async (webhook) => {
      received.push(webhook);
      return { status: 202, body: 'ok' };
    });
    await newIntent('order-9');
    await fake.webhooksIdle();
    expect(received).toHaveLength(1);
    expect(received[0].headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(fake.deliveries()[0]).toMatchObject({ status: 202, responseBody: 'ok' });
  });

  it('records a delivery nobody answered, and stop() does not wait for an endpoint that hangs', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      fake.setWebhookTarget(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`);
      await newIntent('order-10');
      await fake.stop();
      expect(fake.deliveries()[0].error).toContain('stopped');
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });
});
