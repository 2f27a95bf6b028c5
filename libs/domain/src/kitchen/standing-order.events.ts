import { plusDays, type CutoffRule, type NextDelivery, type DeliverySchedule } from './schedule';

/** One line of a standing order: a SKU of the contract and its quantity in base units. */
export interface StandingLine {
  sku: string;
  quantity: number;
}

/** Dates d with `from` ≤ d < `until` (a pause). */
export interface PauseRange {
  from: string;
  until: string;
}

/** What a standing order is: lines delivered on a schedule from a warehouse, under a contract. */
export interface StandingOrderSpec {
  standingOrderId: string;
  kitchen: string;
  contractId: string;
  warehouse: string;
  address: string;
  lines: StandingLine[];
  schedule: DeliverySchedule;
  startDate: string;
  endDate: string;
  cutoff: CutoffRule;
}

/** Every standing-order event names its order and the next delivery it leaves pending (null: none). */
interface Next {
  standingOrderId: string;
  next: NextDelivery | null;
}

export type StandingOrderEvent =
  | { type: 'StandingOrderPlaced'; data: StandingOrderSpec & Next & { skipped: string[]; cursor: string; placedBy: string; placedAt: string } }
  | { type: 'StandingDateSkipped'; data: Next & { date: string } }
  /** The lines of one date replaced (a skipped date so changed is delivered again). */
  | { type: 'StandingDateChanged'; data: Next & { date: string; lines: StandingLine[] } }
  | { type: 'StandingOrderPaused'; data: Next & PauseRange }
  /** Pauses end before `from`, the first date whose cut-off was still ahead. */
  | { type: 'StandingOrderResumed'; data: Next & { from: string } }
  | { type: 'StandingOrderEnded'; data: Next & { lastDate: string } }
  /** The cut-off of `date` passed: it becomes delivery `deliveryId` with these lines. */
  | {
      type: 'StandingDeliveryDue';
      data: Next & {
        date: string;
        cutoffAt: string;
        deliveryId: string;
        kitchen: string;
        contractId: string;
        warehouse: string;
        address: string;
        lines: StandingLine[];
        /** Set when an operator ran the cut-off before its time. */
        runNow?: { by: string; at: string };
      };
    }
  /** The cut-off of `date` was handled only after the date itself had passed (the worker was down): nothing is delivered. */
  | { type: 'StandingDeliveryLapsed'; data: Next & { date: string; cutoffAt: string } };

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

/** Stream of one standing order: `standing-<standingOrderId>`. */
export const standingOrderStream = (standingOrderId: string): string => `standing-${standingOrderId}`;

/** The delivery a standing order's date becomes: `<standingOrderId>-<yyyymmdd>`, the same however often it is generated. */
export const deliveryIdOf = (standingOrderId: string, date: string): string => `${standingOrderId}-${date.replaceAll('-', '')}`;

/** True when `date` lies in one of the pauses. */
export const isPaused = (pauses: PauseRange[], date: string): boolean => pauses.some((p) => p.from <= date && date < p.until);

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
      const pauses = next.pauses.map((p) => ({ from: p.from, until: p.until < from ? p.until : from })).filter((p) => p.from < p.until);
      return { ...next, pauses };
    }
    case 'StandingOrderEnded':
      return { ...next, status: 'ended', endDate: event.data.lastDate };
    case 'StandingDeliveryDue':
      return { ...advance(next, plusDays(event.data.date, 1)), lastDelivery: { date: event.data.date, deliveryId: event.data.deliveryId } };
    case 'StandingDeliveryLapsed':
      return { ...advance(next, plusDays(event.data.date, 1)), lapsed: [...new Set([...next.lapsed, event.data.date])] };
    default:
      return state;
  }
}
