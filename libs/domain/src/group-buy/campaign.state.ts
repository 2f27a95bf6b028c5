import type { CampaignEvent, CampaignStatus, CampaignTerms, PaymentMethod } from './campaign.events';
import { PersistentMap } from './persistent-map';

/** An order as the campaign holds it: its quota hold and whether it is paid. */
export interface CampaignOrder {
  orderId: string;
  customer: string;
  quantity: number;
  amountFen: number;
  paymentMethod: PaymentMethod;
  pickupCode: string;
  joinedAt: string;
  /** End of the payment window (online payment only). */
  expiresAt?: string;
  status: 'held' | 'paid' | 'released';
  /** `cancelled`: by its customer, or with its whole campaign. */
  releasedAs?: 'expired' | 'cancelled';
  /** The payment taken for the order. */
  intentId?: string;
  /** Payments refused for the order (to be refunded). */
  refusedIntents?: string[];
  /**
   * The order's goods at the pickup point: `unserved` when what arrived cannot cover it (short in
   * transit), `issued` once its hand-over took it off the books, `issue_blocked` when the ledger refused that.
   */
  pickup?: 'unserved' | 'issued' | 'issue_blocked';
}

/** Where the campaign's goods stand at its pickup point: not arrived, held for the orders, or the hold refused. */
export interface PickupState {
  status: 'none' | 'ready' | 'blocked';
  transferId?: string;
  /** Base units still held at the pickup point for orders not yet handed over. */
  held: number;
}

/** The campaign of `campaign-<campaignId>` as its decider sees it; every join evolves it in constant time. */
export interface CampaignState {
  status: 'none' | CampaignStatus;
  terms: CampaignTerms | null;
  publishAttempts: number;
  /** Quantity held by live orders (awaiting payment, paid, or paying at pickup). */
  held: number;
  /** Quantity of live orders paid online. */
  paid: number;
  /** Quantity of live orders paying at pickup. */
  payAtPickup: number;
  orders: PersistentMap<CampaignOrder>;
  /** Quantity each customer holds through live orders. */
  customers: PersistentMap<number>;
  fulfilment: 'none' | 'pending' | 'done' | 'blocked';
  pickup: PickupState;
}

export const initialCampaignState: CampaignState = {
  status: 'none',
  terms: null,
  publishAttempts: 0,
  held: 0,
  paid: 0,
  payAtPickup: 0,
  orders: PersistentMap.empty(),
  customers: PersistentMap.empty(),
  fulfilment: 'none',
  pickup: { status: 'none', held: 0 },
};
/** Committed quantity: paid online plus held for payment at pickup (what counts towards the minimum). */
export const committedOf = (state: Pick<CampaignState, 'paid' | 'payAtPickup'>): number =>
  state.paid + state.payAtPickup;
/** Change one order of the campaign; unknown orders leave the state as it is. */
function withOrder(
  state: CampaignState,
  orderId: string,
  change: (o: CampaignOrder) => CampaignOrder,
): CampaignState['orders'] {
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
      return {
        ...state,
        orders: withOrder(state, orderId, (o) => ({ ...o, refusedIntents: [...(o.refusedIntents ?? []), intentId] })),
      };
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
      for (const orderId of event.data.orders)
        orders = withOrder({ ...state, orders }, orderId, (o) => ({
          ...o,
          status: 'released',
          releasedAs: 'cancelled',
        }));
      const fulfilment = event.data.wasPublished ? 'pending' : 'none';
      return {
        ...state,
        status: 'cancelled',
        held: 0,
        paid: 0,
        payAtPickup: 0,
        customers: PersistentMap.empty(),
        orders,
        fulfilment,
      };
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
      for (const orderId of unserved)
        orders = withOrder({ ...state, orders }, orderId, (o) => ({ ...o, pickup: 'unserved' }));
      return { ...state, orders, pickup: { status: refused ? 'blocked' : 'ready', transferId, held } };
    }
    case 'CampaignPickupIssued': {
      const { orderId, quantity } = event.data;
      return {
        ...state,
        pickup: { ...state.pickup, held: state.pickup.held - quantity },
        orders: withOrder(state, orderId, (o) => ({ ...o, pickup: 'issued' })),
      };
    }
    case 'CampaignPickupIssueBlocked':
      return { ...state, orders: withOrder(state, event.data.orderId, (o) => ({ ...o, pickup: 'issue_blocked' })) };
    default:
      return state;
  }
}
