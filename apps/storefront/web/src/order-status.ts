import type { Order, OrderStatus } from './models';

/** The Vant tag colour of an order status. */
export function statusTag(status: OrderStatus): 'primary' | 'success' | 'warning' | 'danger' | 'default' {
  switch (status) {
    case 'awaiting_payment':
      return 'warning';
    case 'reserved':
    case 'paid':
    case 'confirmed':
      return 'primary';
    case 'completed':
      return 'success';
    default:
      return 'default';
  }
}

/** Orders still waiting for their campaign's cut-off (live: paid, reserved, or within their payment window). */
export const awaitsOutcome = (status: OrderStatus): boolean =>
  status === 'awaiting_payment' || status === 'reserved' || status === 'paid';

/**
 * Orders nothing more is expected of: handed over, cancelled or expired, with no payment awaited and no
 * refund pending (their live stream ends there, as the server's does).
 */
export const isSettled = (order: Pick<Order, 'status' | 'payment'>): boolean =>
  (order.status === 'completed' || order.status === 'cancelled' || order.status === 'expired') &&
  order.payment.status !== 'awaiting' &&
  order.payment.status !== 'refund_pending';

/** Orders a consumer may still cancel (before the cut-off). */
export const isCancellable = awaitsOutcome;

/**
 * What the consumer is told about the money of an order: an i18n key of `shop.payment` and, while an
 * online payment is awaited, the end of its window (shown as the time left).
 */
export function paymentState(order: Pick<Order, 'status' | 'payment' | 'expiresAt'>): { key: string; until?: string } {
  if (order.status === 'expired' && order.payment.status === 'none') return { key: 'expired' };
  if (order.payment.status === 'awaiting')
    return order.expiresAt ? { key: 'awaiting', until: order.expiresAt } : { key: 'awaiting' };
  return { key: order.payment.status };
}
