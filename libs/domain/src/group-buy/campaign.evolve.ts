import type { CampaignEvent, CampaignOrder, CampaignState } from './campaign.events';
import { PersistentMap } from './persistent-map';

/** Change one order of the campaign; unknown orders leave the state as it is. */
function withOrder(state: CampaignState, orderId: string, change: (o: CampaignOrder) => CampaignOrder): CampaignState['orders'] {
  const order = state.orders.get(orderId);
  return order ? state.orders.set(orderId, change(order)) : state.orders;
}

const addTo = (map: CampaignState['customers'], customer: string, delta: number): CampaignState['customers'] =>
  map.set(customer, (map.get(customer) ?? 0) + delta);

/** Fold one campaign event; each event costs constant time however many orders the campaign has. */
export function evolveCampaign(state: CampaignState, event: CampaignEvent): CampaignState {
  switch (event.type) {
    case 'CampaignCreated':
      return { ...state, status: 'draft', terms: event.data };
    case 'CampaignPublishRequested':
      return { ...state, status: 'publishing', publishAttempts: event.data.attempt };
    case 'CampaignPublished':
      return { ...state, status: 'published' };
    case 'CampaignPublishRejected':
      return { ...state, status: 'draft' };
    case 'CampaignJoined': {
      const d = event.data;
      const order: CampaignOrder = {
        orderId: d.orderId,
        customer: d.customer,
        quantity: d.quantity,
        amountFen: d.amountFen,
        paymentMethod: d.paymentMethod,
        pickupCode: d.pickupCode,
        joinedAt: d.joinedAt,
        ...(d.expiresAt !== undefined && { expiresAt: d.expiresAt }),
        status: 'held',
      };
      return {
        ...state,
        held: state.held + d.quantity,
        payAtPickup: d.paymentMethod === 'pay_at_pickup' ? state.payAtPickup + d.quantity : state.payAtPickup,
        orders: state.orders.set(d.orderId, order),
        customers: addTo(state.customers, d.customer, d.quantity),
      };
    }
    case 'CampaignOrderPaid': {
      const d = event.data;
      // A late payment re-holds quota that its expiry had released.
      const reheld = d.reheld ? d.quantity : 0;
      return {
        ...state,
        held: state.held + reheld,
        paid: state.paid + d.quantity,
        customers: reheld > 0 ? addTo(state.customers, d.customer, reheld) : state.customers,
        orders: withOrder(state, d.orderId, (o) => ({ ...o, status: 'paid', intentId: d.intentId })),
      };
    }
    case 'CampaignPaymentRefused': {
      const { orderId, intentId } = event.data;
      return { ...state, orders: withOrder(state, orderId, (o) => ({ ...o, refusedIntents: [...(o.refusedIntents ?? []), intentId] })) };
    }
    case 'CampaignOrderReleased': {
      const d = event.data;
      return {
        ...state,
        held: state.held - d.quantity,
        paid: d.wasPaid ? state.paid - d.quantity : state.paid,
        payAtPickup: d.paymentMethod === 'pay_at_pickup' ? state.payAtPickup - d.quantity : state.payAtPickup,
        customers: addTo(state.customers, d.customer, -d.quantity),
        orders: withOrder(state, d.orderId, (o) => ({ ...o, status: 'released', releasedAs: d.reason })),
      };
    }
    case 'CampaignEdited':
      return state.terms ? { ...state, terms: { ...state.terms, ...event.data.changes } } : state;
    case 'CampaignCancelled': {
      // Every live order goes with the campaign; nothing of the quota is held any more.
      let orders = state.orders;
      for (const orderId of event.data.orders) orders = withOrder({ ...state, orders }, orderId, (o) => ({ ...o, status: 'released', releasedAs: 'cancelled' }));
      const fulfilment = event.data.wasPublished ? 'pending' : 'none';
      return { ...state, status: 'cancelled', held: 0, paid: 0, payAtPickup: 0, customers: PersistentMap.empty(), orders, fulfilment };
    }
    case 'CampaignSucceeded':
      return { ...state, status: 'succeeded', fulfilment: 'pending' };
    case 'CampaignFailed':
      return { ...state, status: 'failed', fulfilment: 'pending' };
    case 'CampaignFulfilled':
    case 'CampaignQuotaReturned':
      return { ...state, fulfilment: 'done' };
    case 'CampaignFulfilmentBlocked':
      return { ...state, fulfilment: 'blocked' };
    default:
      return evolvePickup(state, event);
  }
}

/** Fold the campaign's books at its pickup point. */
function evolvePickup(state: CampaignState, event: CampaignEvent): CampaignState {
  switch (event.type) {
    case 'CampaignGoodsArrived': {
      const { transferId, held, unserved, refused } = event.data;
      let orders = state.orders;
      for (const orderId of unserved) orders = withOrder({ ...state, orders }, orderId, (o) => ({ ...o, pickup: 'unserved' }));
      return { ...state, orders, pickup: { status: refused ? 'blocked' : 'ready', transferId, held } };
    }
    case 'CampaignPickupIssued': {
      const { orderId, quantity } = event.data;
      return { ...state, pickup: { ...state.pickup, held: state.pickup.held - quantity }, orders: withOrder(state, orderId, (o) => ({ ...o, pickup: 'issued' })) };
    }
    case 'CampaignPickupIssueBlocked':
      return { ...state, orders: withOrder(state, event.data.orderId, (o) => ({ ...o, pickup: 'issue_blocked' })) };
    default:
      return state;
  }
}
