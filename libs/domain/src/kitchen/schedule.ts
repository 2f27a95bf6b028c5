import { RRule, type Options } from 'rrule';
import { DomainError } from '../shared/domain-error';

/**
 * Delivery schedules and cut-offs. Delivery dates are business dates (YYYY-MM-DD, Asia/Shanghai).
 * RRULEs are evaluated on "floating" dates: midnight UTC stands for the calendar day, so the time
 * zone never enters the recurrence; only cut-offs are instants, computed at UTC+8 (no DST).
 */

/** Weekdays as ISO numbers (1 = Monday … 7 = Sunday), or an RFC 5545 RRULE (DAILY or coarser). */
export type DeliverySchedule = { kind: 'weekdays'; weekdays: number[] } | { kind: 'rrule'; rrule: string };

/** Changes for a delivery date are accepted until `time` (HH:MM or HH:MM:SS, Asia/Shanghai) `daysBefore` days earlier. */
export interface CutoffRule {
  daysBefore: number;
  time: string;
}

/** The next delivery date of a standing order and the instant (ISO UTC) its changes close. */
export interface NextDelivery {
  date: string;
  cutoffAt: string;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** Coarsest to finest: YEARLY (0) … DAILY (3); anything finer would repeat within a day. */
const DAILY = RRule.DAILY;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_RRULE_LENGTH = 300;
const MAX_INTERVAL = 100;
/**
 * The RRULE parts accepted. rrule iterates period by period until it finds a date, up to the year
 * 9999, so a rule no date can satisfy would block the process for seconds: parts that tie dates to
 * times of day or to another start are refused, and DAILY and WEEKLY rules (the costly ones) are
 * limited to parts that always match some date. The rest is checked structurally below.
 */
const PARTS = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'COUNT', 'UNTIL', 'WKST']);
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `date` plus `days` calendar days. */
export function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isBusinessDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && plusDays(value, 0) === value;
}

/** The RRULE body (no `RRULE:` prefix, upper case) a schedule stands for. */
export function ruleText(schedule: DeliverySchedule): string {
  if (schedule.kind === 'weekdays') {
    const days = [...new Set(schedule.weekdays)].sort((a, b) => a - b).map((d) => BYDAY[d - 1]);
    return `FREQ=WEEKLY;BYDAY=${days.join(',')}`;
  }
  return schedule.rrule
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
}

/** A schedule in canonical form (weekdays sorted and distinct, RRULE without prefix), or a DomainError on `schedule`. */
export function normalizeSchedule(schedule: DeliverySchedule): DeliverySchedule {
  if (schedule.kind === 'weekdays') {
    const weekdays = [...new Set(schedule.weekdays)].sort((a, b) => a - b);
    if (weekdays.length === 0 || weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
      throw new DomainError(
        'INVALID_SCHEDULE',
        'weekdays must be ISO weekday numbers 1 (Monday) to 7 (Sunday)',
        'schedule.weekdays',
      );
    }
    return { kind: 'weekdays', weekdays };
  }
  const rrule = ruleText(schedule);
  parseRule(rrule);
  return { kind: 'rrule', rrule };
}

function parseRule(text: string): Partial<Options> {
  const invalid = (why: string) => new DomainError('INVALID_SCHEDULE', `rrule: ${why}`, 'schedule.rrule');
  if (text.length === 0 || text.length > MAX_RRULE_LENGTH || /\s/.test(text))
    throw invalid('one RRULE line is expected');
  const parts = new Map(
    text.split(';').map((part) => {
      const [key, ...value] = part.split('=');
      return [key, value.join('=')] as const;
    }),
  );
  const unknown = [...parts.keys()].filter((k) => !PARTS.has(k));
  if (unknown.length > 0)
    throw invalid(
      `${unknown.join(', ')} not supported (use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, COUNT, UNTIL, WKST)`,
    );
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text);
  } catch (e) {
    throw invalid(e instanceof Error ? e.message : String(e));
  }
  const freq = options.freq;
  if (freq === undefined || freq === null || freq > DAILY)
    throw invalid('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
  const interval = options.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL)
    throw invalid(`INTERVAL must be 1 to ${MAX_INTERVAL}`);
  const weekdays = options.byweekday;
  if (Array.isArray(weekdays) && weekdays.some((d) => d === undefined || d === null))
    throw invalid('BYDAY lists an unknown weekday');
  if (freq === RRule.DAILY || freq === RRule.WEEKLY) {
    if (parts.has('BYMONTHDAY') || parts.has('BYSETPOS'))
      throw invalid('BYMONTHDAY and BYSETPOS need FREQ=MONTHLY or YEARLY');
    if (/[0-9]/.test(parts.get('BYDAY') ?? ''))
      throw invalid('numbered weekdays (1MO, -1FR) need FREQ=MONTHLY or YEARLY');
    if (freq === RRule.DAILY && parts.has('BYDAY') && interval % 7 === 0)
      throw invalid('a DAILY interval of whole weeks keeps one weekday: use FREQ=WEEKLY');
  }
  requireMonthDaysExist(options, invalid);
  return options;
}

/** Some listed month must have one of the listed days of month (no 30 February). */
function requireMonthDaysExist(options: Partial<Options>, invalid: (why: string) => DomainError): void {
  const days = ([] as number[]).concat(options.bymonthday ?? []);
  if (days.length === 0) return;
  const months = ([] as number[]).concat(options.bymonth ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const exists = months.some((m) => days.some((d) => Math.abs(d) >= 1 && Math.abs(d) <= (MONTH_DAYS[m - 1] ?? 0)));
  if (!exists) throw invalid('no listed month has the listed days of month');
}

const floating = (date: string): Date => new Date(`${date}T00:00:00Z`);

function ruleOf(schedule: DeliverySchedule, startDate: string): RRule {
  return new RRule({ ...parseRule(ruleText(schedule)), dtstart: floating(startDate) });
}

/**
 * The first delivery date of the schedule (started on `startDate`) within [from, to] that `accept`s,
 * or null. Dates are visited in order and the search stops at the first accepted one.
 */
export function firstDeliveryDate(
  schedule: DeliverySchedule,
  startDate: string,
  from: string,
  to: string,
  accept: (date: string) => boolean = () => true,
): string | null {
  if (from > to) return null;
  let found: string | null = null;
  ruleOf(schedule, startDate).between(floating(from), floating(to), true, (d) => {
    const date = d.toISOString().slice(0, 10);
    if (!accept(date)) return true;
    found = date;
    return false;
  });
  return found;
}

/** Delivery dates of the schedule within [from, to], at most `limit` of them. */
export function deliveryDatesBetween(
  schedule: DeliverySchedule,
  startDate: string,
  from: string,
  to: string,
  limit = Number.MAX_SAFE_INTEGER,
): string[] {
  if (from > to || limit <= 0) return [];
  const dates: string[] = [];
  ruleOf(schedule, startDate).between(floating(from), floating(to), true, (d) => {
    dates.push(d.toISOString().slice(0, 10));
    return dates.length < limit;
  });
  return dates;
}

/** True when `date` is one of the schedule's delivery dates. */
export function isDeliveryDate(schedule: DeliverySchedule, startDate: string, date: string): boolean {
  return firstDeliveryDate(schedule, startDate, date, date) === date;
}

/** Validate a cut-off rule, or a DomainError on `cutoff`. */
export function validateCutoff(rule: CutoffRule): void {
  if (!Number.isInteger(rule.daysBefore) || rule.daysBefore < 0 || rule.daysBefore > 14) {
    throw new DomainError(
      'INVALID_SCHEDULE',
      'cutoff.daysBefore must be a whole number of days from 0 to 14',
      'cutoff.daysBefore',
    );
  }
  if (!TIME.test(rule.time))
    throw new DomainError('INVALID_SCHEDULE', 'cutoff.time must be HH:MM or HH:MM:SS', 'cutoff.time');
}

/** Seconds after midnight of a cut-off time. */
function secondsOf(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new DomainError('INVALID_SCHEDULE', 'cutoff.time must be HH:MM or HH:MM:SS', 'cutoff.time');
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

/** The instant (ISO UTC) after which changes to the delivery of `date` are refused. */
export function cutoffAt(date: string, rule: CutoffRule): string {
  const localMidnight = Date.parse(`${plusDays(date, -rule.daysBefore)}T00:00:00Z`);
  return new Date(localMidnight + secondsOf(rule.time) * 1000 - SHANGHAI_OFFSET_MS).toISOString();
}

/** The first delivery date whose cut-off is still ahead at `now` (ISO): every earlier date is locked. */
export function firstOpenDate(now: string, rule: CutoffRule): string {
  const today = new Date(Date.parse(now) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  const candidate = plusDays(today, rule.daysBefore);
  return Date.parse(cutoffAt(candidate, rule)) > Date.parse(now) ? candidate : plusDays(candidate, 1);
}

/** True when the cut-off of `date` has passed at `now`: at the cut-off instant itself it has. */
export function isCutoffPassed(date: string, rule: CutoffRule, now: string): boolean {
  return Date.parse(now) >= Date.parse(cutoffAt(date, rule));
}
