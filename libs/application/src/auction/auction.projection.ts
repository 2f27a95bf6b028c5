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
} from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import { deadlineReadModel, type Projection } from '@gx/readstore';
import { AUCTION_DEADLINES, auctionSchedule } from './auction.schedule';

/** Collections of the auction projection. */
export const AUCTION = {
  lots: 'auction_lots',
  bidders: 'auction_bidders',
  buyers: 'auction_buyers',
  sales: 'auction_sales',
  deadlines: AUCTION_DEADLINES,
} as const;

/** Every event type of the auction's own streams (records, so a new type cannot be forgotten here). */
const LOT_TYPES: Record<LotEvent['type'], true> = {
  LotListed: true,
  LotListingAbandoned: true,
  BidPlaced: true,
  LeaderMaxRaised: true,
  BidOutbid: true,
  LotExtended: true,
  BidAttemptVoided: true,
  LotSold: true,
  LotUnsold: true,
};
const BUYER_TYPES: Record<BuyerEvent['type'], true> = {
  BuyerCreditLimitSet: true,
  BuyerExposureReserved: true,
  BuyerExposureReleased: true,
  BuyerExposureConverted: true,
  BuyerPaymentRecorded: true,
};
const SALE_TYPES: Record<SaleEvent['type'], true> = { SaleOpened: true, SaleStockIssued: true, SalePaymentRecorded: true, SaleSettled: true };

/** Event types of every auction stream (the live board and process managers filter on them too). */
export const AUCTION_EVENT_TYPES = { lot: Object.keys(LOT_TYPES), buyer: Object.keys(BUYER_TYPES), sale: Object.keys(SALE_TYPES) };

const asLot = (e: RecordedEvent): LotEvent | null => (e.streamId.startsWith('lot-') && e.type in LOT_TYPES ? ({ type: e.type, data: e.data } as LotEvent) : null);
const asBuyer = (e: RecordedEvent): BuyerEvent | null =>
  e.streamId.startsWith('buyer-') && e.type in BUYER_TYPES ? ({ type: e.type, data: e.data } as BuyerEvent) : null;
const asSale = (e: RecordedEvent): SaleEvent | null => (e.streamId.startsWith('sale-') && e.type in SALE_TYPES ? ({ type: e.type, data: e.data } as SaleEvent) : null);

/** Lots, each buyer's standing on them, credit accounts, sale orders, and the auction's deadlines. */
export const auctionProjection: Projection = {
  name: 'auction',
  version: 1,
  filter: {
    streamPrefixes: ['lot-', 'buyer-', 'sale-', 'stock-'],
    eventTypes: [...AUCTION_EVENT_TYPES.lot, ...AUCTION_EVENT_TYPES.buyer, ...AUCTION_EVENT_TYPES.sale, 'StockReserved', 'StockReservationReleased'],
  },
  readModels: [
    {
      collection: AUCTION.lots,
      indexes: [{ fields: [['status', 1], ['closesAt', 1]] }, { fields: [['listedAt', -1]] }, { fields: [['closesAt', 1]] }],
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
      indexes: [{ fields: [['lotId', 1]] }, { fields: [['buyerId', 1], ['updatedAt', -1]] }],
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
      indexes: [{ fields: [['buyerId', 1], ['openedAt', -1]] }, { fields: [['status', 1], ['openedAt', -1]] }, { fields: [['openedAt', -1]] }],
      ids: (event) => {
        const e = asSale(event);
        return e ? [e.data.saleId] : [];
      },
      evolve: (doc, event) => {
        const e = asSale(event);
        return e ? evolveSaleDoc(doc as SaleDoc | null, e, event.metadata.occurredAt) : doc;
      },
    },
    deadlineReadModel(AUCTION.deadlines, auctionSchedule),
  ],
};
