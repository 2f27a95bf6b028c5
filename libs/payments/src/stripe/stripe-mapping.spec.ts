import type Stripe from 'stripe';
import { toGatewayEvent, toPaymentIntent, toRefund } from './stripe-mapping';

// Only the fields the mapping reads; the SDK's full types describe every field Stripe may send.
const intent = (fields: Record<string, unknown>): Stripe.PaymentIntent =>
  ({
    id: 'pi_1',
    object: 'payment_intent',
    amount: 5_000,
    amount_received: 0,
    client_secret: 'pi_1_secret_x',
    metadata: { reference: 'order-1' },
    status: 'requires_payment_method',
    ...fields,
  }) as unknown as Stripe.PaymentIntent;
const refund = (fields: Record<string, unknown>): Stripe.Refund =>
  ({
    id: 're_1',
    object: 'refund',
    amount: 1_000,
    payment_intent: 'pi_1',
    metadata: { reference: 'order-1' },
    status: 'pending',
    ...fields,
  }) as unknown as Stripe.Refund;
const event = (type: string, object: unknown): Stripe.Event =>
  ({ id: 'evt_1', object: 'event', created: 1_700_000_000, type, data: { object } }) as unknown as Stripe.Event;

describe('Stripe objects as the payment port describes them', () => {
  it('reads the order reference of an intent from its metadata', () => {
    expect(toPaymentIntent(intent({}))).toEqual({
      intentId: 'pi_1',
      clientSecret: 'pi_1_secret_x',
      status: 'requires_payment_method',
      amountFen: 5_000,
      reference: 'order-1',
    });
  });

  it('reports an intent awaiting capture as processing: the money is not settled yet', () => {
    expect(toPaymentIntent(intent({ status: 'requires_capture' })).status).toBe('processing');
  });

  it('reads a refund whose intent came expanded', () => {
    expect(toRefund(refund({ payment_intent: { id: 'pi_9' }, status: 'succeeded' }))).toEqual({
      refundId: 're_1',
      intentId: 'pi_9',
      amountFen: 1_000,
      status: 'succeeded',
    });
  });
});

describe('Stripe webhooks as gateway events', () => {
  it('a succeeded intent is a payment of the amount received, for our reference', () => {
    expect(
      toGatewayEvent(event('payment_intent.succeeded', intent({ status: 'succeeded', amount_received: 5_000 }))),
    ).toEqual({
      id: 'evt_1',
      type: 'payment.succeeded',
      created: 1_700_000_000,
      intentId: 'pi_1',
      amountFen: 5_000,
      reference: 'order-1',
      gatewayType: 'payment_intent.succeeded',
    });
  });

  it('a payment carries the currency of its amount', () => {
    expect(
      toGatewayEvent(
        event('payment_intent.succeeded', intent({ status: 'succeeded', amount_received: 5_000, currency: 'usd' })),
      ),
    ).toMatchObject({ amountFen: 5_000, currency: 'usd' });
  });

  it('failed and canceled intents are payment failures and cancellations', () => {
    expect(toGatewayEvent(event('payment_intent.payment_failed', intent({}))).type).toBe('payment.failed');
    expect(toGatewayEvent(event('payment_intent.canceled', intent({ status: 'canceled' }))).type).toBe(
      'payment.canceled',
    );
  });

  it('a refunded charge reports the total refunded so far', () => {
    const charge = {
      id: 'ch_1',
      object: 'charge',
      payment_intent: 'pi_1',
      amount_refunded: 3_000,
      metadata: { reference: 'order-1' },
    };
    expect(toGatewayEvent(event('charge.refunded', charge))).toMatchObject({
      type: 'payment.refunded',
      intentId: 'pi_1',
      amountFen: 3_000,
      reference: 'order-1',
    });
  });

  it('refund events carry the refund, typed by its status whatever Stripe called the event', () => {
    expect(toGatewayEvent(event('refund.created', refund({})))).toMatchObject({
      type: 'refund.pending',
      refundId: 're_1',
      intentId: 'pi_1',
      amountFen: 1_000,
    });
    expect(toGatewayEvent(event('refund.updated', refund({ status: 'succeeded' }))).type).toBe('refund.succeeded');
    expect(toGatewayEvent(event('refund.failed', refund({ status: 'failed' }))).type).toBe('refund.failed');
    expect(toGatewayEvent(event('refund.updated', refund({ status: 'canceled', metadata: null })))).not.toHaveProperty(
      'reference',
    );
  });

  it('anything else is acknowledged and ignored, keeping Stripe’s type for the logs', () => {
    expect(toGatewayEvent(event('payment_intent.created', intent({})))).toEqual({
      id: 'evt_1',
      type: 'ignored',
      created: 1_700_000_000,
      gatewayType: 'payment_intent.created',
    });
  });
});
