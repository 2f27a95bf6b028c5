import {
  PaymentGatewayError,
  type GatewayEvent,
  type PaymentGateway,
  type PaymentIntent,
  type Refund,
} from '../payment-gateway.port';

const NOT_CONFIGURED = 'online payments are not configured';

/**
 * The gateway when no Stripe keys are configured: online payments are unavailable. The offline
 * methods (pay at pickup, bank transfer, credit) need no gateway; the domain records them.
 */
export class OfflineGateway implements PaymentGateway {
  readonly enabled = false;

  async createIntent(): Promise<PaymentIntent> {
    throw new PaymentGatewayError(NOT_CONFIGURED, false);
  }

  async retrieveIntent(): Promise<PaymentIntent> {
    throw new PaymentGatewayError(NOT_CONFIGURED, false);
  }

  async cancelIntent(): Promise<PaymentIntent> {
    throw new PaymentGatewayError(NOT_CONFIGURED, false);
  }

  async refund(): Promise<Refund> {
    throw new PaymentGatewayError(NOT_CONFIGURED, false);
  }

  verifyWebhook(): GatewayEvent {
    throw new PaymentGatewayError(NOT_CONFIGURED, false);
  }
}
