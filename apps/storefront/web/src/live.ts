import { openLiveStream, type EventSourceFactory, type LiveState } from '@gx/web/live/live-stream';
import type { Campaign, CampaignStatus, OrderStatus, PaymentStatus, SaleUnit } from './models';

/** The data of every event of `GET /campaigns/{id}/live`. */
export interface CampaignProgress {
  campaignId: string;
  status: CampaignStatus;
  quota: number;
  held: number;
  remaining: number;
  committed: number;
  minimum: number;
  percent: number;
  reached: boolean;
  saleUnit: SaleUnit;
}

export type LiveEvent = 'progress' | 'sold_out' | 'succeeded' | 'failed';
const EVENTS: LiveEvent[] = ['progress', 'sold_out', 'succeeded', 'failed'];
/** The cut-off's outcome: the last event of a campaign's stream. */
export const isOutcome = (event: LiveEvent): event is 'succeeded' | 'failed' =>
  event === 'succeeded' || event === 'failed';

export interface WatchOptions {
  onState?: (state: LiveState) => void;
  /** Default: the browser's EventSource (tests pass a fake). */
  eventSource?: EventSourceFactory;
}

/**
 * Follow a campaign's live progress on the shared live stream (`libs/web/src/live/live-stream.ts`: the
 * browser resumes a dropped connection, a stream it gave up on is re-opened with a growing delay). Each
 * frame is the whole picture, with the log position it reflects (`position`, for reading after it); the
 * stream stops after the outcome. Answers the function that stops watching.
 */
export function watchCampaign(
  campaignId: string,
  onFrame: (event: LiveEvent, data: CampaignProgress, position: string | undefined) => void,
  options: WatchOptions = {},
): () => void {
  const stream = openLiveStream({
    url: () => `/campaigns/${encodeURIComponent(campaignId)}/live`,
    events: EVENTS,
    onFrame: (event, data, id) => {
      onFrame(event as LiveEvent, data as CampaignProgress, id);
      if (isOutcome(event as LiveEvent)) stream.close();
    },
    ...(options.onState && { onState: options.onState }),
    ...(options.eventSource && { eventSource: options.eventSource }),
  });
  return () => stream.close();
}

/** A campaign with the figures of a live frame. */
export function withProgress(campaign: Campaign, frame: CampaignProgress): Campaign {
  const { status, held, remaining, committed, minimum, percent, reached } = frame;
  return { ...campaign, status, held, remaining, progress: { minimum, committed, percent, reached } };
}

/** The data of every event of `GET /orders/{id}/live`: what the order is now, and whether its stream ends here. */
export interface OrderChange {
  orderId: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  settled: boolean;
}

export interface WatchOrderOptions extends WatchOptions {
  /** The bearer token for the URL (EventSource cannot send an Authorization header), read at each (re)connection. */
  token: () => string | null;
}

/**
 * Follow the changes of one's own order (`GET /orders/{id}/live`, for its owner alone): payment, expiry,
 * the campaign's outcome, a refund made, the hand-over. Each frame comes with the log position of the
 * order's last change (read the order after it); the stream stops once the order is settled. Answers the
 * function that stops watching.
 */
export function watchOrder(
  orderId: string,
  onChange: (change: OrderChange, position: string | undefined) => void,
  options: WatchOrderOptions,
): () => void {
  const stream = openLiveStream({
    url: (lastEventId) => {
      const query = new URLSearchParams({ access_token: options.token() ?? '' });
      if (lastEventId) query.set('lastEventId', lastEventId);
      return `/orders/${encodeURIComponent(orderId)}/live?${query.toString()}`;
    },
    events: ['order'],
    onFrame: (_event, data, id) => {
      const change = data as OrderChange;
      onChange(change, id);
      if (change.settled) stream.close();
    },
    ...(options.onState && { onState: options.onState }),
    ...(options.eventSource && { eventSource: options.eventSource }),
  });
  return () => stream.close();
}
