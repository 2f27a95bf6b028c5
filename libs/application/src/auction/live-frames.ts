import { boardEventFor, boardSnapshot, evolveLot, initialLotState, type LotEvent, type LotState } from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import type { Viewer } from './auction.queries';
import { boardFrameAnswer, boardLotAnswer, type BoardFrameAnswer, type BoardLotAnswer } from './auction.views';

/** What operators see beside a masked bidder: the buyer account and its name. */
export interface NamedBidder {
  buyerId: string;
  buyerName: string | null;
}

/** The opening frame of a board (one lot) as a viewer sees it (answers' names); operators also get the leader by name. */
export type LiveSnapshot = BoardLotAnswer & {
  serverTime: string;
  leaderBuyerId?: string | null;
  leaderName?: string | null;
};

/** One frame of a live stream; `id` is the lot stream revision it reflects (SSE `id:`, for Last-Event-ID). */
export type BoardFrame =
  | { id: number; event: 'snapshot' | 'listed'; data: LiveSnapshot }
  | { id: number; event: BoardFrameAnswer['type']; data: BoardFrameAnswer & Partial<NamedBidder> }
  | { id?: undefined; event: 'market'; data: { serverTime: string; lots: LiveSnapshot[] } }
  | { id?: undefined; event: 'clock'; data: { serverTime: string } };

/** One frame as it goes on the wire. */
export function frameText(frame: BoardFrame): string {
  const id = frame.id === undefined ? '' : `id: ${frame.id}\n`;
  return `${id}event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}

/**
 * The few different frames one stored event can mean: for operators (bidders by name), for the buyer the
 * event is about (`mine`, its own outbid), and for everybody else. Each is serialised once per event and
 * written to every watcher of its kind.
 */
export type Variant = 'op' | 'mine' | 'other';

/** Which of an event's frames a viewer gets. */
export function variantOf(event: RecordedEvent, viewer: Viewer): Variant {
  if (viewer.operator) return 'op';
  const buyerId = (event.data as { buyerId?: unknown }).buyerId;
  return viewer.buyerId !== undefined && buyerId === viewer.buyerId ? 'mine' : 'other';
}

/** The buyer an event is about (a bid, an outbid, a sale), when it names one. */
export const buyerOfEvent = (event: RecordedEvent): string | undefined => {
  const buyerId = (event.data as { buyerId?: unknown }).buyerId;
  return typeof buyerId === 'string' ? buyerId : undefined;
};

/** The serialised frame an event means for a variant, or null when that variant sees nothing of it. */
export function eventFrameText(
  event: RecordedEvent,
  variant: Variant,
  names: (buyerId: string) => string | null,
  now: string,
): string | null {
  const lotEvent = { type: event.type, data: event.data } as LotEvent;
  if (lotEvent.type === 'LotListed') {
    const snapshot = snapshotOf(
      evolveLot(initialLotState, lotEvent),
      variant === 'op' ? { operator: true } : { operator: false },
      names,
      now,
    );
    return snapshot ? frameText({ id: event.revision, event: 'listed', data: snapshot }) : null;
  }
  // `mine` is decided by the viewer's buyer id: the event's own buyer for `mine`, nobody's otherwise.
  const buyerId = buyerOfEvent(event);
  const frame = boardEventFor(lotEvent, variant === 'mine' ? buyerId : undefined);
  if (!frame) return null;
  const named =
    variant === 'op' && buyerId !== undefined && frame.type !== 'outbid' ? { buyerId, buyerName: names(buyerId) } : {};
  return frameText({ id: event.revision, event: frame.type, data: { ...boardFrameAnswer(frame), ...named } });
}

/** A lot's snapshot for a viewer; operators also see the leader's buyer id and name. */
export function snapshotOf(
  state: LotState,
  viewer: Viewer,
  names: (buyerId: string) => string | null,
  now: string,
): LiveSnapshot | null {
  const board = boardSnapshot(state, viewer.buyerId);
  if (!board || !state.terms) return null;
  const snapshot = boardLotAnswer(board, state.terms.unitBase);
  if (!viewer.operator) return { ...snapshot, serverTime: now };
  const leaderBuyerId = state.leader?.buyerId ?? null;
  return { ...snapshot, serverTime: now, leaderBuyerId, leaderName: leaderBuyerId ? names(leaderBuyerId) : null };
}
