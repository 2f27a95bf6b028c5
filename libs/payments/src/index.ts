export * from './payment-gateway.port';
export * from './payments.module';
export * from './stripe/stripe-gateway';
export * from './offline/offline-gateway';
