import Stripe from 'stripe';
import { fingerprint, parseForm } from './form';
import { startStripeFake, type StripeFake } from './stripe-fake';

const WEBHOOK_SECRET = 'whsec_fake_spec_secret';

/** What a Stripe call threw, for asserting on the SDK's error classes. */
async function failure(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const cnyIntent = (reference: string): Stripe.PaymentIntentCreateParams => ({
  amount: 12_800,
  currency: 'cny',
  allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
  payment_method_options: { wechat_pay: { client: 'web' } },
  description: 'group buy order',
  metadata: { reference },
});

describe('Stripe fake, driven by the stripe SDK', () => {
  let fake: StripeFake;
  let stripe: Stripe;

  beforeEach(async () => {
    fake = await startStripeFake({ webhookSecret: WEBHOOK_SECRET });
    stripe = fake.client();
  });
  afterEach(() => fake.stop());

  it('creates a CNY intent offering card, Alipay and WeChat Pay, and returns it on retrieve', async () => {
    const created = await stripe.paymentIntents.create(cnyIntent('order-1'));
    expect(created).toMatchObject({
      object: 'payment_intent',
      amount: 12_800,
      currency: 'cny',
      status: 'requires_payment_method',
      allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
      payment_method_types: ['card', 'alipay', 'wechat_pay'],
      payment_method_options: { wechat_pay: { client: 'web' } },
      metadata: { reference: 'order-1' },
    });
    expect(created.id).toMatch(/^pi_/);
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));
    expect(await stripe.paymentIntents.retrieve(created.id)).toEqual(created);
  });

  it('replays the first answer for the same idempotency key and parameters, creating one intent', async () => {
    const first = await stripe.paymentIntents.create(cnyIntent('order-2'), { idempotencyKey: 'attempt-1' });
    const again = await stripe.paymentIntents.create(cnyIntent('order-2'), { idempotencyKey: 'attempt-1' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(fake.events('payment_intent.created')).toHaveLength(1);
  });

  it('refuses an idempotency key reused with other parameters or on another endpoint', async () => {
    const intent = await stripe.paymentIntents.create(cnyIntent('order-3'), { idempotencyKey: 'attempt-1' });
    const changed = await failure(
      stripe.paymentIntents.create({ ...cnyIntent('order-3'), amount: 1 }, { idempotencyKey: 'attempt-1' }),
    );
    expect(changed).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(changed).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
    const elsewhere = await failure(stripe.paymentIntents.cancel(intent.id, {}, { idempotencyKey: 'attempt-1' }));
    expect(elsewhere.rawType).toBe('idempotency_error');
    expect(elsewhere.message).toContain('same endpoint');
  });

  it('keeps no outcome for rejected input, so the same key works once the input is fixed', async () => {
    const rejected = await failure(
      stripe.paymentIntents.create({ ...cnyIntent('order-4'), amount: 0 }, { idempotencyKey: 'k' }),
    );
    expect(rejected).toMatchObject({ statusCode: 400, code: 'amount_too_small', param: 'amount' });
    await expect(stripe.paymentIntents.create(cnyIntent('order-4'), { idempotencyKey: 'k' })).resolves.toMatchObject({
      amount: 12_800,
    });
  });

  it('rejects payment_method_types as API versions after its removal do, and unknown parameters', async () => {
    const legacy = await failure(
      stripe.rawRequest('POST', '/v1/payment_intents', {
        amount: 100,
        currency: 'cny',
        payment_method_types: ['card'],
      }),
    );
    expect(legacy).toMatchObject({ statusCode: 400, code: 'payment_method_types_no_longer_supported' });
    const typo = await failure(
      stripe.rawRequest('POST', '/v1/payment_intents', { amount: 100, currency: 'cny', ammount: 1 }),
    );
    expect(typo).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'ammount' });
  });

  it('answers an unknown id with 404 resource_missing and a wrong key with 401', async () => {
    expect(await failure(stripe.paymentIntents.retrieve('pi_missing'))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
    const stranger = new Stripe('sk_test_wrong_key_000', {
      host: '127.0.0.1',
      port: new URL(fake.apiUrl).port,
      protocol: 'http',
    });
    expect(await failure(stranger.paymentIntents.retrieve('pi_missing'))).toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
  });

  it('cancels an unpaid intent once; a second cancel is refused for its state', async () => {
    const intent = await stripe.paymentIntents.create(cnyIntent('order-5'));
    await expect(stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' })).resolves.toMatchObject({
      status: 'canceled',
      cancellation_reason: 'abandoned',
    });
    expect(await failure(stripe.paymentIntents.cancel(intent.id))).toMatchObject({
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
    });
  });

  it('confirms with Stripe test cards: pm_card_visa pays, a declined card answers 402 and replays it under its key', async () => {
    const paid = await stripe.paymentIntents.create(cnyIntent('order-6'));
    const confirmed = await stripe.paymentIntents.confirm(paid.id, { payment_method: 'pm_card_visa' });
    expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 12_800 });
    const charge = await stripe.charges.retrieve(String(confirmed.latest_charge));
    expect(charge).toMatchObject({ amount: 12_800, payment_intent: paid.id, metadata: { reference: 'order-6' } });

    const declined = await stripe.paymentIntents.create(cnyIntent('order-7'));
    const confirm = (): Promise<unknown> =>
      stripe.paymentIntents.confirm(
        declined.id,
        { payment_method: 'pm_card_chargeDeclined' },
        { idempotencyKey: 'confirm-1' },
      );
    expect(await failure(confirm())).toMatchObject({ statusCode: 402, code: 'card_declined' });
    expect(await failure(confirm())).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(
      fake
        .requests()
        .filter((r) => r.idempotencyKey === 'confirm-1')
        .map((r) => r.replayed),
    ).toEqual([false, true]);
    expect((await stripe.paymentIntents.retrieve(declined.id)).last_payment_error).toMatchObject({
      code: 'card_declined',
    });
  });

  it('needs the WeChat Pay client type to confirm a WeChat Pay payment, then waits for the QR code scan', async () => {
    const withoutClient = await stripe.paymentIntents.create({ ...cnyIntent('order-8'), payment_method_options: {} });
    const missing = await failure(
      stripe.paymentIntents.confirm(withoutClient.id, { payment_method_data: { type: 'wechat_pay' } }),
    );
    expect(missing).toMatchObject({ statusCode: 400, param: 'payment_method_options[wechat_pay][client]' });

    const intent = await stripe.paymentIntents.create(cnyIntent('order-9'));
    const waiting = await stripe.paymentIntents.confirm(intent.id, { payment_method_data: { type: 'wechat_pay' } });
    expect(waiting).toMatchObject({ status: 'requires_action', next_action: { type: 'wechat_pay_display_qr_code' } });
    expect(fake.succeed(intent.id).status).toBe('succeeded');
  });

  it('refunds part and then the rest of a payment, refusing more than was paid', async () => {
    const intent = await stripe.paymentIntents.create(cnyIntent('order-10'));
    fake.succeed(intent.id);
    const part = await stripe.refunds.create(
      { payment_intent: intent.id, amount: 2_800 },
      { idempotencyKey: 'refund-1' },
    );
    // Created pending (as wallet refunds are); the fake completes it right after answering.
    expect(part).toMatchObject({ amount: 2_800, status: 'pending', payment_intent: intent.id });
    expect((await stripe.refunds.retrieve(part.id)).status).toBe('succeeded');
    const replay = await stripe.refunds.create(
      { payment_intent: intent.id, amount: 2_800 },
      { idempotencyKey: 'refund-1' },
    );
    expect(replay.id).toBe(part.id);
    expect(fake.refunds()).toHaveLength(1);

    expect(await failure(stripe.refunds.create({ payment_intent: intent.id, amount: 10_001 }))).toMatchObject({
      code: 'amount_too_large',
    });
    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(10_000);
    expect(await failure(stripe.refunds.create({ payment_intent: intent.id }))).toMatchObject({
      code: 'charge_already_refunded',
    });
  });

  it('refuses to refund an intent that was never paid', async () => {
    const intent = await stripe.paymentIntents.create(cnyIntent('order-11'));
    expect(await failure(stripe.refunds.create({ payment_intent: intent.id }))).toMatchObject({
      statusCode: 400,
      code: 'charge_not_refundable',
    });
  });

  it('lets the SDK retry an injected 500 with the same idempotency key, creating one intent', async () => {
    fake.failNextRequests(1, 500);
    const retrying = fake.client({ maxNetworkRetries: 1 });
    const intent = await retrying.paymentIntents.create(cnyIntent('order-12'), { idempotencyKey: 'attempt-x' });
    const attempts = fake.requests().filter((r) => r.idempotencyKey === 'attempt-x');
    expect(attempts.map((r) => r.status)).toEqual([500, 200]);
    expect(fake.events('payment_intent.created').map((e) => e.data.object.id)).toEqual([intent.id]);
  });

  it('drops connections when asked; the SDK retries a closed connection once, then reports a connection error', async () => {
    fake.dropNextRequests(2);
    expect(await failure(stripe.paymentIntents.retrieve('pi_any'))).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(fake.requests()).toHaveLength(2);
  });
});

describe('Stripe form encoding', () => {
  it('decodes nested objects and indexed arrays, keeping digit metadata keys as an object', () => {
    const body =
      'amount=100&allowed_payment_method_types[0]=card&allowed_payment_method_types[1]=alipay&metadata[0]=x&metadata[reference]=o%201&a[b][c]=d+e';
    expect(parseForm(body)).toEqual({
      amount: '100',
      allowed_payment_method_types: ['card', 'alipay'],
      metadata: { '0': 'x', reference: 'o 1' },
      a: { b: { c: 'd e' } },
    });
  });

  it('fingerprints the same parameters in any order alike and different ones apart', () => {
    expect(fingerprint(parseForm('a=1&b[c]=2'))).toBe(fingerprint(parseForm('b[c]=2&a=1')));
    expect(fingerprint(parseForm('a=1'))).not.toBe(fingerprint(parseForm('a=2')));
  });
});
