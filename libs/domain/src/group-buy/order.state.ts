import type { ConfirmedOrder, OrderEvent, RefundOutcome } from './order.events';

export interface OrderState {
  intents: Record<number, string>;
  confirmed: ConfirmedOrder | null;
  /** Refund outcome per payment (intent id). */
  refunds: Record<string, 'refunded' | 'failed'>;
  /** Final outcome per refund id, as the gateway told it. */
  settled: Record<string, RefundOutcome>;
  handedOverAt: string | null;
}

export const initialOrderState: OrderState = {
  intents: {},
  confirmed: null,
  refunds: {},
  settled: {},
  handedOverAt: null,
};

/** Fold one order event; unknown event types leave the state unchanged. */
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  switch (event.type) {
    case 'OrderPaymentIntentCreated':
      return { ...state, intents: { ...state.intents, [event.data.attempt]: event.data.intentId } };
    case 'OrderConfirmed': {
      const { at: _at, ...order } = event.data;
      return { ...state, confirmed: order };
    }
    case 'OrderRefunded':
      return { ...state, refunds: { ...state.refunds, [event.data.intentId]: 'refunded' } };
    case 'OrderRefundFailed':
      return { ...state, refunds: { ...state.refunds, [event.data.intentId]: 'failed' } };
    case 'OrderRefundSettled':
      return { ...state, settled: { ...state.settled, [event.data.refundId]: event.data.status } };
    case 'OrderHandedOver':
      return { ...state, handedOverAt: event.data.at };
    default:
      return state;
  }
}
