import { Injectable } from '@nestjs/common';
import { lotBidderId, lotPhase, type BuyerDoc, type LotBidderDoc, type LotDoc, type LotPhase, type SaleDoc } from '@gx/domain';
import { ReadModels, type Filter, type SortSpec } from '@gx/readstore';
import { publicView, ReadGate } from '../kernel/read-gate';
import { AUCTION, auctionProjection } from './auction.projection';

/** Who is asking: operators see the reserve and the leader's buyer id; a buyer sees its own standing. */
export interface Viewer {
  operator: boolean;
  buyerId?: string;
}

/** Most lots or sales a list answers. */
const MAX_ITEMS = 200;

/**
 * A lot as `viewer` may see it. Nobody's maximum is in the lot document; other buyers appear only by
 * alias, and the reserve price only as "met or not" for buyers.
 */
export function lotView(doc: LotDoc, now: string, viewer: Viewer, own?: LotBidderDoc | null) {
  const { reservePrice, leader, outcome, listedBy, ...rest } = publicView(doc);
  const won = outcome?.buyerId !== undefined && outcome.buyerId === viewer.buyerId;
  const view = {
    ...rest,
    phase: lotPhase(doc, now),
    hasReserve: reservePrice > 0,
    leader: leader?.alias ?? null,
    ...(outcome
      ? {
          outcome: {
            closedAt: outcome.closedAt,
            ...(outcome.alias ? { winner: outcome.alias, pricePerUnit: outcome.pricePerUnit, amount: outcome.amount } : {}),
            ...(outcome.reason ? { reason: outcome.reason } : {}),
            ...(outcome.saleId && (viewer.operator || won) ? { saleId: outcome.saleId } : {}),
            ...(viewer.operator && outcome.buyerId ? { buyerId: outcome.buyerId } : {}),
          },
        }
      : {}),
  };
  if (viewer.operator) return { ...view, reservePrice, listedBy, leaderBuyerId: leader?.buyerId ?? null };
  if (!own) return view;
  return { ...view, you: { alias: own.alias, standing: own.standing, maxPricePerUnit: own.maxPricePerUnit, lastPricePerUnit: own.lastPricePerUnit } };
}

/** The filter and order of lots in one phase at `now`. */
function phaseQuery(phase: LotPhase | undefined, now: string): { filter: Filter; sort: SortSpec } {
  switch (phase) {
    case 'scheduled':
      return { filter: { status: 'listed', opensAt: { $gt: now } }, sort: [['opensAt', 1]] };
    case 'open':
      return { filter: { status: 'listed', opensAt: { $lte: now }, closesAt: { $gt: now } }, sort: [['closesAt', 1]] };
    case 'closing':
      return { filter: { status: 'listed', closesAt: { $lte: now } }, sort: [['closesAt', 1]] };
    case 'sold':
    case 'unsold':
      return { filter: { status: phase }, sort: [['closesAt', -1]] };
    default:
      return { filter: {}, sort: [['listedAt', -1]] };
  }
}

/** Lots, credit accounts and sales, read from the auction projection. */
@Injectable()
export class AuctionQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
  ) {}

  /** Lots in one phase (or all, newest first). */
  async lots(query: { status?: LotPhase; after?: string }, now: string, viewer: Viewer) {
    await this.gate.after(auctionProjection.name, query.after);
    const { filter, sort } = phaseQuery(query.status, now);
    const docs = await this.readModels.find<LotDoc>(AUCTION.lots, filter, { sort, limit: MAX_ITEMS });
    return docs.map((doc) => lotView(doc, now, viewer));
  }

  /** One lot with the viewer's own standing, or null. */
  async lot(lotId: string, after: string | undefined, now: string, viewer: Viewer) {
    await this.gate.after(auctionProjection.name, after);
    const doc = await this.readModels.get<LotDoc>(AUCTION.lots, lotId);
    if (!doc) return null;
    const own = viewer.buyerId ? await this.readModels.get<LotBidderDoc>(AUCTION.bidders, lotBidderId(lotId, viewer.buyerId)) : null;
    return lotView(doc, now, viewer, own);
  }

  /** A buyer's credit account: limit, exposure, receivables, available, and what holds it; null when never approved. */
  async buyer(buyerId: string, after?: string) {
    await this.gate.after(auctionProjection.name, after);
    const doc = await this.readModels.get<BuyerDoc>(AUCTION.buyers, buyerId);
    if (!doc) return null;
    const { state: _state, ...view } = publicView(doc);
    return view;
  }

  /** One sale order, or null. */
  async sale(saleId: string, after?: string) {
    await this.gate.after(auctionProjection.name, after);
    const doc = await this.readModels.get<SaleDoc>(AUCTION.sales, saleId);
    return doc ? publicView(doc) : null;
  }

  /** Sale orders, newest first, of one buyer and/or in one status. */
  async sales(query: { buyerId?: string; status?: SaleDoc['status']; after?: string }) {
    await this.gate.after(auctionProjection.name, query.after);
    const filter: Filter = {};
    if (query.buyerId) filter.buyerId = query.buyerId;
    if (query.status) filter.status = query.status;
    const docs = await this.readModels.find<SaleDoc>(AUCTION.sales, filter, { sort: [['openedAt', -1]], limit: MAX_ITEMS });
    return docs.map((doc) => publicView(doc));
  }
}
