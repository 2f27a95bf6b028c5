import {
  evolveBuyerDoc,
  evolveLotBidder,
  evolveLotDoc,
  evolveSaleDoc,
  lotBidderIdsOf,
  type BuyerDoc,
  type BuyerEvent,
  type LotBidderDoc,
  type LotDoc,
  type LotEvent,
  type SaleDoc,
  type SaleEvent,
  type UserData,
  isPersonalText,
  type PersonalText,
} from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import { deadlineReadModel, type Projection } from '@gx/readstore';
import { eventNarrower } from '../kernel/event-narrowing';
import { AUCTION_DEADLINES, auctionSchedule } from './auction.schedule';
import { DeclareProjection } from '../kernel/declarations';

/** Collections of the auction projection. */
export const AUCTION = {
  lots: 'auction_lots',
  bidders: 'auction_bidders',
  buyers: 'auction_buyers',
  sales: 'auction_sales',
  deadlines: AUCTION_DEADLINES,
  /** Buyer accounts' names (from their logins), for operators: bidders by name on lots and boards. */
  buyerNames: 'auction_buyer_names',
} as const;

/** A buyer's name as its users registered it (`POST /buyers` names the login after the buyer). */
// A type, not an interface: documents need the implicit index signature of `Doc`.
export type BuyerNameDoc = {
  _id: string;
  /** Personal data: sealed as the login's display name is (opened by the queries; 已删除 once erased). */
  name: PersonalText;
};

/** Every event type of the auction's own streams (records, so a new type cannot be forgotten here). */
const LOT_TYPES: Record<LotEvent['type'], true> = {
  LotListed: true,
  LotListingAbandoned: true,
  LotWithdrawn: true,
  BidPlaced: true,
  LeaderMaxRaised: true,
  BidOutbid: true,
  LotExtended: true,
  BidAttemptVoided: true,
  LotSold: true,
  LotUnsold: true,
};
// BuyerRegistered is left out: a credit account appears in the read model once it is approved (GET /buyers/{id} 404 before).
const BUYER_TYPES: Record<Exclude<BuyerEvent['type'], 'BuyerRegistered'>, true> = {
  BuyerCreditLimitSet: true,
  BuyerExposureReserved: true,
  BuyerExposureReleased: true,
  BuyerExposureConverted: true,
  BuyerPaymentRecorded: true,
};
const SALE_TYPES: Record<SaleEvent['type'], true> = {
  SaleOpened: true,
  SaleStockIssued: true,
  SalePaymentRecorded: true,
  SaleSettled: true,
};

/** Event types of every auction stream (the live board and process managers filter on them too). */
export const AUCTION_EVENT_TYPES = {
  lot: Object.keys(LOT_TYPES),
  buyer: Object.keys(BUYER_TYPES),
  sale: Object.keys(SALE_TYPES),
};

/** Narrowers of recorded events to the auction's unions (its process managers route with them too). */
export const asLot = eventNarrower<LotEvent>('lot-', LOT_TYPES);
const asBuyer = eventNarrower<Exclude<BuyerEvent, { type: 'BuyerRegistered' }>>('buyer-', BUYER_TYPES);
/** A buyer login's registration: the name of the buyer account it acts for. */
function buyerNameOf(e: RecordedEvent): BuyerNameDoc | null {
  if (!e.streamId.startsWith('user-') || e.type !== 'UserRegistered') return null;
  const data = e.data as Partial<UserData>;
  if (!data.roles?.includes('buyer') || typeof data.party !== 'string' || !isPersonalText(data.displayName))
    return null;
  return { _id: data.party, name: data.displayName };
}

export const asSale = eventNarrower<SaleEvent>('sale-', SALE_TYPES);

/** Lots, each buyer's standing on them, credit accounts, sale orders, and the auction's deadlines. */
export const auctionProjection: Projection = {
  name: 'auction',
  // 2: withdrawn lots, early closes and buyers' names. 3: buyers' names sealed (personal data).
  version: 3,
  filter: {
    streamPrefixes: ['lot-', 'buyer-', 'sale-', 'stock-', 'user-'],
    eventTypes: [
      ...AUCTION_EVENT_TYPES.lot,
      ...AUCTION_EVENT_TYPES.buyer,
      ...AUCTION_EVENT_TYPES.sale,
      'StockReserved',
      'StockReservationReleased',
      'UserRegistered',
    ],
  },
  readModels: [
    {
      collection: AUCTION.lots,
      indexes: [
        {
          fields: [
            ['status', 1],
            ['closesAt', 1],
          ],
        },
        { fields: [['listedAt', -1]] },
        { fields: [['closesAt', 1]] },
        {
          fields: [
            ['status', 1],
            ['sku', 1],
            ['closesAt', 1],
          ],
        },
      ],
      ids: (event) => {
        const e = asLot(event);
        return e ? [e.data.lotId] : [];
      },
      // Documents are plain JSON of LotDoc: the projector stores what evolve returned.
      evolve: (doc, event) => {
        const e = asLot(event);
        return e ? evolveLotDoc(doc as LotDoc | null, e, event.metadata.occurredAt) : doc;
      },
    },
    {
      collection: AUCTION.bidders,
      indexes: [
        { fields: [['lotId', 1]] },
        {
          fields: [
            ['buyerId', 1],
            ['updatedAt', -1],
          ],
        },
      ],
      ids: (event) => {
        const e = asLot(event);
        return e ? lotBidderIdsOf(e) : [];
      },
      evolve: (doc, event) => {
        const e = asLot(event);
        return e ? evolveLotBidder(doc as LotBidderDoc | null, e, event.metadata.occurredAt) : doc;
      },
    },
    {
      collection: AUCTION.buyers,
      ids: (event) => {
        const e = asBuyer(event);
        return e ? [e.data.buyerId] : [];
      },
      evolve: (doc, event) => {
        const e = asBuyer(event);
        return e ? evolveBuyerDoc(doc as BuyerDoc | null, e, event.metadata.occurredAt) : doc;
      },
    },
    {
      collection: AUCTION.sales,
      indexes: [
        {
          fields: [
            ['buyerId', 1],
            ['openedAt', -1],
          ],
        },
        {
          fields: [
            ['status', 1],
            ['openedAt', -1],
          ],
        },
        { fields: [['openedAt', -1]] },
      ],
      ids: (event) => {
        const e = asSale(event);
        return e ? [e.data.saleId] : [];
      },
      evolve: (doc, event) => {
        const e = asSale(event);
        return e ? evolveSaleDoc(doc as SaleDoc | null, e, event.metadata.occurredAt) : doc;
      },
    },
    {
      collection: AUCTION.buyerNames,
      ids: (event) => {
        const doc = buyerNameOf(event);
        return doc ? [doc._id] : [];
      },
      // The first login registered for a buyer names it (POST /buyers registers it under the buyer's name).
      evolve: (doc, event) => doc ?? buyerNameOf(event),
    },
    deadlineReadModel(AUCTION.deadlines, auctionSchedule),
  ],
};

/** Declares {@link auctionProjection} (run by the worker, administered under `/projections`, checked by `/integrity`). */
@DeclareProjection()
export class AuctionProjection {
  readonly projection = auctionProjection;
}
