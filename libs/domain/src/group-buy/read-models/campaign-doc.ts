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
  publishRejection?: { code: string; reason: string };
  closedAt?: string;
  soldQuantity?: number;
  fulfilment?: { status: 'pending' | 'done' | 'blocked'; allocated?: number; released?: number; transferId?: string; step?: string; code?: string; reason?: string };
  updatedAt: string;
};

/** Derived figures of a campaign document. */
function withFigures(doc: CampaignDoc): CampaignDoc {
  const committed = doc.paid + doc.payAtPickup;
  const percent = Math.min(100, Math.floor((committed * 100) / doc.minQuantity));
  return { ...doc, remaining: doc.quota - doc.held, progress: { minimum: doc.minQuantity, committed, percent, reached: committed >= doc.minQuantity } };
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
export function evolveCampaignDoc(doc: CampaignDoc | null, event: CampaignEvent, occurredAt: string): CampaignDoc | null {
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
      return { ...doc, paid: doc.paid + quantity, held: reheld ? doc.held + quantity : doc.held, orders: reheld ? doc.orders + 1 : doc.orders };
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
    case 'CampaignSucceeded':
      return { ...doc, status: 'succeeded', closedAt: event.data.at, soldQuantity: event.data.soldQuantity, fulfilment: { status: 'pending' } };
    case 'CampaignFailed':
      return { ...doc, status: 'failed', closedAt: event.data.at, soldQuantity: 0, fulfilment: { status: 'pending' } };
    case 'CampaignFulfilled': {
      const { allocated, released, transferId } = event.data;
      return { ...doc, fulfilment: { status: 'done', allocated, released, ...(transferId !== undefined && { transferId }) } };
    }
    case 'CampaignQuotaReturned':
      return { ...doc, fulfilment: { status: 'done', allocated: 0, released: event.data.released } };
    case 'CampaignFulfilmentBlocked': {
      const { step, code, reason } = event.data;
      return { ...doc, fulfilment: { status: 'blocked', step, code, reason } };
    }
    default:
      return doc;
  }
}
