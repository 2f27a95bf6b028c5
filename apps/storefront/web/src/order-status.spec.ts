import { MESSAGES } from './messages';
import type { Order } from './models';
import { isCancellable, isSettled, paymentState } from './order-status';

const order = (status: Order['status'], payment: Order['payment']['status'], expiresAt?: string) => ({
  status,
  payment: { method: 'stripe' as const, status: payment, refunds: [] },
  ...(expiresAt && { expiresAt }),
});

describe('the money of an order on the screen', () => {
  it('tells the Stripe states: awaiting with its window, paid, expired, refunded', () => {
    expect(paymentState(order('awaiting_payment', 'awaiting', '2026-12-02T03:15:00Z'))).toEqual({
      key: 'awaiting',
      until: '2026-12-02T03:15:00Z',
    });
    expect(paymentState(order('paid', 'paid'))).toEqual({ key: 'paid' });
    expect(paymentState(order('expired', 'none'))).toEqual({ key: 'expired' });
    expect(paymentState(order('cancelled', 'refund_pending'))).toEqual({ key: 'refund_pending' });
    expect(paymentState(order('cancelled', 'refunded'))).toEqual({ key: 'refunded' });
  });

  it('has words for every state in both languages', () => {
    const keys = [
      'awaiting',
      'paid',
      'due_at_pickup',
      'collected',
      'refund_pending',
      'refunded',
      'refund_failed',
      'none',
      'expired',
    ];
    for (const locale of ['zh-CN', 'en'] as const) {
      const payment = (MESSAGES[locale].shop as Record<string, Record<string, string>>).payment ?? {};
      expect(keys.filter((k) => typeof payment[k] !== 'string')).toEqual([]);
    }
  });

  it('counts an order settled once nothing more is expected of it (its live stream ends there)', () => {
    expect(
      [
        order('completed', 'collected'),
        order('cancelled', 'none'),
        order('cancelled', 'refunded'),
        order('cancelled', 'refund_failed'),
        order('expired', 'none'),
      ].every(isSettled),
    ).toBe(true);
    expect(
      [
        order('awaiting_payment', 'awaiting'),
        order('paid', 'paid'),
        order('confirmed', 'paid'),
        order('cancelled', 'refund_pending'),
        order('expired', 'refund_pending'),
      ].some(isSettled),
    ).toBe(false);
  });

  it('lets only a live order be cancelled', () => {
    expect(['awaiting_payment', 'reserved', 'paid'].every((s) => isCancellable(s as Order['status']))).toBe(true);
    expect(['confirmed', 'completed', 'expired', 'cancelled'].some((s) => isCancellable(s as Order['status']))).toBe(
      false,
    );
  });
});
