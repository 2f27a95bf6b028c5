import { Injectable } from '@nestjs/common';
import { DomainError, type CampaignDoc, type CampaignStatus, type CommissionDoc, type OrderDoc, type OrderStatus } from '@gx/domain';
import type { AuthUser } from '@gx/platform';
import { ReadModels, type Filter } from '@gx/readstore';
import { publicView, ReadGate } from '../kernel/read-gate';
import { GROUP_BUY, groupBuyProjection } from './group-buy.projection';

/** Statuses anyone may see; drafts are for operators and the leader of their pickup point. */
const PUBLIC_STATUSES: ReadonlySet<CampaignStatus> = new Set(['published', 'succeeded', 'failed']);
/** Most campaigns a list answers; the latest cut-off first. */
const MAX_CAMPAIGNS = 500;
/** Most orders a list answers; the newest first. */
const MAX_ORDERS = 1_000;

const isOperator = (viewer?: AuthUser): boolean => viewer?.roles.includes('operator') === true;
const leads = (viewer: AuthUser | undefined, pickupPoint: string): boolean => viewer?.roles.includes('leader') === true && viewer.party === pickupPoint;

/** Whether `viewer` may see a campaign: published ones are public, drafts only for their managers. */
export function canSeeCampaign(doc: Pick<CampaignDoc, 'status' | 'pickupPoint'>, viewer?: AuthUser): boolean {
  return PUBLIC_STATUSES.has(doc.status) || isOperator(viewer) || leads(viewer, doc.pickupPoint);
}

/** How much of an order `viewer` may see: its owner everything, its leader and operators all but the pickup code. */
export function orderAccess(doc: Pick<OrderDoc, 'customer' | 'pickupPoint'>, viewer: AuthUser): 'owner' | 'staff' | 'none' {
  if (doc.customer === viewer.username) return 'owner';
  if (isOperator(viewer) || leads(viewer, doc.pickupPoint)) return 'staff';
  return 'none';
}

/** An order as `access` allows: the pickup code is the customer's proof of purchase and is shown to them alone. */
export function orderView(doc: OrderDoc, access: 'owner' | 'staff') {
  const view = publicView(doc);
  if (access === 'owner') return view;
  const { pickupCode: _secret, ...rest } = view;
  return rest;
}

/** Campaigns, orders and commissions from the group-buy read models. */
@Injectable()
export class GroupBuyQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
  ) {}

  /**
   * Campaigns `viewer` may see, optionally of one pickup point and status, the latest cut-off first:
   * the listing `{ items }` as JSON bytes, for the HTTP answer. It is what every shopper loads during a
   * flash sale, and for everyone who manages no campaign (anonymous visitors, consumers, buyers) it is
   * the same answer: that one is serialised once per projection checkpoint and shared. Operators and
   * leaders, who also see drafts, get theirs made per request.
   */
  async campaignListing(query: { pickupPoint?: string; status?: CampaignStatus; after?: string }, viewer?: AuthUser): Promise<Buffer> {
    await this.gate.after(groupBuyProjection.name, query.after);
    const serialise = async () => Buffer.from(JSON.stringify({ items: (await this.campaignDocs(query)).filter((d) => canSeeCampaign(d, viewer)).map((d) => publicView(d)) }));
    if (isOperator(viewer) || viewer?.roles.includes('leader') === true) return serialise();
    return this.readModels.memo(groupBuyProjection.name, `campaign-listing:${query.pickupPoint ?? ''}:${query.status ?? ''}`, serialise);
  }

  /** The campaign documents of a listing, memoised per projection checkpoint (the same for every viewer). */
  private campaignDocs(query: { pickupPoint?: string; status?: CampaignStatus }): Promise<CampaignDoc[]> {
    const filter: Filter = {};
    if (query.pickupPoint) filter.pickupPoint = query.pickupPoint;
    if (query.status) filter.status = query.status;
    return this.readModels.memo(groupBuyProjection.name, `campaigns:${JSON.stringify(filter)}`, () =>
      this.readModels.find<CampaignDoc>(GROUP_BUY.campaigns, filter, { sort: [['cutoffAt', -1], ['_id', 1]], limit: MAX_CAMPAIGNS }),
    );
  }

  /** One campaign, or null when there is none that `viewer` may see. */
  async campaign(campaignId: string, viewer?: AuthUser, after?: string) {
    await this.gate.after(groupBuyProjection.name, after);
    const doc = await this.readModels.get<CampaignDoc>(GROUP_BUY.campaigns, campaignId);
    return doc && canSeeCampaign(doc, viewer) ? publicView(doc) : null;
  }

  /**
   * One order as `viewer` may see it. A consumer asking for someone else's order is told it does not
   * exist (NOT_FOUND, so ids cannot be probed); a leader of another pickup point is FORBIDDEN.
   */
  async order(orderId: string, viewer: AuthUser, after?: string): Promise<{ doc: OrderDoc; view: ReturnType<typeof orderView> }> {
    await this.gate.after(groupBuyProjection.name, after);
    const doc = await this.readModels.get<OrderDoc>(GROUP_BUY.orders, orderId);
    if (!doc) throw new DomainError('NOT_FOUND', `no order ${orderId}`, 'orderId');
    const access = orderAccess(doc, viewer);
    if (access === 'none') {
      if (viewer.roles.includes('leader') || viewer.roles.includes('operator')) throw new DomainError('FORBIDDEN', 'this order belongs to another pickup point', 'orderId');
      throw new DomainError('NOT_FOUND', `no order ${orderId}`, 'orderId');
    }
    return { doc, view: orderView(doc, access) };
  }

  /** The orders `customer` placed, newest first. */
  async ordersOf(customer: string, query: { status?: OrderStatus; after?: string }) {
    await this.gate.after(groupBuyProjection.name, query.after);
    const docs = await this.readModels.find<OrderDoc>(GROUP_BUY.orders, { customer, ...(query.status && { status: query.status }) }, { sort: [['placedAt', -1], ['_id', 1]], limit: MAX_ORDERS });
    return docs.map((d) => orderView(d, 'owner'));
  }

  /** Orders to be picked up at a pickup point: for its leader and operators (FORBIDDEN otherwise). */
  async ordersAt(pickupPoint: string, viewer: AuthUser, query: { status?: OrderStatus; campaignId?: string; after?: string }) {
    if (!isOperator(viewer) && !leads(viewer, pickupPoint)) throw new DomainError('FORBIDDEN', `only the leader of ${pickupPoint} and operators see its orders`, 'code');
    await this.gate.after(groupBuyProjection.name, query.after);
    const filter: Filter = { pickupPoint };
    if (query.status) filter.status = query.status;
    if (query.campaignId) filter.campaignId = query.campaignId;
    const docs = await this.readModels.find<OrderDoc>(GROUP_BUY.orders, filter, { sort: [['placedAt', -1], ['_id', 1]], limit: MAX_ORDERS });
    return docs.map((d) => orderView(d, 'staff'));
  }

  /**
   * Campaigns of a pickup point whose pickup date is before `asOf` (a business date) with orders
   * still not picked up, orders the goods that arrived cannot serve, or hand-overs the ledger refused
   * to issue: what the leader and operators must still settle (its leader and operators).
   */
  async uncollected(pickupPoint: string, viewer: AuthUser, asOf: string, after?: string) {
    if (!isOperator(viewer) && !leads(viewer, pickupPoint)) throw new DomainError('FORBIDDEN', `only the leader of ${pickupPoint} and operators see its pickups`, 'code');
    await this.gate.after(groupBuyProjection.name, after);
    const filter: Filter = { pickupPoint, status: 'succeeded', pickupDate: { $lt: asOf } };
    const docs = await this.readModels.find<CampaignDoc>(GROUP_BUY.campaigns, filter, { sort: [['cutoffAt', -1], ['_id', 1]], limit: MAX_CAMPAIGNS });
    return docs
      .filter((d) => d.pickup !== undefined && (d.pickup.awaiting.length > 0 || d.pickup.unserved.length > 0 || d.pickup.issueBlocked.length > 0))
      .map(({ campaignId, title, sku, pickupDate, pickupWarehouse, pickup }) => ({ campaignId, title, sku, pickupDate, pickupWarehouse, pickup }));
  }

  /** A pickup point's monthly hand-overs and leader commission (its leader and operators). */
  async commissions(pickupPoint: string, viewer: AuthUser, after?: string) {
    if (!isOperator(viewer) && !leads(viewer, pickupPoint)) throw new DomainError('FORBIDDEN', `only the leader of ${pickupPoint} and operators see its commissions`, 'code');
    await this.gate.after(groupBuyProjection.name, after);
    const docs = await this.readModels.find<CommissionDoc>(GROUP_BUY.commissions, { pickupPoint }, { sort: [['month', -1]], limit: 120 });
    return docs.map((d) => publicView(d));
  }
}
