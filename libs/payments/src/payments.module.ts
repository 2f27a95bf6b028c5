import { Global, Logger, Module } from '@nestjs/common';
import { CONFIG, type AppConfig } from '@gx/platform/config/config';
import { OfflineGateway } from './offline/offline-gateway';
import { PAYMENT_GATEWAY, type PaymentGateway } from './payment-gateway.port';
import { StripeGateway } from './stripe/stripe-gateway';

/** The gateway configuration selects: Stripe when both its secrets are set, otherwise offline only. */
export function createPaymentGateway(config: Pick<AppConfig, 'stripe'>): PaymentGateway {
  if (config.stripe === undefined) return new OfflineGateway();
  const { secretKey, webhookSecret, apiUrl } = config.stripe;
  return new StripeGateway({ secretKey, webhookSecret, ...(apiUrl !== undefined && { apiUrl }) });
}

/** Provides {@link PAYMENT_GATEWAY} to every module of an app, chosen from CONFIG by {@link createPaymentGateway}. */
@Global()
@Module({
  providers: [
    {
      provide: PAYMENT_GATEWAY,
      inject: [CONFIG],
      useFactory: (config: AppConfig): PaymentGateway => {
        const gateway = createPaymentGateway(config);
        const target =
          config.stripe === undefined
            ? 'offline methods only'
            : `Stripe at ${config.stripe.apiUrl ?? 'api.stripe.com'}`;
        new Logger('Payments').log(`payment gateway: ${target}`);
        return gateway;
      },
    },
  ],
  exports: [PAYMENT_GATEWAY],
})
export class PaymentsModule {}
