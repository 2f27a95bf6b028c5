import type { BuyerEvent, LotEvent, StockEvent } from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import type { DeadlineChange } from '@gx/readstore';
import { AUCTION_DEADLINE_IDS } from './auction.ids';

/** Logical collection of the auction's deadlines. */
export const AUCTION_DEADLINES = 'auction_deadlines';

/** Kinds of auction deadlines (handlers are registered under these). */
export const AUCTION_DEADLINE_KINDS = {
  /** A lot's closesAt (rescheduled by every extension). */
  close: 'auction.close',
  /** A lot reservation whose lot has not appeared: abandon the listing and give the stock back. */
  listingCheck: 'auction.listing-check',
  /** A credit hold whose bid has not reached its lot: void the attempt and release the hold. */
  holdCheck: 'auction.hold-check',
} as const;

/** How long a listing may take between reserving its stock and creating the lot. */
export const LISTING_CHECK_MS = 2 * 60_000;
/** How long a bid may take between holding credit and reaching the lot. */
export const HOLD_CHECK_MS = 60_000;

/** Payload of a close deadline. */
export interface CloseDue {
  lotId: string;
}
/** Payload of a listing check. */
export interface ListingDue {
  lotId: string;
  sku: string;
  warehouse: string;
}
/** Payload of a hold check. */
export interface HoldDue {
  buyerId: string;
  bidId: string;
  lotId: string;
}

const LOT_ID = /^L-[0-9a-f]{12}$/;
const later = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
const set = (id: string, kind: string, dueAt: string, payload: object): DeadlineChange => ({
  id,
  deadline: { dueAt, kind, payload },
});
const cancel = (id: string): DeadlineChange => ({ id, deadline: null });
const { close: closeId, listing: listingId, hold: holdId } = AUCTION_DEADLINE_IDS;

/** The auction deadlines one stored event sets or cancels (pure: replays and rebuilds agree). */
export function auctionSchedule(event: RecordedEvent): DeadlineChange[] {
  const prefix = event.streamId.slice(0, event.streamId.indexOf('-') + 1);
  if (prefix === 'lot-') return lotSchedule({ type: event.type, data: event.data } as LotEvent);
  if (prefix === 'buyer-') return buyerSchedule({ type: event.type, data: event.data } as BuyerEvent);
  if (prefix === 'stock-') return stockSchedule({ type: event.type, data: event.data } as StockEvent);
  return [];
}

function lotSchedule(e: LotEvent): DeadlineChange[] {
  switch (e.type) {
    case 'LotListed':
      return [
        set(closeId(e.data.lotId), AUCTION_DEADLINE_KINDS.close, e.data.closesAt, { lotId: e.data.lotId }),
        cancel(listingId(e.data.lotId)),
      ];
    case 'LotExtended':
      return [set(closeId(e.data.lotId), AUCTION_DEADLINE_KINDS.close, e.data.closesAt, { lotId: e.data.lotId })];
    case 'LotSold':
    case 'LotUnsold':
    case 'LotWithdrawn':
      return [cancel(closeId(e.data.lotId))];
    case 'LotListingAbandoned':
      return [cancel(listingId(e.data.lotId))];
    case 'BidPlaced':
    case 'LeaderMaxRaised':
    case 'BidAttemptVoided':
      return [cancel(holdId(e.data.bidId))];
    default:
      return [];
  }
}

function buyerSchedule(e: BuyerEvent): DeadlineChange[] {
  switch (e.type) {
    case 'BuyerExposureReserved': {
      const { buyerId, bidId, lotId, at } = e.data;
      return [
        set(holdId(bidId), AUCTION_DEADLINE_KINDS.holdCheck, later(at, HOLD_CHECK_MS), { buyerId, bidId, lotId }),
      ];
    }
    case 'BuyerExposureReleased':
      return [cancel(holdId(e.data.bidId))];
    case 'BuyerExposureConverted':
      return e.data.bidIds.map((bidId) => cancel(holdId(bidId)));
    default:
      return [];
  }
}

function stockSchedule(e: StockEvent): DeadlineChange[] {
  if (e.type === 'StockReserved' && e.data.holderKind === 'lot' && LOT_ID.test(e.data.holder)) {
    const { holder, sku, warehouse, reservedAt } = e.data;
    return [
      set(listingId(holder), AUCTION_DEADLINE_KINDS.listingCheck, later(reservedAt, LISTING_CHECK_MS), {
        lotId: holder,
        sku,
        warehouse,
      }),
    ];
  }
  if (e.type === 'StockReservationReleased' && LOT_ID.test(e.data.holder)) return [cancel(listingId(e.data.holder))];
  return [];
}
