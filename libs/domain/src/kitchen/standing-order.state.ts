import { plusDays, type NextDelivery } from './schedule';
import type { PauseRange, StandingLine, StandingOrderEvent, StandingOrderSpec } from './standing-order.events';

/** A standing order of `standing-<standingOrderId>` as its decider sees it. */
export interface StandingOrderState extends StandingOrderSpec {
  status: 'none' | 'active' | 'ended';
  /** Skipped dates not yet passed, sorted. */
  skipped: string[];
  /** Lines of single dates, by date (dates not yet passed). */
  changes: Record<string, StandingLine[]>;
  /** Pauses still covering dates not yet passed. */
  pauses: PauseRange[];
  /** The first date not yet handled: every earlier date has been generated, lapsed, or was never due. */
  cursor: string;
  next: NextDelivery | null;
  lastDelivery: { date: string; deliveryId: string } | null;
  lapsed: string[];
  placedBy: string;
  placedAt: string;
}

export const initialStandingOrderState: StandingOrderState = {
  standingOrderId: '',
  kitchen: '',
  contractId: '',
  warehouse: '',
  address: '',
  lines: [],
  schedule: { kind: 'weekdays', weekdays: [] },
  startDate: '',
  endDate: '',
  cutoff: { daysBefore: 1, time: '16:00' },
  status: 'none',
  skipped: [],
  changes: {},
  pauses: [],
  cursor: '',
  next: null,
  lastDelivery: null,
  lapsed: [],
  placedBy: '',
  placedAt: '',
};

/** True when `date` lies in one of the pauses. */
export const isPaused = (pauses: PauseRange[], date: string): boolean =>
  pauses.some((p) => p.from <= date && date < p.until);

/** Forget skips, changes and pauses of dates before `cursor`: those dates are settled. */
function advance(state: StandingOrderState, cursor: string): StandingOrderState {
  const changes = Object.fromEntries(Object.entries(state.changes).filter(([date]) => date >= cursor));
  return {
    ...state,
    cursor,
    skipped: state.skipped.filter((d) => d >= cursor),
    changes,
    pauses: state.pauses.filter((p) => p.until > cursor),
  };
}

/** Fold one standing-order event; unknown event types leave the state unchanged. */
export function evolveStandingOrder(state: StandingOrderState, event: StandingOrderEvent): StandingOrderState {
  const next = { ...state, next: event.data.next };
  switch (event.type) {
    case 'StandingOrderPlaced': {
      const { next: upcoming, ...data } = event.data;
      return { ...initialStandingOrderState, ...data, status: 'active', next: upcoming };
    }
    case 'StandingDateSkipped': {
      const { [event.data.date]: _dropped, ...changes } = next.changes;
      return { ...next, changes, skipped: [...new Set([...next.skipped, event.data.date])].sort() };
    }
    case 'StandingDateChanged':
      return {
        ...next,
        changes: { ...next.changes, [event.data.date]: event.data.lines },
        skipped: next.skipped.filter((d) => d !== event.data.date),
      };
    case 'StandingOrderPaused': {
      const { from, until } = event.data;
      const known = next.pauses.some((p) => p.from === from && p.until === until);
      return known ? next : { ...next, pauses: [...next.pauses, { from, until }] };
    }
    case 'StandingOrderResumed': {
      const { from } = event.data;
      const pauses = next.pauses
        .map((p) => ({ from: p.from, until: p.until < from ? p.until : from }))
        .filter((p) => p.from < p.until);
      return { ...next, pauses };
    }
    case 'StandingOrderEnded':
      return { ...next, status: 'ended', endDate: event.data.lastDate };
    case 'StandingDeliveryDue':
      return {
        ...advance(next, plusDays(event.data.date, 1)),
        lastDelivery: { date: event.data.date, deliveryId: event.data.deliveryId },
      };
    case 'StandingDeliveryLapsed':
      return {
        ...advance(next, plusDays(event.data.date, 1)),
        lapsed: [...new Set([...next.lapsed, event.data.date])],
      };
    default:
      return state;
  }
}
