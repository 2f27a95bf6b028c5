import { shanghaiDate } from '../shared/business-time';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { own } from '../shared/own-keys';
import {
  cutoffAt,
  firstDeliveryDate,
  firstOpenDate,
  isBusinessDate,
  isCutoffPassed,
  isDeliveryDate,
  normalizeSchedule,
  plusDays,
  validateCutoff,
  type CutoffRule,
  type DeliverySchedule,
  type NextDelivery,
} from './schedule';
import { deliveryIdOf, type PauseRange, type StandingLine, type StandingOrderEvent } from './standing-order.events';
import {
  evolveStandingOrder,
  initialStandingOrderState,
  isPaused,
  type StandingOrderState,
} from './standing-order.state';

/** The contract a standing order is placed under, as the handler read it. */
export interface ContractTerms {
  contractId: string;
  kitchen: string;
  from: string;
  to: string;
  skus: string[];
}

/** Place a standing order for the acting purchaser's kitchen; `endDate` defaults to the contract's last day. */
export type PlaceStandingOrder = {
  type: 'PlaceStandingOrder';
  standingOrderId: string;
  kitchen: string;
  contract: ContractTerms;
  warehouse: string;
  address: string;
  lines: StandingLine[];
  schedule: DeliverySchedule;
  startDate: string;
  endDate?: string;
  cutoff: CutoffRule;
  /** Dates not to deliver (holidays), known in advance. */
  skip?: string[];
  by: string;
  now: string;
};
export type SkipDate = { type: 'SkipDate'; date: string; now: string };
/** Replace the lines of one date (quantities 0 drop a SKU that day); `contractSkus` are the SKUs the contract prices. */
export type ChangeDate = {
  type: 'ChangeDate';
  date: string;
  lines: StandingLine[];
  contractSkus: string[];
  now: string;
};
/** Deliver nothing on dates before `until` (from the first date still open). */
export type PauseStandingOrder = { type: 'PauseStandingOrder'; until: string; now: string };
export type ResumeStandingOrder = { type: 'ResumeStandingOrder'; now: string };
/** Deliver nothing after `lastDate` (default: only what is already past its cut-off). */
export type EndStandingOrder = { type: 'EndStandingOrder'; lastDate?: string; now: string };
/**
 * The cut-off of `date` has come: turn it into a delivery (sent by the cut-off deadline). `runBy`: an
 * operator runs the cut-off now, before its time; the same command as the deadline's, recorded as theirs.
 */
export type GenerateDelivery = { type: 'GenerateDelivery'; date: string; now: string; runBy?: string };

export type StandingOrderCommand =
  | PlaceStandingOrder
  | SkipDate
  | ChangeDate
  | PauseStandingOrder
  | ResumeStandingOrder
  | EndStandingOrder
  | GenerateDelivery;

type Plan = Pick<StandingOrderState, 'schedule' | 'startDate' | 'endDate' | 'cutoff' | 'skipped' | 'pauses' | 'cursor'>;

/** The first date from the cursor that is neither skipped nor paused, with its cut-off. */
export function nextDeliveryOf(plan: Plan): NextDelivery | null {
  const date = firstDeliveryDate(
    plan.schedule,
    plan.startDate,
    plan.cursor,
    plan.endDate,
    (d) => !plan.skipped.includes(d) && !isPaused(plan.pauses, d),
  );
  return date === null ? null : { date, cutoffAt: cutoffAt(date, plan.cutoff) };
}

/** The first date still open to changes: not handled and its cut-off still ahead. */
const openFrom = (state: StandingOrderState, now: string): string => {
  const open = firstOpenDate(now, state.cutoff);
  return open > state.cursor ? open : state.cursor;
};

/** Check lines: each a contract SKU once, with a whole quantity of at least `min` base units. */
function checkLines(lines: StandingLine[], skus: string[], min: 0 | 1): StandingLine[] {
  if (lines.length === 0) throw new DomainError('INVALID_STATE', 'at least one line is needed', 'lines');
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (seen.has(line.sku)) throw new DomainError('INVALID_STATE', `${line.sku} appears twice`, `lines.${i}.sku`);
    seen.add(line.sku);
    if (!skus.includes(line.sku))
      throw new DomainError('UNKNOWN_SKU', `${line.sku} is not on the contract`, `lines.${i}.sku`);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < min) {
      throw new DomainError('INVALID_STATE', 'a quantity is a whole number of base units', `lines.${i}.quantityBase`);
    }
  });
  return lines.map(({ sku, quantity }) => ({ sku, quantity }));
}

/** The lines a date delivers today: its earlier change, else the standing lines. */
function effectiveLines(state: StandingOrderState, date: string): StandingLine[] {
  return Object.hasOwn(state.changes, date) ? state.changes[date] : state.lines;
}

/**
 * Only the listed SKUs change: a listed quantity replaces that SKU's line (0 drops it, a new SKU is added),
 * every other line of the date stays as it was.
 */
function mergeDateLines(base: StandingLine[], changes: StandingLine[]): StandingLine[] {
  const changed = new Map(changes.map((l) => [l.sku, l.quantity]));
  const kept = base.map((l) => ({ sku: l.sku, quantity: changed.get(l.sku) ?? l.quantity }));
  const added = changes.filter((l) => !base.some((b) => b.sku === l.sku));
  return [...kept, ...added].filter((l) => l.quantity > 0);
}

function requireDate(date: string, field: string): void {
  if (!isBusinessDate(date))
    throw new DomainError('INVALID_DATES', `${field} must be a date written YYYY-MM-DD`, field);
}

function place(c: PlaceStandingOrder, state: StandingOrderState): StandingOrderEvent[] {
  if (state.status !== 'none')
    throw new DomainError('ALREADY_EXISTS', `standing order ${c.standingOrderId} already exists`, 'id');
  if (c.contract.kitchen !== c.kitchen)
    throw new DomainError('FORBIDDEN', `contract ${c.contract.contractId} is not this kitchen's`, 'contractId');
  const lines = checkLines(c.lines, c.contract.skus, 1);
  const schedule = normalizeSchedule(c.schedule);
  validateCutoff(c.cutoff);
  requireDate(c.startDate, 'startDate');
  const endDate = c.endDate ?? c.contract.to;
  requireDate(endDate, 'endDate');
  if (c.startDate < c.contract.from)
    throw new DomainError('INVALID_DATES', `the contract starts on ${c.contract.from}`, 'startDate');
  if (endDate > c.contract.to)
    throw new DomainError('INVALID_DATES', `the contract ends on ${c.contract.to}`, 'endDate');
  if (endDate < c.startDate)
    throw new DomainError('INVALID_DATES', 'the order must end on or after its start', 'endDate');
  const skipped = [...new Set(c.skip ?? [])].sort();
  skipped.forEach((d, i) => requireDate(d, `skip.${i}`));
  const open = firstOpenDate(c.now, c.cutoff);
  const cursor = open > c.startDate ? open : c.startDate;
  const next = nextDeliveryOf({
    schedule,
    startDate: c.startDate,
    endDate,
    cutoff: c.cutoff,
    skipped,
    pauses: [],
    cursor,
  });
  if (!next)
    throw new DomainError(
      'INVALID_DATES',
      `no delivery date between ${cursor} and ${endDate} is still before its cut-off`,
      'schedule',
    );
  const { standingOrderId, kitchen, warehouse, address, startDate, cutoff, by, now } = c;
  const spec = {
    standingOrderId,
    kitchen,
    contractId: c.contract.contractId,
    warehouse,
    address,
    lines,
    schedule,
    startDate,
    endDate,
    cutoff,
  };
  return [{ type: 'StandingOrderPlaced', data: { ...spec, skipped, cursor, placedBy: by, placedAt: now, next } }];
}

function requireActive(state: StandingOrderState): void {
  if (state.status === 'none') throw new DomainError('NOT_FOUND', 'no such standing order', 'id');
  if (state.status === 'ended')
    throw new DomainError('ALREADY_DECIDED', `standing order ${state.standingOrderId} has ended`, 'id');
}

/** `date` must be a delivery date of the order that is not yet handled and still before its cut-off. */
function requireOpenDate(state: StandingOrderState, date: string, now: string): void {
  requireDate(date, 'date');
  if (date < state.cursor || isCutoffPassed(date, state.cutoff, now)) {
    throw new DomainError('CUTOFF_PASSED', `changes to ${date} closed at ${cutoffAt(date, state.cutoff)}`, 'date');
  }
  if (date < state.startDate || date > state.endDate || !isDeliveryDate(state.schedule, state.startDate, date)) {
    throw new DomainError('INVALID_DATES', `${date} is not a delivery date of this order`, 'date');
  }
}

function skip(c: SkipDate, state: StandingOrderState): StandingOrderEvent[] {
  requireActive(state);
  requireOpenDate(state, c.date, c.now);
  if (state.skipped.includes(c.date)) return [];
  const next = nextDeliveryOf({ ...state, skipped: [...state.skipped, c.date] });
  return [{ type: 'StandingDateSkipped', data: { standingOrderId: state.standingOrderId, date: c.date, next } }];
}

function change(c: ChangeDate, state: StandingOrderState): StandingOrderEvent[] {
  requireActive(state);
  requireOpenDate(state, c.date, c.now);
  if (isPaused(state.pauses, c.date))
    throw new DomainError('INVALID_STATE', `${c.date} is paused: resume first`, 'date');
  const lines = mergeDateLines(effectiveLines(state, c.date), checkLines(c.lines, c.contractSkus, 0));
  if (lines.length === 0)
    throw new DomainError('INVALID_STATE', 'every quantity of the date would be 0: skip the date instead', 'lines');
  const next = nextDeliveryOf({ ...state, skipped: state.skipped.filter((d) => d !== c.date) });
  return [{ type: 'StandingDateChanged', data: { standingOrderId: state.standingOrderId, date: c.date, lines, next } }];
}

function pause(c: PauseStandingOrder, state: StandingOrderState): StandingOrderEvent[] {
  requireActive(state);
  requireDate(c.until, 'until');
  const from = openFrom(state, c.now);
  if (c.until <= from)
    throw new DomainError('CUTOFF_PASSED', `every delivery before ${c.until} is past its cut-off`, 'until');
  const range: PauseRange = { from, until: c.until };
  const next = nextDeliveryOf({ ...state, pauses: [...state.pauses, range] });
  return [{ type: 'StandingOrderPaused', data: { standingOrderId: state.standingOrderId, ...range, next } }];
}

function resume(c: ResumeStandingOrder, state: StandingOrderState): StandingOrderEvent[] {
  requireActive(state);
  if (state.pauses.length === 0) throw new DomainError('INVALID_STATE', 'the order is not paused', 'id');
  const from = openFrom(state, c.now);
  if (!state.pauses.some((p) => p.until > from))
    throw new DomainError('CUTOFF_PASSED', 'every paused date is past its cut-off', 'id');
  const pauses = state.pauses
    .map((p) => ({ from: p.from, until: p.until < from ? p.until : from }))
    .filter((p) => p.from < p.until);
  return [
    {
      type: 'StandingOrderResumed',
      data: { standingOrderId: state.standingOrderId, from, next: nextDeliveryOf({ ...state, pauses }) },
    },
  ];
}

function end(c: EndStandingOrder, state: StandingOrderState): StandingOrderEvent[] {
  requireActive(state);
  const earliest = plusDays(openFrom(state, c.now), -1);
  const lastDate = c.lastDate ?? earliest;
  requireDate(lastDate, 'lastDate');
  if (lastDate < earliest)
    throw new DomainError('CUTOFF_PASSED', `deliveries up to ${earliest} are past their cut-off`, 'lastDate');
  if (lastDate > state.endDate)
    throw new DomainError('INVALID_DATES', `the order already ends on ${state.endDate}`, 'lastDate');
  const next = nextDeliveryOf({ ...state, endDate: lastDate });
  return [{ type: 'StandingOrderEnded', data: { standingOrderId: state.standingOrderId, lastDate, next } }];
}

function generate(c: GenerateDelivery, state: StandingOrderState): StandingOrderEvent[] {
  if (state.status === 'none') throw new DomainError('NOT_FOUND', 'no such standing order', 'id');
  // Already handled, or no longer due (skipped or paused since the deadline was read): nothing to do.
  if (c.date < state.cursor || state.next?.date !== c.date) return [];
  const due = state.next;
  if (c.runBy === undefined && Date.parse(c.now) < Date.parse(due.cutoffAt))
    throw new DomainError('INVALID_STATE', `the cut-off of ${c.date} is ${due.cutoffAt}`, 'date');
  const next = nextDeliveryOf({ ...state, cursor: plusDays(c.date, 1) });
  const { standingOrderId } = state;
  if (c.date < shanghaiDate(new Date(c.now))) {
    return [{ type: 'StandingDeliveryLapsed', data: { standingOrderId, date: c.date, cutoffAt: due.cutoffAt, next } }];
  }
  const { kitchen, contractId, warehouse, address } = state;
  const lines = own(state.changes, c.date) ?? state.lines;
  const deliveryId = deliveryIdOf(standingOrderId, c.date);
  return [
    {
      type: 'StandingDeliveryDue',
      data: {
        standingOrderId,
        date: c.date,
        cutoffAt: due.cutoffAt,
        deliveryId,
        kitchen,
        contractId,
        warehouse,
        address,
        lines,
        next,
        ...(c.runBy === undefined ? {} : { runNow: { by: c.runBy, at: c.now } }),
      },
    },
  ];
}

/** A kitchen's standing (recurring) order: its schedule, per-date changes before cut-off, and generation at cut-off. */
export const standingOrderDecider: Decider<StandingOrderCommand, StandingOrderEvent, StandingOrderState> & {
  name: string;
} = {
  name: 'standing-order',
  initialState: initialStandingOrderState,
  decide(command, state) {
    switch (command.type) {
      case 'PlaceStandingOrder':
        return place(command, state);
      case 'SkipDate':
        return skip(command, state);
      case 'ChangeDate':
        return change(command, state);
      case 'PauseStandingOrder':
        return pause(command, state);
      case 'ResumeStandingOrder':
        return resume(command, state);
      case 'EndStandingOrder':
        return end(command, state);
      case 'GenerateDelivery':
        return generate(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveStandingOrder,
};
