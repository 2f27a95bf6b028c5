import Stripe from 'stripe';
import { PaymentGatewayError } from '../payment-gateway.port';
import { toGatewayError } from './stripe-errors';

describe('Stripe failures as gateway errors', () => {
  it('no answer, 5xx, 409 and 429 are worth retrying with the same idempotency key', () => {
    const transient = [
      new Stripe.errors.StripeConnectionError({ message: 'socket hang up' }),
      new Stripe.errors.StripeAPIError({ message: 'down', statusCode: 503 }),
      new Stripe.errors.StripeInvalidRequestError({
        message: 'in use',
        statusCode: 409,
        code: 'idempotency_key_in_use',
      }),
      new Stripe.errors.StripeRateLimitError({ message: 'slow down', statusCode: 429 }),
    ];
    expect(transient.map((e) => toGatewayError(e, 'x').retryable)).toEqual([true, true, true, true]);
  });

  it('a refusal (4xx) is final and keeps Stripe’s code', () => {
    const refused = toGatewayError(
      new Stripe.errors.StripeInvalidRequestError({ message: 'nope', statusCode: 400, code: 'amount_too_large' }),
      'refund',
    );
    expect(refused).toMatchObject({ retryable: false, code: 'amount_too_large', message: 'refund failed: nope' });
    const idempotency = toGatewayError(
      new Stripe.errors.StripeIdempotencyError({ message: 'reused', statusCode: 400, type: 'idempotency_error' }),
      'x',
    );
    expect(idempotency).toMatchObject({ retryable: false, code: 'idempotency_error' });
  });

  it('an error that did not come from the SDK is a bug, not worth retrying', () => {
    expect(toGatewayError(new TypeError('boom'), 'x')).toEqual(new PaymentGatewayError('x failed: boom', false));
  });
});
