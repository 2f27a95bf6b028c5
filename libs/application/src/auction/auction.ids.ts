import { sha256Hex } from '@gx/platform';

const digest = (text: string): string => sha256Hex(text).slice(0, 12);

/** Lot ids read like `L-1a2b3c4d5e6f`: a digest of the listing command's id, so a retried listing is the same lot. */
export const lotIdFor = (commandId: string): string => `L-${digest(commandId)}`;

/** Payment ids of settlements, from the settling command's id. */
export const paymentIdFor = (commandId: string): string => `P-${digest(commandId)}`;

/**
 * Deterministic command ids of the auction's cross-aggregate steps. A step repeated (a retried
 * request, a redelivered event, a deadline fired twice) carries the same id and appends nothing.
 */
export const AUCTION_COMMAND_IDS = {
  reserveLotStock: (lotId: string) => `lot:${lotId}:reserve`,
  allocateLotStock: (lotId: string) => `lot:${lotId}:allocate`,
  /** One release per lot, whichever path gives its stock back (listing failed, abandoned, unsold). */
  releaseLotStock: (lotId: string) => `lot:${lotId}:release`,
  issueLotStock: (lotId: string) => `lot:${lotId}:issue`,
  abandonListing: (lotId: string) => `lot:${lotId}:abandon`,
  /** The deadline's close and an operator's close now: one id, so the second of them appends nothing. */
  closeLot: (lotId: string) => `lot:${lotId}:close`,
  withdrawLot: (lotId: string) => `lot:${lotId}:withdraw`,
  voidBid: (bidId: string) => `bid:${bidId}:void`,
  reserveCredit: (bidId: string) => `bid:${bidId}:hold`,
  /** One release per bid, whether the request saw it refused or the process manager saw it outbid. */
  releaseCredit: (bidId: string) => `bid:${bidId}:release`,
  releaseLotCredit: (lotId: string) => `lot:${lotId}:release-credit`,
  convertCredit: (lotId: string) => `lot:${lotId}:receivable`,
  openSale: (saleId: string) => `sale:${saleId}:open`,
  recordIssued: (saleId: string) => `sale:${saleId}:issued`,
  recordPayment: (paymentId: string) => `payment:${paymentId}:buyer`,
} as const;

/** Ids of the auction deadlines: a lot's close, a listing's reservation, a bid's credit hold. */
export const AUCTION_DEADLINE_IDS = {
  close: (lotId: string) => `close:${lotId}`,
  listing: (lotId: string) => `listing:${lotId}`,
  hold: (bidId: string) => `hold:${bidId}`,
} as const;
