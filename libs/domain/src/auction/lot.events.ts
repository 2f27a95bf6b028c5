import type { Grade, Inspection, Origin } from '../stock/stock.events';

/** The batch a lot is cut from, as buyers see it (grade, origin and inspection come from the ledger). */
export interface LotBatch {
  batchId: string;
  producer: string;
  origin: Origin;
  harvestDate: string;
  expiryDate: string;
  grade: Grade;
  inspection: Inspection;
}

/**
 * What an operator lists. Quantities are base units (g or pieces); prices are fen per trading
 * `unit` (one of the SKU's sale units, `unitBase` base units each), so `units` = quantity / unitBase.
 */
export interface LotTerms {
  lotId: string;
  sku: string;
  skuName: string;
  warehouse: string;
  batch: LotBatch;
  quantity: number;
  unit: string;
  unitBase: number;
  units: number;
  startPrice: number;
  /** Lowest price at which the lot is sold; 0 = no reserve. Never shown to buyers. */
  reservePrice: number;
  increment: number;
  opensAt: string;
  closesAt: string;
  /** Anti-sniping window N: a price change in the last N seconds extends the close by N seconds. */
  extensionSeconds: number;
  notes?: string;
  photos?: string[];
  listedBy: string;
  listedAt: string;
}

/** Where a lot stands. `listed` covers scheduled, open and awaiting its close. */
export type LotStatus = 'none' | 'listed' | 'sold' | 'unsold' | 'withdrawn' | 'abandoned';

/** Why a lot closed unsold. */
export type UnsoldReason = 'no_bids' | 'reserve_not_met';

/** The leading bid: its buyer and hidden maximum (never shown to anyone else). */
export interface Leader {
  bidId: string;
  buyerId: string;
  alias: string;
  max: number;
  at: string;
}

export type LotEvent =
  | { type: 'LotListed'; data: LotTerms }
  | { type: 'LotListingAbandoned'; data: { lotId: string; reason: string; at: string } }
  /** An operator took a lot off the market before its first bid; its stock goes back to the warehouse. */
  | {
      type: 'LotWithdrawn';
      data: { lotId: string; sku: string; warehouse: string; reason: string; by: string; at: string };
    }
  /**
   * An accepted bid at the visible price it reached; `proxy` when a hidden maximum placed it (an
   * automatic answer, or a bid that climbed above the asked price). `maxPricePerUnit` is confidential.
   */
  | {
      type: 'BidPlaced';
      data: {
        lotId: string;
        bidId: string;
        buyerId: string;
        alias: string;
        pricePerUnit: number;
        maxPricePerUnit: number;
        proxy: boolean;
        placedAt: string;
      };
    }
  /** The leader raised its own hidden maximum; its previous bid (and credit hold) is superseded. */
  | {
      type: 'LeaderMaxRaised';
      data: {
        lotId: string;
        bidId: string;
        previousBidId: string;
        buyerId: string;
        alias: string;
        maxPricePerUnit: number;
        at: string;
      };
    }
  /** A bid stopped leading (or never led): its credit hold can be released. */
  | { type: 'BidOutbid'; data: { lotId: string; bidId: string; buyerId: string; pricePerUnit: number; at: string } }
  | {
      type: 'LotExtended';
      data: { lotId: string; closesAt: string; previousClosesAt: string; bidId: string; at: string };
    }
  /** A bid attempt that never reached the lot was voided, so it can never be placed later (its hold is freed). */
  | { type: 'BidAttemptVoided'; data: { lotId: string; bidId: string; buyerId: string; at: string } }
  | {
      type: 'LotSold';
      data: {
        lotId: string;
        saleId: string;
        sku: string;
        warehouse: string;
        buyerId: string;
        bidId: string;
        alias: string;
        pricePerUnit: number;
        units: number;
        quantity: number;
        amount: number;
        closedAt: string;
        /** The operator who closed it before its deadline (close now); absent when the deadline closed it. */
        closedEarlyBy?: string;
      };
    }
  | {
      type: 'LotUnsold';
      data: {
        lotId: string;
        sku: string;
        warehouse: string;
        reason: UnsoldReason;
        highestPricePerUnit: number | null;
        /** The last leader, whose credit hold is released. */
        buyerId?: string;
        closedAt: string;
        /** The operator who closed it before its deadline (close now); absent when the deadline closed it. */
        closedEarlyBy?: string;
      };
    };

/** Stream of one lot: `lot-<id>`. */
export const lotStream = (lotId: string): string => `lot-${lotId}`;

/** The sale order a sold lot becomes: `S-…` beside `L-…`. */
export const saleIdFor = (lotId: string): string => `S-${lotId.replace(/^L-/, '')}`;

/** The n-th (1-based) bidder's masked name on a lot: 买家**01. */
export const bidderAlias = (n: number): string => `买家**${String(n).padStart(2, '0')}`;
