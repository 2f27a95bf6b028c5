import { openLiveStream, type LiveState, type LiveStream } from '@gx/web/live/live-stream';
import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import { session } from './api';
import type { BidFrame, BoardLot, ClosedFrame, ExtendedFrame, MarketFrame, OutbidFrame } from './models';

const FRAMES = ['snapshot', 'market', 'listed', 'bid', 'extended', 'outbid', 'closed', 'clock'];

/** The URL of a live stream with the session's token (EventSource cannot send an Authorization header). */
function streamUrl(path: string, lastEventId: string | undefined): string {
  const query = new URLSearchParams({ access_token: session.token() ?? '' });
  if (lastEventId) query.set('lastEventId', lastEventId);
  return `${path}?${query.toString()}`;
}

/** A lot on the board with what the screen marks: a just-extended close, a closed outcome. */
export type LiveLot = BoardLot & { extendedAt?: number; closed?: ClosedFrame };

/** A lot after one frame, as the board shows it (a new object, so that screens showing it update). */
export function applyFrame(lot: LiveLot, event: string, data: unknown, receivedAt: number): LiveLot {
  switch (event) {
    case 'bid': {
      const bid = data as BidFrame;
      const you = bid.mine ? { alias: bid.bidder, leading: true } : lot.you && { ...lot.you, leading: false };
      return {
        ...lot,
        currentPriceFen: bid.pricePerUnitFen,
        minimumBidFen: bid.pricePerUnitFen + lot.incrementFen,
        leader: bid.bidder,
        bidCount: lot.bidCount + 1,
        ...(bid.buyerName !== undefined ? { leaderName: bid.buyerName } : {}),
        ...(you ? { you } : {}),
      };
    }
    case 'outbid':
      return lot.you ? { ...lot, you: { ...lot.you, leading: false } } : lot;
    case 'extended':
      return { ...lot, closesAt: (data as ExtendedFrame).closesAt, extendedAt: receivedAt };
    case 'closed':
      return { ...lot, closed: data as ClosedFrame, status: (data as ClosedFrame).outcome };
    default:
      return lot;
  }
}

/** Ticks with the server's clock (as measured by the stream) for countdowns. */
function useServerNow(stream: () => LiveStream | undefined): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = stream()?.serverNow() ?? Date.now()), 250);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}

/** The market board: every listed lot, kept live by `GET /lots/live`. */
export function useMarketBoard() {
  const lots = shallowRef<LiveLot[]>([]);
  const state = ref<LiveState>('connecting');
  const loaded = ref(false);
  const outbid = ref<OutbidFrame>();
  let stream: LiveStream | undefined;
  const now = useServerNow(() => stream);
  stream = openLiveStream({
    url: (last) => streamUrl('/lots/live', last),
    events: FRAMES,
    onState: (s) => (state.value = s),
    onFrame: (event, data) => {
      if (event === 'market') {
        lots.value = (data as MarketFrame).lots.map((l) => ({ ...l }));
        loaded.value = true;
        return;
      }
      if (event === 'clock') return;
      if (event === 'listed') {
        lots.value = [...lots.value, { ...(data as BoardLot) }].sort((a, b) => a.closesAt.localeCompare(b.closesAt));
        return;
      }
      const lotId = (data as { lotId: string }).lotId;
      if (event === 'outbid') outbid.value = data as OutbidFrame;
      lots.value = lots.value.map((l) => (l.lotId === lotId ? applyFrame(l, event, data, Date.now()) : l));
    },
  });
  onBeforeUnmount(() => stream?.close());
  return { lots, state, loaded, now, outbid };
}

/** One lot's live stream (`GET /lots/{id}/live`): the board of the lot and every frame, resumed after a drop. */
export function useLotLive(lotId: string, onFrame: (event: string, data: unknown) => void) {
  const lot = shallowRef<LiveLot>();
  const state = ref<LiveState>('connecting');
  let stream: LiveStream | undefined;
  const now = useServerNow(() => stream);
  stream = openLiveStream({
    url: (last) => streamUrl(`/lots/${encodeURIComponent(lotId)}/live`, last),
    events: FRAMES,
    onState: (s) => (state.value = s),
    onFrame: (event, data) => {
      if (event === 'clock') return;
      if (event === 'snapshot') lot.value = { ...(data as BoardLot) };
      else if (lot.value) lot.value = applyFrame(lot.value, event, data, Date.now());
      onFrame(event, data);
      // The lot has closed: nothing more will come, so the stream is not re-opened.
      if (event === 'closed' || (event === 'snapshot' && (data as BoardLot).status !== 'listed')) stream?.close();
    },
  });
  onBeforeUnmount(() => stream?.close());
  return { lot, state, now, close: () => stream?.close() };
}
