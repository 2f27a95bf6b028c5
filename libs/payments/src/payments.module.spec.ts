import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, CONFIG, type AppConfig } from '@gx/platform/config/config';
import { ConfigError } from '@gx/platform/config/config-error';
import { startStripeFake } from '@gx/testing/stripe-fake/stripe-fake';
import { OfflineGateway } from './offline/offline-gateway';
import { PAYMENT_GATEWAY, type PaymentGateway } from './payment-gateway.port';
import { createPaymentGateway, PaymentsModule } from './payments.module';
import { StripeGateway } from './stripe/stripe-gateway';

const silent = { log: () => undefined, error: () => undefined, warn: () => undefined };
// A JWT secret in the environment keeps loadConfig from writing one into a data directory.
const BASE_ENV = { JWT_SECRET: 'payments-spec-secret-payments-spec-secret' };

async function gatewayFor(stripe: AppConfig['stripe']): Promise<PaymentGateway> {
  @Global()
  @Module({ providers: [{ provide: CONFIG, useValue: { stripe } }], exports: [CONFIG] })
  class ConfigModule {}
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, PaymentsModule] })
    .setLogger(silent)
    .compile();
  const gateway = moduleRef.get<PaymentGateway>(PAYMENT_GATEWAY);
  await moduleRef.close();
  return gateway;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...BASE_ENV, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('PaymentsModule', () => {
  it('offers Stripe when both Stripe secrets are configured', async () => {
    const gateway = await gatewayFor({
      secretKey: 'sk_test_x',
      webhookSecret: 'whsec_x',
      apiUrl: 'http://127.0.0.1:12111',
    });
    expect(gateway).toBeInstanceOf(StripeGateway);
    expect(gateway.enabled).toBe(true);
  });

  it('offers only offline methods without Stripe secrets', async () => {
    const gateway = await gatewayFor(undefined);
    expect(gateway).toBeInstanceOf(OfflineGateway);
    expect(gateway.enabled).toBe(false);
  });

  it('talks to the API at STRIPE_API_URL when it is set', async () => {
    const fake = await startStripeFake({ webhookSecret: 'whsec_module' });
    try {
      const config = loadConfig({
        ...BASE_ENV,
        STRIPE_SECRET_KEY: fake.secretKey,
        STRIPE_WEBHOOK_SECRET: 'whsec_module',
        STRIPE_API_URL: fake.apiUrl,
      });
      expect(config.stripe).toEqual({ secretKey: fake.secretKey, webhookSecret: 'whsec_module', apiUrl: fake.apiUrl });
      const intent = await createPaymentGateway(config).createIntent({
        amountFen: 100,
        reference: 'o',
        description: 'd',
        idempotencyKey: 'k',
      });
      expect(fake.intent(intent.intentId).amount).toBe(100);
    } finally {
      await fake.stop();
    }
  });

  it('refuses a STRIPE_API_URL that is not a bare http(s) origin, naming it', () => {
    expect(problemsOf({ STRIPE_API_URL: 'ftp://stripe' })).toEqual([expect.stringContaining('STRIPE_API_URL')]);
    expect(problemsOf({ STRIPE_API_URL: 'http://127.0.0.1:12111/v1' })).toEqual([
      expect.stringContaining('STRIPE_API_URL'),
    ]);
    expect(problemsOf({ STRIPE_API_URL: 'https://api.stripe.com' })).toEqual([]);
  });
});
