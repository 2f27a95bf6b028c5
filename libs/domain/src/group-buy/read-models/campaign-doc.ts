import type { CampaignEvent, CampaignStatus, CampaignTerms } from '../campaign.events';

/** Read model `gb_campaigns`: a campaign with its live figures (remaining quota, progress to the minimum). */
export type CampaignDoc = Omit<CampaignTerms, 'saleUnit'> & {
  _id: string;
  saleUnit: string;
  /** Base units in one sale unit. */
  saleUnitBase: number;
  status: CampaignStatus;
  /** Quantity held by live orders (awaiting payment, paid, or paying at pickup). */
  held: number;
  remaining: number;
  paid: number;
  payAtPickup: number;
  /** Live orders. */
  orders: number;
  progress: { minimum: number; committed: number; percent: number; reached: boolean };
  publishedAt?: string;
  /** The last change of the draft's terms: who made it and when. */
  edited?: { by: string; at: string };
  /** Why and by whom the campaign was cancelled; `wasPublished`: it had been open to orders. */
  cancellation?: { by: string; reason: string; at: string; wasPublished: boolean; orders: number; refunds: number };
  /** The operator who ran the cut-off before its time (absent when the deadline ran it). */
  closedBy?: string;
  publishRejection?: { code: string; reason: string };
  closedAt?: string;
  soldQuantity?: number;
  fulfilment?: {
    status: 'pending' | 'done' | 'blocked';
    allocated?: number;
    released?: number;
    transferId?: string;
    step?: string;
    code?: string;
    reason?: string;
  };
  /** The campaign's books at its pickup point (a succeeded campaign); quantities in base units. */
  pickup?: PickupView;
  updatedAt: string;
};

/**
 * A succeeded campaign at its pickup point: `awaiting_goods` until its transfer is received, then
 * `ready` while orders wait for pickup, `done` once none does (`blocked` when the ledger refused the hold).
 */
export type PickupView = {
  status: 'awaiting_goods' | 'ready' | 'blocked' | 'done';
  transferId?: string;
  receivedAt?: string;
  received?: number;
  lost?: number;
  /** Held at the pickup point when the goods arrived, and still held now. */
  held?: number;
  stillHeld?: number;
  /** Orders not picked up yet that the goods serve (they stay listed after the pickup date). */
  awaiting: string[];
  /** Orders the goods that arrived cannot serve: for the leader and operators to settle. */
  unserved: string[];
  handedOver: number;
  issued: number;
  refused?: { code: string; reason: string };
  /** Hand-overs whose goods the ledger refused to issue. */
  issueBlocked: Array<{ orderId: string; code: string; reason: string }>;
};

/** Derived figures of a campaign document. */
function withFigures(doc: CampaignDoc): CampaignDoc {
  const committed = doc.paid + doc.payAtPickup;
  const percent = Math.min(100, Math.floor((committed * 100) / doc.minQuantity));
  return {
    ...doc,
    remaining: doc.quota - doc.held,
    progress: { minimum: doc.minQuantity, committed, percent, reached: committed >= doc.minQuantity },
  };
}

function created(t: CampaignTerms, at: string): CampaignDoc {
  const { saleUnit, ...terms } = t;
  return withFigures({
    _id: t.campaignId,
    ...terms,
    saleUnit: saleUnit.unit,
    saleUnitBase: saleUnit.base,
    status: 'draft',
    held: 0,
    remaining: t.quota,
    paid: 0,
    payAtPickup: 0,
    orders: 0,
    progress: { minimum: t.minQuantity, committed: 0, percent: 0, reached: false },
    updatedAt: at,
  });
}

/** Fold one campaign event into its document (`occurredAt` from the event's metadata). */
export function evolveCampaignDoc(
  doc: CampaignDoc | null,
  event: CampaignEvent,
  occurredAt: string,
): CampaignDoc | null {
  if (event.type === 'CampaignCreated') return created(event.data, occurredAt);
  if (!doc) return doc;
  const next = change(doc, event);
  return next === doc ? doc : withFigures({ ...next, updatedAt: occurredAt });
}

function change(doc: CampaignDoc, event: CampaignEvent): CampaignDoc {
  switch (event.type) {
    case 'CampaignPublishRequested':
      return { ...doc, status: 'publishing' };
    case 'CampaignPublished': {
      const { publishRejection: _dropped, ...rest } = doc;
      return { ...rest, status: 'published', publishedAt: event.data.at };
    }
    case 'CampaignPublishRejected':
      return { ...doc, status: 'draft', publishRejection: { code: event.data.code, reason: event.data.reason } };
    case 'CampaignJoined': {
      const { quantity, paymentMethod } = event.data;
      const payAtPickup = paymentMethod === 'pay_at_pickup' ? doc.payAtPickup + quantity : doc.payAtPickup;
      return { ...doc, held: doc.held + quantity, payAtPickup, orders: doc.orders + 1 };
    }
    case 'CampaignOrderPaid': {
      const { quantity, reheld } = event.data;
      return {
        ...doc,
        paid: doc.paid + quantity,
        held: reheld ? doc.held + quantity : doc.held,
        orders: reheld ? doc.orders + 1 : doc.orders,
      };
    }
    case 'CampaignOrderReleased': {
      const { quantity, wasPaid, paymentMethod } = event.data;
      return {
        ...doc,
        held: doc.held - quantity,
        paid: wasPaid ? doc.paid - quantity : doc.paid,
        payAtPickup: paymentMethod === 'pay_at_pickup' ? doc.payAtPickup - quantity : doc.payAtPickup,
        orders: doc.orders - 1,
      };
    }
    case 'CampaignEdited': {
      const { changes, by, at } = event.data;
      return { ...doc, ...changes, edited: { by, at } };
    }
    case 'CampaignCancelled': {
      const { by, reason, at, wasPublished, orders, refunds } = event.data;
      const cancellation = { by, reason, at, wasPublished, orders: orders.length, refunds: refunds.length };
      const released = { held: 0, paid: 0, payAtPickup: 0, orders: 0 };
      return {
        ...doc,
        ...released,
        status: 'cancelled',
        closedAt: at,
        cancellation,
        ...(wasPublished && { soldQuantity: 0, fulfilment: { status: 'pending' as const } }),
      };
    }
    case 'CampaignSucceeded': {
      const { at, soldQuantity, orders, closedBy } = event.data;
      const pickup: PickupView = {
        status: 'awaiting_goods',
        awaiting: orders,
        unserved: [],
        handedOver: 0,
        issued: 0,
        issueBlocked: [],
      };
      return {
        ...doc,
        status: 'succeeded',
        closedAt: at,
        ...(closedBy !== undefined && { closedBy }),
        soldQuantity,
        fulfilment: { status: 'pending' },
        pickup,
      };
    }
    case 'CampaignFailed': {
      const { at, closedBy } = event.data;
      return {
        ...doc,
        status: 'failed',
        closedAt: at,
        ...(closedBy !== undefined && { closedBy }),
        soldQuantity: 0,
        fulfilment: { status: 'pending' },
      };
    }
    case 'CampaignFulfilled': {
      const { allocated, released, transferId } = event.data;
      return {
        ...doc,
        fulfilment: { status: 'done', allocated, released, ...(transferId !== undefined && { transferId }) },
      };
    }
    case 'CampaignQuotaReturned':
      return { ...doc, fulfilment: { status: 'done', allocated: 0, released: event.data.released } };
    case 'CampaignFulfilmentBlocked': {
      const { step, code, reason } = event.data;
      return { ...doc, fulfilment: { status: 'blocked', step, code, reason } };
    }
    default:
      return doc.pickup ? { ...doc, pickup: changePickup(doc.pickup, event) } : doc;
  }
}

const without = (ids: string[], gone: ReadonlySet<string>): string[] => ids.filter((id) => !gone.has(id));
const settled = (pickup: PickupView): PickupView =>
  pickup.status === 'ready' && pickup.awaiting.length === 0 ? { ...pickup, status: 'done' } : pickup;

function changePickup(pickup: PickupView, event: CampaignEvent): PickupView {
  switch (event.type) {
    case 'CampaignGoodsArrived': {
      const { transferId, at, received, lost, held, unserved, refused } = event.data;
      const status = refused ? ('blocked' as const) : ('ready' as const);
      const awaiting = without(pickup.awaiting, new Set(unserved));
      return settled({
        ...pickup,
        status,
        transferId,
        receivedAt: at,
        received,
        lost,
        held,
        stillHeld: held,
        awaiting,
        unserved,
        ...(refused && { refused }),
      });
    }
    case 'CampaignPickupIssued': {
      const { orderId, quantity } = event.data;
      const awaiting = without(pickup.awaiting, new Set([orderId]));
      return settled({
        ...pickup,
        awaiting,
        handedOver: pickup.handedOver + 1,
        issued: pickup.issued + quantity,
        stillHeld: (pickup.stillHeld ?? 0) - quantity,
      });
    }
    case 'CampaignPickupIssueBlocked': {
      const { orderId, code, reason } = event.data;
      const awaiting = without(pickup.awaiting, new Set([orderId]));
      return settled({
        ...pickup,
        awaiting,
        handedOver: pickup.handedOver + 1,
        issueBlocked: [...pickup.issueBlocked, { orderId, code, reason }],
      });
    }
    default:
      return pickup;
  }
}
