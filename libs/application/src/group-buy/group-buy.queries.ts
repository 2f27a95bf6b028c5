import { Injectable } from '@nestjs/common';
import {
  DomainError,
  shanghaiIso,
  type BaseUnit,
  type CampaignDoc,
  type CampaignStatus,
  type CommissionDoc,
  type OrderDoc,
  type OrderStatus,
} from '@gx/domain';
import type { AuthUser } from '@gx/platform';
import { ReadModels, type Doc, type Filter } from '@gx/readstore';
import { CATALOG } from '../catalog/catalog.projection';
import { baseUnitLookup } from '../catalog/catalog.queries';
import { publicView, ReadGate } from '../kernel/read-gate';
import { GROUP_BUY, groupBuyProjection } from './group-buy.projection';
import { campaignView, type CampaignView, type PickupBooksView } from './group-buy.views';
import { canSeeCampaign, isOperator, leads, orderAccess, requirePickupPointStaff } from './group-buy-access';

/** Most campaigns a list answers; the latest cut-off first. */
const MAX_CAMPAIGNS = 500;
/** Most orders a list answers; the newest first. */
const MAX_ORDERS = 1_000;

/**
 * An order as `access` allows: the pickup code (proof of purchase) and the traceability link are shown to
 * the customer alone. Its quantity is in whole sale units, `saleUnit: { unit, base }` (`base`: the campaign's).
 */
export function orderView(doc: OrderDoc, access: 'owner' | 'staff', saleUnitBase: number) {
  const { saleUnit, supply, ...view } = publicView(doc);
  const shaped = {
    ...view,
    saleUnit: { unit: saleUnit, base: saleUnitBase },
    ...(supply && {
      supply: {
        batches: supply.batches.map((b) => ({ batchId: b.batchId, quantityBase: b.baseUnits })),
        issuedAt: shanghaiIso(supply.issuedAt),
      },
    }),
  };
  if (access === 'owner') return shaped;
  const { pickupCode: _secret, traceToken: _ownersLink, ...rest } = shaped;
  return rest;
}

/** What a consumer needs to collect an order: the campaign's title and pickup date, and the place with its hours. */
export interface PickupDetails {
  /** Base units in one sale unit of the order's campaign. */
  saleUnitBase: number;
  campaignTitle: string | null;
  pickupDate: string | null;
  pickupPlace: PickupPlace | null;
}

type PickupPointDoc = Doc & { code: string; name: string; hours: string; address?: string; lat?: number; lng?: number };

const pickupPlaceOf = (p: PickupPointDoc): PickupPlace => ({
  code: p.code,
  name: p.name,
  hours: p.hours,
  ...(p.address !== undefined && { address: p.address }),
  ...(p.lat !== undefined && p.lng !== undefined && { lat: p.lat, lng: p.lng }),
});

/** Where and when an order is collected: the pickup point's name, hours, and address and coordinates when it has them. */
export interface PickupPlace {
  code: string;
  name: string;
  hours: string;
  address?: string;
  lat?: number;
  lng?: number;
}

const withoutBase = ({ saleUnitBase: _base, ...details }: PickupDetails): Omit<PickupDetails, 'saleUnitBase'> =>
  details;

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
  async campaignListing(
    query: { pickupPoint?: string; status?: CampaignStatus; after?: string },
    viewer?: AuthUser,
  ): Promise<Buffer> {
    await this.gate.after(groupBuyProjection.name, query.after);
    const serialise = async () => {
      const docs = (await this.campaignDocs(query)).filter((d) => canSeeCampaign(d, viewer));
      const baseUnit = await this.baseUnits(docs.map((d) => d.sku));
      return Buffer.from(JSON.stringify({ items: docs.map((d) => campaignView(d, baseUnit(d.sku))) }));
    };
    if (isOperator(viewer) || viewer?.roles.includes('leader') === true) return serialise();
    return this.readModels.memo(
      groupBuyProjection.name,
      `campaign-listing:${query.pickupPoint ?? ''}:${query.status ?? ''}`,
      serialise,
    );
  }

  /** The campaign documents of a listing, memoised per projection checkpoint (the same for every viewer). */
  private campaignDocs(query: { pickupPoint?: string; status?: CampaignStatus }): Promise<CampaignDoc[]> {
    const filter: Filter = {};
    if (query.pickupPoint) filter.pickupPoint = query.pickupPoint;
    if (query.status) filter.status = query.status;
    return this.readModels.memo(groupBuyProjection.name, `campaigns:${JSON.stringify(filter)}`, () =>
      this.readModels.find<CampaignDoc>(GROUP_BUY.campaigns, filter, {
        sort: [
          ['cutoffAt', -1],
          ['_id', 1],
        ],
        limit: MAX_CAMPAIGNS,
      }),
    );
  }

  /** One campaign, or null when there is none that `viewer` may see. */
  async campaign(campaignId: string, viewer?: AuthUser, after?: string): Promise<CampaignView | null> {
    await this.gate.after(groupBuyProjection.name, after);
    const doc = await this.readModels.get<CampaignDoc>(GROUP_BUY.campaigns, campaignId);
    return doc && canSeeCampaign(doc, viewer) ? campaignView(doc, (await this.baseUnits([doc.sku]))(doc.sku)) : null;
  }

  /** The base unit of each of `skus`. */
  baseUnits(skus: string[]): Promise<(sku: string) => BaseUnit> {
    return baseUnitLookup(this.readModels, skus);
  }

  /**
   * One order as `viewer` may see it. Anyone who may not see it (another consumer, the leader of
   * another pickup point) is told it does not exist (NOT_FOUND), so that order ids cannot be probed.
   */
  async order(
    orderId: string,
    viewer: AuthUser,
    after?: string,
  ): Promise<{ doc: OrderDoc; view: ReturnType<typeof orderView> }> {
    await this.gate.after(groupBuyProjection.name, after);
    const doc = await this.readModels.get<OrderDoc>(GROUP_BUY.orders, orderId);
    if (!doc) throw new DomainError('NOT_FOUND', `no order ${orderId}`, 'orderId');
    const access = orderAccess(doc, viewer);
    if (access === 'none') throw new DomainError('NOT_FOUND', `no order ${orderId}`, 'orderId');
    const details = (await this.pickupDetails([doc]))(doc);
    return { doc, view: { ...orderView(doc, access, details.saleUnitBase), ...withoutBase(details) } };
  }

  /** The pickup details of `orders`, read with one query per collection. */
  private async pickupDetails(
    orders: Array<Pick<OrderDoc, 'campaignId' | 'pickupPoint'>>,
  ): Promise<(order: Pick<OrderDoc, 'campaignId' | 'pickupPoint'>) => PickupDetails> {
    const campaignIds = [...new Set(orders.map((o) => o.campaignId))];
    const codes = [...new Set(orders.map((o) => o.pickupPoint))];
    const [campaigns, points] = await Promise.all([
      this.readModels.find<CampaignDoc>(
        GROUP_BUY.campaigns,
        { _id: { $in: campaignIds } },
        { limit: campaignIds.length },
      ),
      this.readModels.find<PickupPointDoc>(CATALOG.pickupPoints, { _id: { $in: codes } }, { limit: codes.length }),
    ]);
    const byCampaign = new Map(campaigns.map((c) => [c._id, c]));
    const byPoint = new Map(points.map((p) => [p._id, p]));
    return (order) => {
      const campaign = byCampaign.get(order.campaignId);
      const point = byPoint.get(order.pickupPoint);
      return {
        saleUnitBase: campaign?.saleUnitBase ?? 1,
        campaignTitle: campaign?.title ?? null,
        pickupDate: campaign?.pickupDate ?? null,
        pickupPlace: point ? pickupPlaceOf(point) : null,
      };
    };
  }

  /** The orders `customer` placed, newest first. */
  async ordersOf(customer: string, query: { status?: OrderStatus; after?: string }) {
    await this.gate.after(groupBuyProjection.name, query.after);
    const docs = await this.readModels.find<OrderDoc>(
      GROUP_BUY.orders,
      { customer, ...(query.status && { status: query.status }) },
      {
        sort: [
          ['placedAt', -1],
          ['_id', 1],
        ],
        limit: MAX_ORDERS,
      },
    );
    if (docs.length === 0) return [];
    const details = await this.pickupDetails(docs);
    return docs.map((d) => {
      const mine = details(d);
      return { ...orderView(d, 'owner', mine.saleUnitBase), ...withoutBase(mine) };
    });
  }

  /** Orders to be picked up at a pickup point: for its leader and operators (FORBIDDEN otherwise). */
  async ordersAt(
    pickupPoint: string,
    viewer: AuthUser,
    query: { status?: OrderStatus; campaignId?: string; after?: string },
  ) {
    requirePickupPointStaff(viewer, pickupPoint, 'orders');
    await this.gate.after(groupBuyProjection.name, query.after);
    const filter: Filter = { pickupPoint };
    if (query.status) filter.status = query.status;
    if (query.campaignId) filter.campaignId = query.campaignId;
    const docs = await this.readModels.find<OrderDoc>(GROUP_BUY.orders, filter, {
      sort: [
        ['placedAt', -1],
        ['_id', 1],
      ],
      limit: MAX_ORDERS,
    });
    if (docs.length === 0) return [];
    const details = await this.pickupDetails(docs);
    return docs.map((d) => ({
      ...orderView(d, 'staff', details(d).saleUnitBase),
      pickupPlace: details(d).pickupPlace,
    }));
  }

  /**
   * The order a pickup code names, for the leader of its pickup point about to hand it over (what to
   * give and what to collect). Another pickup point's code is answered as an unknown one (NOT_FOUND),
   * as the hand-over does, so that codes cannot be probed.
   */
  async orderByPickupCode(pickupCode: string, viewer: AuthUser) {
    const [doc] = await this.readModels.find<OrderDoc>(GROUP_BUY.orders, { pickupCode }, { limit: 1 });
    if (!doc || !leads(viewer, doc.pickupPoint))
      throw new DomainError('NOT_FOUND', 'no order with this pickup code', 'code');
    const details = (await this.pickupDetails([doc]))(doc);
    return { ...orderView(doc, 'staff', details.saleUnitBase), ...withoutBase(details) };
  }

  /**
   * Campaigns of a pickup point whose pickup date is before `asOf` (a business date) with orders
   * still not picked up, orders the goods that arrived cannot serve, or hand-overs the ledger refused
   * to issue: what the leader and operators must still settle (its leader and operators).
   */
  async uncollected(pickupPoint: string, viewer: AuthUser, asOf: string, after?: string) {
    requirePickupPointStaff(viewer, pickupPoint, 'pickups');
    await this.gate.after(groupBuyProjection.name, after);
    const filter: Filter = { pickupPoint, status: 'succeeded', pickupDate: { $lt: asOf } };
    const docs = await this.readModels.find<CampaignDoc>(GROUP_BUY.campaigns, filter, {
      sort: [
        ['cutoffAt', -1],
        ['_id', 1],
      ],
      limit: MAX_CAMPAIGNS,
    });
    const open = docs.filter(
      (d) =>
        d.pickup !== undefined &&
        (d.pickup.awaiting.length > 0 || d.pickup.unserved.length > 0 || d.pickup.issueBlocked.length > 0),
    );
    const baseUnit = await this.baseUnits(open.map((d) => d.sku));
    return open.map((d) => {
      const { campaignId, title, sku, pickupDate, pickupWarehouse, pickup } = campaignView(d, baseUnit(d.sku));
      return {
        campaignId,
        title,
        sku,
        pickupDate,
        pickupWarehouse,
        baseUnit: baseUnit(sku),
        pickup: pickup as PickupBooksView,
      };
    });
  }

  /** A pickup point's monthly hand-overs and leader commission (its leader and operators). */
  async commissions(pickupPoint: string, viewer: AuthUser, after?: string) {
    requirePickupPointStaff(viewer, pickupPoint, 'commissions');
    await this.gate.after(groupBuyProjection.name, after);
    const docs = await this.readModels.find<CommissionDoc>(
      GROUP_BUY.commissions,
      { pickupPoint },
      { sort: [['month', -1]], limit: 120 },
    );
    return docs.map((d) => publicView(d));
  }
}
