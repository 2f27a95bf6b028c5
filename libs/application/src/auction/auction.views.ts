import {
  shanghaiIso,
  type BaseUnit,
  type BoardEvent,
  type BoardSnapshot,
  type BuyerDoc,
  type LotDoc,
  type LotTerms,
  type PublicBid,
  type SaleDoc,
  type SaleUnit,
} from '@gx/domain';

/**
 * How the wholesale app answers, shaped here from the auction's documents and board events (whose field
 * names are the log's and stay as they are): money in fen in `…Fen` fields, a lot's quantity in base
 * units as `quantityBase` beside `baseUnit`, its trading unit as `saleUnit: { unit, base }` (prices are fen
 * per that unit; `units` counts them), and business times in Beijing time (`+08:00`).
 */

/** A business time as answers give it: Beijing time with its offset. */
const bt = (at: string): string => shanghaiIso(at);

/** One bid as everybody may see it. */
export interface PublicBidAnswer {
  alias: string;
  pricePerUnitFen: number;
  proxy: boolean;
  at: string;
}

export const publicBidAnswer = (bid: PublicBid): PublicBidAnswer => ({
  alias: bid.alias,
  pricePerUnitFen: bid.pricePerUnit,
  proxy: bid.proxy,
  at: bt(bid.at),
});

/** A lot's terms as answers give them (the reserve only where the caller passes it on). */
export interface LotTermsAnswer {
  lotId: string;
  sku: string;
  skuName: string;
  warehouse: string;
  batch: LotTerms['batch'];
  quantityBase: number;
  baseUnit: BaseUnit;
  saleUnit: SaleUnit;
  units: number;
  startPriceFen: number;
  reservePriceFen: number;
  incrementFen: number;
  opensAt: string;
  closesAt: string;
  extensionSeconds: number;
  notes?: string;
  photos?: string[];
  listedBy: string;
  listedAt: string;
}

/** A lot's terms (as listed) in the answers' names; `closesAt` as listed. */
export function lotTermsAnswer(terms: LotTerms, baseUnit: BaseUnit): LotTermsAnswer {
  // Field by field: a lot document passed here also carries its live fields, which are not terms.
  return {
    lotId: terms.lotId,
    sku: terms.sku,
    skuName: terms.skuName,
    warehouse: terms.warehouse,
    batch: terms.batch,
    quantityBase: terms.quantity,
    baseUnit,
    saleUnit: { unit: terms.unit, base: terms.unitBase },
    units: terms.units,
    startPriceFen: terms.startPrice,
    reservePriceFen: terms.reservePrice,
    incrementFen: terms.increment,
    opensAt: bt(terms.opensAt),
    closesAt: bt(terms.closesAt),
    extensionSeconds: terms.extensionSeconds,
    ...(terms.notes !== undefined ? { notes: terms.notes } : {}),
    ...(terms.photos !== undefined ? { photos: terms.photos } : {}),
    listedBy: terms.listedBy,
    listedAt: bt(terms.listedAt),
  };
}

/** A lot document's live fields and outcome in the answers' names (its terms through `lotTermsAnswer`). */
export function lotDocAnswer(doc: Omit<LotDoc, '_id'>, baseUnit: BaseUnit) {
  const {
    originalClosesAt,
    extensions,
    status,
    currentPrice,
    minimumBid,
    reserveMet,
    leader,
    bidCount,
    recentBids,
    outcome,
    updatedAt,
  } = doc;
  return {
    ...lotTermsAnswer(doc, baseUnit),
    closesAt: bt(doc.closesAt),
    originalClosesAt: bt(originalClosesAt),
    extensions,
    status,
    currentPriceFen: currentPrice,
    minimumBidFen: minimumBid,
    reserveMet,
    leader,
    bidCount,
    recentBids: recentBids.map(publicBidAnswer),
    ...(outcome ? { outcome: outcomeAnswer(outcome) } : {}),
    updatedAt,
  };
}

type LotOutcome = NonNullable<LotDoc['outcome']>;

/** A lot's outcome in the answers' names (who sees which part is the caller's business). */
function outcomeAnswer(outcome: LotOutcome) {
  const { closedAt, pricePerUnit, amount, ...rest } = outcome;
  return {
    ...rest,
    closedAt: bt(closedAt),
    ...(pricePerUnit !== undefined ? { pricePerUnitFen: pricePerUnit } : {}),
    ...(amount !== undefined ? { amountFen: amount } : {}),
  };
}

/** A buyer's credit account (fen). */
export function buyerAnswer(doc: Omit<BuyerDoc, '_id' | 'state'>) {
  return {
    buyerId: doc.buyerId,
    approved: doc.approved,
    creditLimitFen: doc.creditLimit,
    exposureFen: doc.exposure,
    receivablesFen: doc.receivables,
    availableFen: doc.available,
    holds: doc.holds.map((h) => ({ bidId: h.bidId, lotId: h.lotId, amountFen: h.amount })),
    sales: doc.sales.map((s) => ({ saleId: s.saleId, lotId: s.lotId, amountFen: s.amount, paidFen: s.paid })),
    updatedAt: doc.updatedAt,
  };
}

/** A sale order: its quantity in base units beside `baseUnit`, its trading unit, money in fen, times in Beijing time. */
export function saleAnswer(doc: Omit<SaleDoc, '_id'>, baseUnit: BaseUnit) {
  const {
    quantity,
    units,
    unit,
    pricePerUnit,
    amount,
    paid,
    outstanding,
    issued,
    issuedAt,
    payments,
    settledAt,
    dueAt,
    openedAt,
    ...rest
  } = doc;
  return {
    ...rest,
    quantityBase: quantity,
    baseUnit,
    units,
    saleUnit: { unit, base: units > 0 ? quantity / units : quantity },
    pricePerUnitFen: pricePerUnit,
    amountFen: amount,
    dueAt: bt(dueAt),
    openedAt: bt(openedAt),
    paidFen: paid,
    outstandingFen: outstanding,
    issued: issued ? issued.map((p) => ({ batchId: p.batchId, quantityBase: p.quantity })) : null,
    ...(issuedAt ? { issuedAt: bt(issuedAt) } : {}),
    payments: payments.map(({ amount: fen, at, ...p }) => ({ ...p, amountFen: fen, at: bt(at) })),
    ...(settledAt ? { settledAt: bt(settledAt) } : {}),
  };
}

/** A lot on the live board (snapshot, market and listed frames) in the answers' names. */
export interface BoardLotAnswer {
  lotId: string;
  status: BoardSnapshot['status'];
  sku: string;
  skuName: string;
  grade: string;
  origin: string;
  incrementFen: number;
  extensionSeconds: number;
  units: number;
  saleUnit: SaleUnit;
  opensAt: string;
  closesAt: string;
  currentPriceFen: number | null;
  minimumBidFen: number;
  leader: string | null;
  bidCount: number;
  reserveMet: boolean;
  you?: { alias: string; leading: boolean; maxPricePerUnitFen?: number };
}

/** A board snapshot of a lot whose trading unit is `unitBase` base units each. */
export function boardLotAnswer(snapshot: BoardSnapshot, unitBase: number): BoardLotAnswer {
  const { increment, unit, opensAt, closesAt, currentPrice, minimumBid, you, ...rest } = snapshot;
  return {
    ...rest,
    incrementFen: increment,
    saleUnit: { unit, base: unitBase },
    opensAt: bt(opensAt),
    closesAt: bt(closesAt),
    currentPriceFen: currentPrice,
    minimumBidFen: minimumBid,
    ...(you
      ? {
          you: {
            alias: you.alias,
            leading: you.leading,
            ...(you.maxPricePerUnit !== undefined ? { maxPricePerUnitFen: you.maxPricePerUnit } : {}),
          },
        }
      : {}),
  };
}

/** A board event's frame in the answers' names. */
export type BoardFrameAnswer =
  | { type: 'bid'; lotId: string; bidder: string; pricePerUnitFen: number; proxy: boolean; at: string; mine: boolean }
  | { type: 'extended'; lotId: string; closesAt: string; previousClosesAt: string; at: string }
  | { type: 'outbid'; lotId: string; pricePerUnitFen: number; at: string }
  | {
      type: 'closed';
      lotId: string;
      outcome: 'sold' | 'unsold' | 'withdrawn';
      pricePerUnitFen: number | null;
      winner?: string;
      reason?: string;
      at: string;
      mine: boolean;
    };

export function boardFrameAnswer(event: BoardEvent): BoardFrameAnswer {
  switch (event.type) {
    case 'bid':
      return {
        type: 'bid',
        lotId: event.lotId,
        bidder: event.bidder,
        pricePerUnitFen: event.pricePerUnit,
        proxy: event.proxy,
        at: bt(event.at),
        mine: event.mine,
      };
    case 'extended':
      return {
        type: 'extended',
        lotId: event.lotId,
        closesAt: bt(event.closesAt),
        previousClosesAt: bt(event.previousClosesAt),
        at: bt(event.at),
      };
    case 'outbid':
      return { type: 'outbid', lotId: event.lotId, pricePerUnitFen: event.pricePerUnit, at: bt(event.at) };
    case 'closed':
      return {
        type: 'closed',
        lotId: event.lotId,
        outcome: event.outcome,
        pricePerUnitFen: event.pricePerUnit,
        ...(event.winner !== undefined ? { winner: event.winner } : {}),
        ...(event.reason !== undefined ? { reason: event.reason } : {}),
        at: bt(event.at),
        mine: event.mine,
      };
  }
}
