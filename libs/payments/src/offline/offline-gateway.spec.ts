import { PaymentGatewayError } from '../payment-gateway.port';
import { OfflineGateway } from './offline-gateway';

describe('the offline gateway (no Stripe keys)', () => {
  const gateway = new OfflineGateway();
  const notConfigured = new PaymentGatewayError('online payments are not configured', false);

  it('says online payments are off', () => {
    expect(gateway.enabled).toBe(false);
  });

  it('refuses every online operation as final, not as something to retry', async () => {
    await expect(gateway.createIntent()).rejects.toEqual(notConfigured);
    await expect(gateway.retrieveIntent()).rejects.toEqual(notConfigured);
    await expect(gateway.cancelIntent()).rejects.toEqual(notConfigured);
    await expect(gateway.refund()).rejects.toEqual(notConfigured);
    expect(() => gateway.verifyWebhook()).toThrow(notConfigured);
    await expect(gateway.createIntent()).rejects.toMatchObject({ retryable: false });
  });
});
