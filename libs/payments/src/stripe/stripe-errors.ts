import Stripe from 'stripe';
import { PaymentGatewayError } from '../payment-gateway.port';

/**
 * Translate whatever the SDK threw into a {@link PaymentGatewayError}. Retryable: no answer at all
 * (connection errors, timeouts), 5xx, 409 (a concurrent request holds the idempotency key or a lock)
 * and 429 (rate limited); every other 4xx is a refusal that retrying with the same input cannot change.
 */
export function toGatewayError(error: unknown, action: string): PaymentGatewayError {
  if (error instanceof PaymentGatewayError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode;
    const retryable =
      error instanceof Stripe.errors.StripeConnectionError ||
      status === undefined ||
      status >= 500 ||
      status === 409 ||
      status === 429;
    const code = error.code ?? error.rawType;
    return new PaymentGatewayError(`${action} failed: ${error.message}`, retryable, code);
  }
  // Not from the SDK (which wraps every network failure), so a bug on our side: retrying cannot help.
  return new PaymentGatewayError(`${action} failed: ${error instanceof Error ? error.message : String(error)}`, false);
}
