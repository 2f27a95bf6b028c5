import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  Controller,
  Global,
  Headers,
  HttpCode,
  Inject,
  Module,
  Post,
  Req,
  type RawBodyRequest,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import Stripe from 'stripe';
import {
  InvalidSignatureError,
  PAYMENT_GATEWAY,
  PaymentGatewayError,
  PaymentsModule,
  StripeGateway,
  type CreateIntentRequest,
  type GatewayEvent,
  type PaymentGateway,
} from '@gx/payments';
import { CONFIG } from '@gx/platform/config/config';
import { injectTarget, startStripeFake, type StripeFake } from '@gx/testing/stripe-fake/stripe-fake';

const WEBHOOK_SECRET = 'whsec_contract_local_secret';

/** A gateway under test and how a customer completes a payment there. */
interface Harness {
  gateway: StripeGateway;
  pay(intentId: string): Promise<void>;
  close(): Promise<void>;
}

/** What the gateway threw, for asserting on PaymentGatewayError fields. */
async function gatewayFailure(call: Promise<unknown>): Promise<PaymentGatewayError> {
  const error: unknown = await call.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  if (error instanceof PaymentGatewayError) return error;
  throw error;
}

function signedEvent(
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
  from: { livemode?: boolean; account?: string } = {},
): { body: Buffer; header: string } {
  const object = {
    id: 'pi_contract',
    object: 'payment_intent',
    amount: 4_200,
    amount_received: 4_200,
    status: 'succeeded',
    metadata: { reference: 'order-w' },
  };
  const event = {
    id: 'evt_contract',
    object: 'event',
    type: 'payment_intent.succeeded',
    created: timestamp,
    livemode: false,
    ...from,
    data: { object },
  };
  const payload = JSON.stringify(event, null, 2);
  return {
    body: Buffer.from(payload),
    header: Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }),
  };
}

/** The behaviour every Stripe API the gateway talks to must show (the fake, and Stripe's test mode). */
function gatewayContract(start: () => Promise<Harness>): void {
  let h: Harness;
  const run = randomUUID();
  const order = (name: string): CreateIntentRequest => ({
    reference: `${run}-${name}`,
    description: `contract ${name}`,
    amountFen: 12_800,
    idempotencyKey: `${run}-${name}-attempt-1`,
  });
  beforeAll(async () => {
    h = await start();
  });
  afterAll(() => h.close());

  it('creates an unpaid intent for the order and returns the same intent when the attempt is retried', async () => {
    const first = await h.gateway.createIntent({ ...order('create'), metadata: { channel: 'storefront' } });
    expect(first).toMatchObject({ status: 'requires_payment_method', amountFen: 12_800, reference: `${run}-create` });
    expect(first.clientSecret).toContain(first.intentId);
    const retried = await h.gateway.createIntent({ ...order('create'), metadata: { channel: 'storefront' } });
    expect(retried).toEqual(first);
    expect(await h.gateway.retrieveIntent(first.intentId)).toEqual(first);
  });

  it('refuses an attempt key reused for a different amount, as final', async () => {
    await h.gateway.createIntent(order('mismatch'));
    const reused = await gatewayFailure(h.gateway.createIntent({ ...order('mismatch'), amountFen: 9_900 }));
    expect(reused).toMatchObject({ retryable: false, code: 'idempotency_error' });
  });

  it('cancels an unpaid intent, and cancelling it again is harmless', async () => {
    const intent = await h.gateway.createIntent(order('cancel'));
    expect((await h.gateway.cancelIntent(intent.intentId, `${run}-cancel-1`)).status).toBe('canceled');
    expect((await h.gateway.cancelIntent(intent.intentId, `${run}-cancel-2`)).status).toBe('canceled');
  });

  it('will not cancel a paid intent', async () => {
    const intent = await h.gateway.createIntent(order('paid-cancel'));
    await h.pay(intent.intentId);
    const refused = await gatewayFailure(h.gateway.cancelIntent(intent.intentId, `${run}-paid-cancel`));
    expect(refused).toMatchObject({ retryable: false, code: 'payment_intent_unexpected_state' });
  });

  it('refunds a paid intent once per refund key, and refuses to refund more than was paid', async () => {
    const intent = await h.gateway.createIntent(order('refund'));
    await h.pay(intent.intentId);
    expect((await h.gateway.retrieveIntent(intent.intentId)).status).toBe('succeeded');
    const request = {
      intentId: intent.intentId,
      amountFen: 2_800,
      idempotencyKey: `${run}-refund-1`,
      reference: `${run}-refund`,
    };
    const refund = await h.gateway.refund(request);
    expect(refund).toMatchObject({ intentId: intent.intentId, amountFen: 2_800 });
    expect(['pending', 'succeeded']).toContain(refund.status);
    expect((await h.gateway.refund(request)).refundId).toBe(refund.refundId);
    const tooMuch = await gatewayFailure(
      h.gateway.refund({ intentId: intent.intentId, amountFen: 10_001, idempotencyKey: `${run}-refund-2` }),
    );
    expect(tooMuch.retryable).toBe(false);
  });

  it('verifies a webhook signed with the webhook secret and reads the payment from it', () => {
    const { body, header } = signedEvent(WEBHOOK_SECRET);
    expect(h.gateway.verifyWebhook(body, header)).toMatchObject({
      id: 'evt_contract',
      type: 'payment.succeeded',
      intentId: 'pi_contract',
      amountFen: 4_200,
      reference: 'order-w',
    });
  });

  it("ignores a correctly signed event of another account or of live mode (a test-mode key's integration)", () => {
    for (const from of [{ livemode: true }, { account: 'acct_1OtherAccount00000' }]) {
      const { body, header } = signedEvent(WEBHOOK_SECRET, undefined, from);
      const event = h.gateway.verifyWebhook(body, header);
      expect(event).toMatchObject({ id: 'evt_contract', type: 'ignored', foreign: expect.any(String) });
      expect(event).not.toHaveProperty('intentId');
    }
  });

  it('rejects forged, tampered, stale and unsigned webhooks', () => {
    const forged = signedEvent('whsec_someone_else');
    expect(() => h.gateway.verifyWebhook(forged.body, forged.header)).toThrow(InvalidSignatureError);
    const genuine = signedEvent(WEBHOOK_SECRET);
    const tampered = Buffer.from(genuine.body.toString('utf8').replace(/4200/g, '1'));
    expect(() => h.gateway.verifyWebhook(tampered, genuine.header)).toThrow(InvalidSignatureError);
    const stale = signedEvent(WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600);
    expect(() => h.gateway.verifyWebhook(stale.body, stale.header)).toThrow(InvalidSignatureError);
    expect(() => h.gateway.verifyWebhook(genuine.body, undefined)).toThrow(InvalidSignatureError);
  });
}

describe('StripeGateway against the Stripe fake', () => {
  let fake: StripeFake;
  gatewayContract(async () => {
    fake = await startStripeFake({ webhookSecret: WEBHOOK_SECRET });
    const gateway = new StripeGateway({
      secretKey: fake.secretKey,
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: fake.apiUrl,
      maxNetworkRetries: 0,
    });
    return { gateway, pay: async (intentId) => void fake.succeed(intentId), close: () => fake.stop() };
  });

  it('asks Stripe for CNY in fen with card, Alipay and WeChat Pay (web), the reference in metadata, under the attempt key', async () => {
    const gateway = new StripeGateway({
      secretKey: fake.secretKey,
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: fake.apiUrl,
    });
    const intent = await gateway.createIntent({
      amountFen: 990,
      reference: 'order-x',
      description: 'x',
      idempotencyKey: 'order-x-1',
      metadata: { reference: 'spoofed' },
    });
    expect(fake.intent(intent.intentId)).toMatchObject({
      currency: 'cny',
      amount: 990,
      allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
      payment_method_options: { wechat_pay: { client: 'web' } },
      metadata: { reference: 'order-x' },
    });
    expect(fake.requests().at(-1)).toMatchObject({ path: '/v1/payment_intents', idempotencyKey: 'order-x-1' });
  });

  it('tells failures worth retrying (5xx, no connection) from final ones (bad key, unknown intent)', async () => {
    const gateway = new StripeGateway({
      secretKey: fake.secretKey,
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: fake.apiUrl,
      maxNetworkRetries: 0,
    });
    fake.failNextRequests(1, 503);
    expect(await gatewayFailure(gateway.retrieveIntent('pi_any'))).toMatchObject({ retryable: true });
    expect(await gatewayFailure(gateway.retrieveIntent('pi_missing'))).toMatchObject({
      retryable: false,
      code: 'resource_missing',
    });
    const wrongKey = new StripeGateway({
      secretKey: 'sk_test_wrong',
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: fake.apiUrl,
      maxNetworkRetries: 0,
    });
    expect(await gatewayFailure(wrongKey.retrieveIntent('pi_any'))).toMatchObject({ retryable: false });
    const nobody = new StripeGateway({
      secretKey: 'sk_test_x',
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: 'http://127.0.0.1:9',
      maxNetworkRetries: 0,
    });
    expect(await gatewayFailure(nobody.retrieveIntent('pi_any'))).toMatchObject({ retryable: true });
  });

  it('lets the SDK retry a 500 under the same attempt key, leaving one intent', async () => {
    const gateway = new StripeGateway({
      secretKey: fake.secretKey,
      webhookSecret: WEBHOOK_SECRET,
      apiUrl: fake.apiUrl,
      maxNetworkRetries: 1,
    });
    fake.failNextRequests(1, 500);
    const intent = await gateway.createIntent({
      amountFen: 500,
      reference: 'order-r',
      description: 'r',
      idempotencyKey: 'order-r-1',
    });
    expect(
      fake
        .requests()
        .filter((r) => r.idempotencyKey === 'order-r-1')
        .map((r) => r.status),
    ).toEqual([500, 200]);
    expect(fake.events('payment_intent.created').filter((e) => e.data.object.id === intent.intentId)).toHaveLength(1);
  });
});

/** A webhook endpoint as the storefront will have it: Fastify, raw body kept, verified by the gateway. */
@Controller('payments/stripe')
class WebhookController {
  readonly received: GatewayEvent[] = [];
  constructor(@Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway) {}

  @Post('webhook')
  @HttpCode(200)
  receive(
    @Req() req: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature?: string,
  ): { received: true } {
    if (req.rawBody === undefined) throw new BadRequestException('no raw body');
    try {
      this.received.push(this.gateway.verifyWebhook(req.rawBody, signature));
    } catch (error) {
      if (error instanceof InvalidSignatureError) throw new BadRequestException(error.message);
      throw error;
    }
    return { received: true };
  }
}

describe('Stripe webhooks delivered by the fake to a Nest app on Fastify', () => {
  let fake: StripeFake;
  let app: NestFastifyApplication;
  let gateway: PaymentGateway;
  let received: GatewayEvent[];

  beforeAll(async () => {
    fake = await startStripeFake({ webhookSecret: WEBHOOK_SECRET });
    const stripe = { secretKey: fake.secretKey, webhookSecret: WEBHOOK_SECRET, apiUrl: fake.apiUrl };
    @Global()
    @Module({ providers: [{ provide: CONFIG, useValue: { stripe } }], exports: [CONFIG] })
    class ConfigModule {}
    @Module({ imports: [ConfigModule, PaymentsModule], controllers: [WebhookController] })
    class WebhookAppModule {}
    // As createApp does: rawBody keeps the exact bytes Stripe signed on req.rawBody.
    app = await NestFactory.create<NestFastifyApplication>(WebhookAppModule, new FastifyAdapter(), {
      rawBody: true,
      logger: false,
    });
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    fake.setWebhookTarget(injectTarget(fastify, '/payments/stripe/webhook'));
    gateway = app.get<PaymentGateway>(PAYMENT_GATEWAY);
    received = app.get(WebhookController).received;
  });
  afterAll(async () => {
    await fake.stop();
    await app.close();
  });

  it('hears of a payment and its refund, with the order reference on every event', async () => {
    const intent = await gateway.createIntent({
      amountFen: 3_000,
      reference: 'order-h',
      description: 'h',
      idempotencyKey: 'order-h-1',
    });
    fake.succeed(intent.intentId);
    const refund = await gateway.refund({
      intentId: intent.intentId,
      idempotencyKey: 'order-h-refund-1',
      reference: 'order-h',
    });
    await fake.webhooksIdle();
    const mine = received.filter((e) => e.intentId === intent.intentId && e.type !== 'ignored');
    expect(mine.map((e) => [e.type, e.amountFen, e.reference])).toEqual([
      ['payment.succeeded', 3_000, 'order-h'],
      ['refund.pending', 3_000, 'order-h'],
      ['payment.refunded', 3_000, 'order-h'],
      ['refund.succeeded', 3_000, 'order-h'],
    ]);
    expect(mine.filter((e) => e.type.startsWith('refund.')).map((e) => e.refundId)).toEqual([
      refund.refundId,
      refund.refundId,
    ]);
  });

  it('passes a duplicate on with the same event id, and answers 400 to stale, forged and tampered deliveries', async () => {
    const intent = await gateway.createIntent({
      amountFen: 700,
      reference: 'order-d',
      description: 'd',
      idempotencyKey: 'order-d-1',
    });
    fake.succeed(intent.intentId);
    const [paid] = fake.events('payment_intent.succeeded').filter((e) => e.data.object.id === intent.intentId);
    await fake.webhooksIdle();
    expect((await fake.redeliver(paid.id)).status).toBe(200);
    expect(received.filter((e) => e.id === paid.id)).toHaveLength(2);
    for (const delivery of [
      await fake.deliverStale(paid.id),
      await fake.deliverForged(paid.id),
      await fake.deliverTampered(paid.id),
    ]) {
      expect(delivery.status).toBe(400);
    }
    expect(received.filter((e) => e.id === paid.id)).toHaveLength(2);
  });
});

const realKey = process.env.STRIPE_SECRET_KEY;
const realSkipReason =
  realKey === undefined || realKey === ''
    ? 'STRIPE_SECRET_KEY is not set'
    : process.env.STRIPE_API_URL
      ? 'STRIPE_API_URL is set (it points the SDK away from Stripe)'
      : !realKey.startsWith('sk_test_') && !realKey.startsWith('rk_test_')
        ? 'STRIPE_SECRET_KEY is not a test-mode key'
        : undefined;
if (realSkipReason !== undefined)
  console.info(`payments.stripe contract: real Stripe test mode skipped: ${realSkipReason}`);

(realSkipReason === undefined ? describe : describe.skip)('StripeGateway against Stripe test mode', () => {
  const secretKey = realKey ?? '';
  gatewayContract(async () => {
    const stripe = new Stripe(secretKey);
    return {
      gateway: new StripeGateway({ secretKey, webhookSecret: WEBHOOK_SECRET }),
      pay: async (intentId) => {
        await stripe.paymentIntents.confirm(intentId, {
          payment_method: 'pm_card_visa',
          return_url: 'https://example.com/return',
        });
      },
      close: async () => undefined,
    };
  });
});
