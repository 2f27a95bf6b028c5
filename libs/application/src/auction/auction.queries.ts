import { Injectable } from '@nestjs/common';
import {
  lotBidderId,
  lotPhase,
  shanghaiIso,
  type BaseUnit,
  type BuyerDoc,
  type LotBidderDoc,
  type LotDoc,
  type LotPhase,
  type SaleDoc,
  type SaleUnit,
} from '@gx/domain';
import { ReadModels, type Doc, type Filter, type SortSpec } from '@gx/readstore';
import { CATALOG } from '../catalog/catalog.projection';
import { baseUnitLookup } from '../catalog/catalog.queries';
import { publicView, ReadGate } from '../kernel/read-gate';
import { AUCTION, auctionProjection, type BuyerNameDoc } from './auction.projection';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { buyerAnswer, lotDocAnswer, saleAnswer, type PublicBidAnswer } from './auction.views';

/** Who is asking: operators see the reserve and the leader's buyer id; a buyer sees its own standing. */
export interface Viewer {
  operator: boolean;
  buyerId?: string;
}

/** Most lots or sales a list answers. */
const MAX_ITEMS = 200;

/**
 * A lot as `viewer` may see it (in the answers' names, see `auction.views`). Nobody's maximum is in the lot
 * document; other buyers appear only by alias, and the reserve price only as "met or not" for buyers.
 */
export function lotView(
  doc: LotDoc,
  now: string,
  viewer: Viewer,
  baseUnit: BaseUnit,
  own?: LotBidderDoc | null,
  names?: BidderNames,
) {
  const { reservePriceFen, listedBy, ...answer } = lotDocAnswer(publicView(doc), baseUnit);
  const { leader, outcome } = doc;
  const won = outcome?.buyerId !== undefined && outcome.buyerId === viewer.buyerId;
  const view = {
    ...answer,
    // One meaning of status, the one `?status=` filters on: the phase at `now`, not the stored listed/sold/unsold.
    status: lotPhase(doc, now),
    hasReserve: reservePriceFen > 0,
    leader: leader?.alias ?? null,
    ...(answer.outcome && outcome
      ? {
          outcome: {
            closedAt: answer.outcome.closedAt,
            ...(outcome.alias
              ? {
                  winner: outcome.alias,
                  pricePerUnitFen: answer.outcome.pricePerUnitFen,
                  amountFen: answer.outcome.amountFen,
                }
              : {}),
            ...(outcome.reason ? { reason: outcome.reason } : {}),
            ...(outcome.withdrawn ? { withdrawn: outcome.withdrawn } : {}),
            ...(viewer.operator && outcome.by ? { by: outcome.by } : {}),
            ...(outcome.saleId && (viewer.operator || won) ? { saleId: outcome.saleId } : {}),
            ...(viewer.operator && outcome.buyerId ? { buyerId: outcome.buyerId } : {}),
          },
        }
      : {}),
  };
  if (viewer.operator) {
    const named = names ? withNames(view, doc, names) : {};
    return { ...view, reservePriceFen, listedBy, leaderBuyerId: leader?.buyerId ?? null, ...named };
  }
  if (!own) return view;
  return {
    ...view,
    you: {
      alias: own.alias,
      standing: own.standing,
      maxPricePerUnitFen: own.maxPricePerUnit,
      lastPricePerUnitFen: own.lastPricePerUnit,
    },
  };
}

/** Operators' key to a lot's aliases: who each alias is (buyer id and name). */
export interface BidderNames {
  byAlias: Map<string, { buyerId: string; name: string | null }>;
}

/** Bidders by name for operators: the leader, each recent bid, the winner, and every bidder of the lot. */
function withNames(view: { recentBids: PublicBidAnswer[] }, doc: LotDoc, names: BidderNames) {
  const who = (alias: string | undefined) => (alias === undefined ? undefined : names.byAlias.get(alias));
  return {
    leaderName: who(doc.leader?.alias)?.name ?? null,
    recentBids: view.recentBids.map((bid) => ({
      ...bid,
      buyerId: who(bid.alias)?.buyerId ?? null,
      buyerName: who(bid.alias)?.name ?? null,
    })),
    bidders: [...names.byAlias]
      .map(([alias, b]) => ({ alias, buyerId: b.buyerId, name: b.name }))
      .sort((a, b) => a.alias.localeCompare(b.alias)),
    ...(doc.outcome?.alias ? { winnerName: who(doc.outcome.alias)?.name ?? null } : {}),
  };
}

/** One clearing price: a sold lot's price per unit at its close, with what was sold. */
export interface MarketPrice {
  lotId: string;
  sku: string;
  skuName: string;
  grade: string;
  origin: string;
  /** The trading unit the price is per. */
  saleUnit: SaleUnit;
  units: number;
  /** Fen per `saleUnit`. */
  pricePerUnitFen: number;
  /** Beijing time. */
  closedAt: string;
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
    case 'withdrawn':
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
    private readonly vault: PersonalDataVault,
  ) {}

  /** Lots in one phase (or all, newest first). */
  async lots(query: { status?: LotPhase; after?: string }, now: string, viewer: Viewer) {
    await this.gate.after(auctionProjection.name, query.after);
    const { filter, sort } = phaseQuery(query.status, now);
    const docs = await this.readModels.find<LotDoc>(AUCTION.lots, filter, { sort, limit: MAX_ITEMS });
    const baseUnit = await baseUnitLookup(
      this.readModels,
      docs.map((d) => d.sku),
    );
    return docs.map((doc) => lotView(doc, now, viewer, baseUnit(doc.sku)));
  }

  /** One lot with the viewer's own standing, or null. */
  async lot(lotId: string, after: string | undefined, now: string, viewer: Viewer) {
    await this.gate.after(auctionProjection.name, after);
    const doc = await this.readModels.get<LotDoc>(AUCTION.lots, lotId);
    if (!doc) return null;
    const own = viewer.buyerId
      ? await this.readModels.get<LotBidderDoc>(AUCTION.bidders, lotBidderId(lotId, viewer.buyerId))
      : null;
    const baseUnit = await baseUnitLookup(this.readModels, [doc.sku]);
    const view = lotView(
      doc,
      now,
      viewer,
      baseUnit(doc.sku),
      own,
      viewer.operator ? await this.bidderNames(lotId) : undefined,
    );
    // The producer as people know it (the lot records its code): 冠县鸭梨专业合作社, not COOP-GX-PEAR.
    const producer = await this.readModels.get<Doc & { name?: string }>(CATALOG.producers, doc.batch.producer);
    return typeof producer?.name === 'string'
      ? { ...view, batch: { ...view.batch, producerName: producer.name } }
      : view;
  }

  /** Who each alias of a lot is, for operators. */
  private async bidderNames(lotId: string): Promise<BidderNames> {
    const bidders = await this.readModels.find<LotBidderDoc>(AUCTION.bidders, { lotId }, { limit: 1000 });
    const docs = await Promise.all(
      bidders.map((b) => this.readModels.get<BuyerNameDoc>(AUCTION.buyerNames, b.buyerId)),
    );
    const names = await this.vault.openAll(docs.map((doc) => doc?.name));
    return { byAlias: new Map(bidders.map((b, i) => [b.alias, { buyerId: b.buyerId, name: names[i] ?? null }])) };
  }

  /** Clearing prices of sold lots (of one SKU, closed from `from`), oldest first. */
  async marketPrices(query: { sku?: string; from?: string; after?: string }): Promise<MarketPrice[]> {
    await this.gate.after(auctionProjection.name, query.after);
    const filter: Filter = { status: 'sold' };
    if (query.sku) filter.sku = query.sku;
    if (query.from) filter.closesAt = { $gte: query.from };
    const docs = await this.readModels.find<LotDoc>(AUCTION.lots, filter, { sort: [['closesAt', 1]], limit: 1000 });
    const prices = docs.flatMap((doc) =>
      doc.outcome?.pricePerUnit === undefined
        ? []
        : [
            {
              lotId: doc.lotId,
              sku: doc.sku,
              skuName: doc.skuName,
              grade: doc.batch.grade,
              origin: doc.batch.origin.village,
              saleUnit: { unit: doc.unit, base: doc.unitBase },
              units: doc.units,
              pricePerUnitFen: doc.outcome.pricePerUnit,
              closedAt: doc.outcome.closedAt,
            },
          ],
    );
    // A lot closed early (close now) clears before its scheduled closesAt: time order is the close's.
    return prices
      .sort((a, b) => a.closedAt.localeCompare(b.closedAt))
      .map((p) => ({ ...p, closedAt: shanghaiIso(p.closedAt) }));
  }

  /** A buyer's credit account: limit, exposure, receivables, available, and what holds it; null when never approved. */
  async buyer(buyerId: string, after?: string) {
    await this.gate.after(auctionProjection.name, after);
    const doc = await this.readModels.get<BuyerDoc>(AUCTION.buyers, buyerId);
    if (!doc) return null;
    const { state: _state, ...view } = publicView(doc);
    return buyerAnswer(view);
  }

  /** One sale order, or null. */
  async sale(saleId: string, after?: string) {
    await this.gate.after(auctionProjection.name, after);
    const doc = await this.readModels.get<SaleDoc>(AUCTION.sales, saleId);
    if (!doc) return null;
    const baseUnit = await baseUnitLookup(this.readModels, [doc.sku]);
    return saleAnswer(publicView(doc), baseUnit(doc.sku));
  }

  /** Sale orders, newest first, of one buyer and/or in one status. */
  async sales(query: { buyerId?: string; status?: SaleDoc['status']; after?: string }) {
    await this.gate.after(auctionProjection.name, query.after);
    const filter: Filter = {};
    if (query.buyerId) filter.buyerId = query.buyerId;
    if (query.status) filter.status = query.status;
    const docs = await this.readModels.find<SaleDoc>(AUCTION.sales, filter, {
      sort: [['openedAt', -1]],
      limit: MAX_ITEMS,
    });
    const baseUnit = await baseUnitLookup(
      this.readModels,
      docs.map((d) => d.sku),
    );
    return docs.map((doc) => saleAnswer(publicView(doc), baseUnit(doc.sku)));
  }
}
