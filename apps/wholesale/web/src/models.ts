/**
 * Shapes of the wholesale API's answers and live frames as this desk reads them. Every response type of the
 * desk is here, so a renamed field (money to `…Fen`, base quantities to `…Base`) is changed in one place;
 * request bodies and parameters come typed from the generated `paths`.
 */
import type { components } from '@gx/web/api/wholesale';

export interface Listing<T> {
  items: T[];
}

export type Grade = string;

/** A sale unit: `base` base units make one `unit` (箱(5kg) = 5000 g). */
export interface SaleUnit {
  unit: string;
  base: number;
}

export type BaseUnit = 'g' | 'piece';

/** The batch a lot is cut from. */
export interface LotBatch {
  batchId: string;
  producer: string;
  /** The producer's name (lot detail), when the catalog has it. */
  producerName?: string;
  origin: { village: string; plot?: string };
  harvestDate: string;
  expiryDate: string;
  grade: Grade;
  inspection: { result: string; testId?: string };
}

/** One bid as the lot shows it; operators also get the bidder by name. */
export interface PublicBid {
  alias: string;
  pricePerUnitFen: number;
  proxy: boolean;
  at: string;
  buyerId?: string | null;
  buyerName?: string | null;
}

export type LotStatus = 'scheduled' | 'open' | 'closing' | 'sold' | 'unsold' | 'withdrawn';

/** `GET /lots/{id}` (and each item of `GET /lots`). */
export interface Lot {
  lotId: string;
  sku: string;
  skuName: string;
  warehouse: string;
  batch: LotBatch;
  quantityBase: number;
  baseUnit: BaseUnit;
  saleUnit: SaleUnit;
  units: number;
  startPriceFen: number;
  incrementFen: number;
  opensAt: string;
  closesAt: string;
  originalClosesAt: string;
  extensions: number;
  extensionSeconds: number;
  notes?: string;
  status: LotStatus;
  currentPriceFen: number | null;
  minimumBidFen: number;
  hasReserve: boolean;
  reserveMet: boolean;
  leader: string | null;
  bidCount: number;
  recentBids: PublicBid[];
  outcome?: {
    closedAt: string;
    winner?: string;
    pricePerUnitFen?: number;
    amountFen?: number;
    reason?: 'no_bids' | 'reserve_not_met';
    withdrawn?: { reason: string };
    saleId?: string;
    by?: string;
  };
  /** A buyer's own standing. */
  you?: {
    alias: string;
    standing: 'leading' | 'outbid' | 'won' | 'lost';
    maxPricePerUnitFen: number;
    lastPricePerUnitFen: number;
  };
  /** Operators only. */
  reservePriceFen?: number;
  leaderBuyerId?: string | null;
  leaderName?: string | null;
  winnerName?: string | null;
  bidders?: Array<{ alias: string; buyerId: string; name: string | null }>;
}

/** A lot on the live board (snapshot, market and listed frames). */
export interface BoardLot {
  lotId: string;
  status: string;
  sku: string;
  skuName: string;
  grade: string;
  origin: string;
  units: number;
  saleUnit: SaleUnit;
  opensAt: string;
  closesAt: string;
  currentPriceFen: number | null;
  minimumBidFen: number;
  incrementFen: number;
  extensionSeconds: number;
  leader: string | null;
  bidCount: number;
  reserveMet: boolean;
  serverTime: string;
  you?: { alias: string; leading: boolean; maxPricePerUnitFen?: number };
  leaderName?: string | null;
}

/** Frames of a live stream after the opening one. */
export interface BidFrame {
  type: 'bid';
  lotId: string;
  bidder: string;
  pricePerUnitFen: number;
  proxy: boolean;
  at: string;
  mine: boolean;
  buyerId?: string;
  buyerName?: string | null;
}
export interface ExtendedFrame {
  type: 'extended';
  lotId: string;
  closesAt: string;
  previousClosesAt: string;
  at: string;
}
export interface OutbidFrame {
  type: 'outbid';
  lotId: string;
  pricePerUnitFen: number;
  at: string;
}
export interface ClosedFrame {
  type: 'closed';
  lotId: string;
  outcome: 'sold' | 'unsold' | 'withdrawn';
  pricePerUnitFen: number | null;
  winner?: string;
  reason?: string;
  at: string;
  mine: boolean;
  buyerName?: string | null;
}
export interface MarketFrame {
  serverTime: string;
  lots: BoardLot[];
}

/** `POST /lots/{id}/bids`. */
export interface BidAnswer {
  lotId: string;
  bidId: string;
  status: 'leading' | 'outbid';
  pricePerUnitFen: number;
  yourPricePerUnitFen?: number;
  leader?: string;
  maxPricePerUnitFen: number;
  closesAt: string;
  creditHeldFen: number;
  position: string;
}

/** `GET /buyers/{id}`: the credit account (fen). */
export interface CreditAccount {
  buyerId: string;
  approved: boolean;
  creditLimitFen: number;
  exposureFen: number;
  receivablesFen: number;
  availableFen: number;
  holds: Array<{ bidId: string; lotId: string; amountFen: number }>;
  sales: Array<{ saleId: string; lotId: string; amountFen: number; paidFen: number }>;
}

/** `GET /sales`, `GET /sales/{id}`. */
export interface Sale {
  saleId: string;
  lotId: string;
  buyerId: string;
  sku: string;
  quantityBase: number;
  baseUnit: BaseUnit;
  units: number;
  saleUnit: SaleUnit;
  pricePerUnitFen: number;
  amountFen: number;
  paidFen: number;
  outstandingFen: number;
  status: 'payment_due' | 'settled';
  dueAt: string;
  openedAt: string;
  payments: Array<{ paymentId: string; amountFen: number; method: string; reference?: string; by: string; at: string }>;
  settledAt?: string;
}

export type MarketPrice = components['schemas']['MarketPriceView'];
export type MarketBatch = components['schemas']['MarketBatchView'];
export type LotControl = components['schemas']['LotControlView'];
