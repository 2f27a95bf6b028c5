import Stripe from 'stripe';
import {
  InvalidSignatureError,
  PaymentGatewayError,
  type CreateIntentRequest,
  type GatewayEvent,
  type PaymentGateway,
  type PaymentIntent,
  type Refund,
  type RefundRequest,
} from '../payment-gateway.port';
import { toGatewayError } from './stripe-errors';
import { REFERENCE_KEY, toGatewayEvent, toPaymentIntent, toRefund } from './stripe-mapping';

/** The payment method types offered for every intent: cards, Alipay and WeChat Pay. */
export const ALLOWED_PAYMENT_METHOD_TYPES = ['card', 'alipay', 'wechat_pay'] as const;

/** Options of {@link StripeGateway}; secrets come from configuration (environment) only. */
export interface StripeGatewayOptions {
  secretKey: string;
  webhookSecret: string;
  /** Base URL of the API (scheme, host, port), e.g. a test fake or stripe-mock; api.stripe.com when absent. */
  apiUrl?: string;
  /** Oldest webhook signature accepted, in seconds (Stripe's recommended 300 by default). */
  webhookToleranceSeconds?: number;
  /** Automatic retries of network errors, 409 and 5xx by the SDK, with the same idempotency key (default 2). */
  maxNetworkRetries?: number;
  /** Per-request timeout in milliseconds (default 20000, not the SDK's 80 s: a shopper is waiting). */
  timeoutMs?: number;
}

const DEFAULT_TOLERANCE_SECONDS = 300;
const DEFAULT_TIMEOUT_MS = 20_000;

/** Host, port and protocol for the SDK from a base URL. */
export function stripeEndpoint(apiUrl: string): { host: string; port: string; protocol: 'http' | 'https' } {
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port !== '' ? url.port : protocol === 'http' ? '80' : '443', protocol };
}

/**
 * The {@link PaymentGateway} on Stripe (official SDK): PaymentIntents in CNY, amounts in fen, offering
 * card, Alipay and WeChat Pay (web); refunds through the Refunds API; webhooks verified on the raw body.
 */
export class StripeGateway implements PaymentGateway {
  readonly enabled = true;
  private readonly stripe: Stripe;
  private readonly webhookSecret: string;
  private readonly tolerance: number;
  /** Live keys see live-mode objects only, test keys test-mode ones; the mode of the key decides. */
  private readonly livemode: boolean;

  constructor(options: StripeGatewayOptions) {
    this.stripe = new Stripe(options.secretKey, {
      ...(options.apiUrl !== undefined && stripeEndpoint(options.apiUrl)),
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      appInfo: { name: 'gongxiao-market' },
    });
    this.webhookSecret = options.webhookSecret;
    this.tolerance = options.webhookToleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
    this.livemode = /^(sk|rk)_live_/.test(options.secretKey);
  }

  async createIntent(request: CreateIntentRequest): Promise<PaymentIntent> {
    if (!Number.isSafeInteger(request.amountFen) || request.amountFen <= 0) {
      throw new PaymentGatewayError(`amountFen must be a positive integer (got ${request.amountFen})`, false);
    }
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amountFen,
          currency: 'cny',
          allowed_payment_method_types: [...ALLOWED_PAYMENT_METHOD_TYPES],
          // WeChat Pay must know on confirmation which client pays; setting it here lets the browser
          // confirm with the client secret alone (stripe.js confirmWechatPayPayment shows the QR code).
          payment_method_options: { wechat_pay: { client: 'web' } },
          description: request.description,
          metadata: { ...request.metadata, [REFERENCE_KEY]: request.reference },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return toPaymentIntent(intent);
    } catch (error) {
      throw toGatewayError(error, 'create payment intent');
    }
  }

  async retrieveIntent(intentId: string): Promise<PaymentIntent> {
    try {
      return toPaymentIntent(await this.stripe.paymentIntents.retrieve(intentId));
    } catch (error) {
      throw toGatewayError(error, `retrieve payment intent ${intentId}`);
    }
  }

  /** Cancel an unpaid intent; an intent that is already canceled is returned as it is. */
  async cancelIntent(intentId: string, idempotencyKey: string): Promise<PaymentIntent> {
    try {
      return toPaymentIntent(await this.stripe.paymentIntents.cancel(intentId, {}, { idempotencyKey }));
    } catch (error) {
      const failure = toGatewayError(error, `cancel payment intent ${intentId}`);
      if (failure.code !== 'payment_intent_unexpected_state') throw failure;
      // A second cancellation (an expiry racing a user's cancel) must not fail the caller; a paid
      // intent, however, is not cancelable and the caller has to know.
      const current = await this.retrieveIntent(intentId);
      if (current.status === 'canceled') return current;
      throw failure;
    }
  }

  async refund(request: RefundRequest): Promise<Refund> {
    if (request.amountFen !== undefined && (!Number.isSafeInteger(request.amountFen) || request.amountFen <= 0)) {
      throw new PaymentGatewayError(`amountFen must be a positive integer (got ${request.amountFen})`, false);
    }
    const metadata = {
      ...request.metadata,
      ...(request.reference !== undefined && { [REFERENCE_KEY]: request.reference }),
    };
    try {
      const refund = await this.stripe.refunds.create(
        {
          payment_intent: request.intentId,
          ...(request.amountFen !== undefined && { amount: request.amountFen }),
          ...(request.reason !== undefined && { reason: request.reason }),
          ...(Object.keys(metadata).length > 0 && { metadata }),
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return toRefund(refund);
    } catch (error) {
      throw toGatewayError(error, `refund payment intent ${request.intentId}`);
    }
  }

  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): GatewayEvent {
    if (signatureHeader === undefined || signatureHeader === '') {
      throw new InvalidSignatureError('webhook has no Stripe-Signature header');
    }
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader, this.webhookSecret, this.tolerance);
    } catch (error) {
      // Signature mismatches, stale timestamps and (after a valid signature) unparsable bodies alike.
      throw new InvalidSignatureError(`webhook rejected: ${error instanceof Error ? error.message : String(error)}`);
    }
    const foreign = this.foreignReason(event);
    if (foreign !== null)
      return { id: event.id, created: event.created, type: 'ignored', gatewayType: event.type, foreign };
    return toGatewayEvent(event);
  }

  /**
   * Why a verified event is not about this account's objects, or null. The signing secret belongs to
   * an endpoint, and one endpoint may receive other accounts' events (Connect, a shared endpoint) or
   * the other mode's; this integration uses no connected accounts, so any `account` is someone else's.
   */
  private foreignReason(event: Stripe.Event): string | null {
    // Stripe always says the mode; an event without it cannot be told apart, and its signature holds.
    if (typeof event.livemode === 'boolean' && event.livemode !== this.livemode)
      return `a ${event.livemode ? 'live' : 'test'}-mode event reached a ${this.livemode ? 'live' : 'test'}-mode integration`;
    if (event.account !== undefined && event.account !== null) return `an event of another account (${event.account})`;
    return null;
  }
}
