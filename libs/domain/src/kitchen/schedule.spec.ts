import { isDomainError } from '../shared/domain-error';
import {
  cutoffAt,
  deliveryDatesBetween,
  firstOpenDate,
  isCutoffPassed,
  isDeliveryDate,
  normalizeSchedule,
  type CutoffRule,
  type DeliverySchedule,
} from './schedule';

const weekdays: DeliverySchedule = { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5] };
const dayBefore4pm: CutoffRule = { daysBefore: 1, time: '16:00' };

const failure = (run: () => unknown): unknown => {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('delivery schedules', () => {
  it('delivers on weekdays across a month end (Thursday 29 January to Tuesday 3 February)', () => {
    expect(deliveryDatesBetween(weekdays, '2026-01-01', '2026-01-29', '2026-02-03')).toEqual([
      '2026-01-29',
      '2026-01-30',
      '2026-02-02',
      '2026-02-03',
    ]);
  });

  it('follows an RRULE: the last day of every month, through a leap February', () => {
    const lastDay: DeliverySchedule = { kind: 'rrule', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1' };
    expect(deliveryDatesBetween(lastDay, '2027-12-01', '2027-12-01', '2028-03-31')).toEqual([
      '2027-12-31',
      '2028-01-31',
      '2028-02-29',
      '2028-03-31',
    ]);
  });

  it('counts an RRULE interval from the order start: every other Wednesday', () => {
    const fortnightly: DeliverySchedule = { kind: 'rrule', rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE' };
    expect(deliveryDatesBetween(fortnightly, '2026-03-02', '2026-03-01', '2026-04-10')).toEqual([
      '2026-03-04',
      '2026-03-18',
      '2026-04-01',
    ]);
    expect(isDeliveryDate(fortnightly, '2026-03-02', '2026-03-11')).toBe(false);
    expect(isDeliveryDate(fortnightly, '2026-03-02', '2026-03-18')).toBe(true);
  });

  it('never delivers before the order starts', () => {
    expect(deliveryDatesBetween(weekdays, '2026-02-02', '2026-01-26', '2026-02-03')).toEqual([
      '2026-02-02',
      '2026-02-03',
    ]);
  });

  it('normalises weekdays and RRULE text', () => {
    expect(normalizeSchedule({ kind: 'weekdays', weekdays: [5, 1, 5] })).toEqual({
      kind: 'weekdays',
      weekdays: [1, 5],
    });
    expect(normalizeSchedule({ kind: 'rrule', rrule: ' rrule:freq=daily ' })).toEqual({
      kind: 'rrule',
      rrule: 'FREQ=DAILY',
    });
  });

  it.each([
    ['FREQ=HOURLY', 'finer than a day'],
    ['FREQ=DAILY;BYHOUR=5', 'a time of day'],
    ['FREQ=YEARLY;BYWEEKNO=60', 'a part outside the supported set'],
    ['FREQ=DAILY;BYMONTHDAY=1', 'a day of month on a daily rule'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'a numbered weekday on a weekly rule'],
    ['FREQ=DAILY;INTERVAL=14;BYDAY=TU', 'a weekday no fortnightly step reaches'],
    ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30', 'the 30th of February'],
    ['FREQ=MONTHLY;BYMONTH=4,6;BYMONTHDAY=-31', 'the last-but-30th day of April or June'],
    ['FREQ=MONTHLY;INTERVAL=101', 'an interval beyond 100'],
    ['DTSTART=20260101T000000Z;FREQ=DAILY', 'its own start'],
    ['FREQ=WEEKLY;BYDAY=XX', 'an unknown weekday'],
    ['FREQ=WEEKLY;INTERVAL=0', 'a zero interval'],
    ['FREQ=DAILY\nRRULE:FREQ=WEEKLY', 'two lines'],
    ['garbage', 'no rule at all'],
  ])('refuses the RRULE %p (%s)', (rrule) => {
    expect(failure(() => normalizeSchedule({ kind: 'rrule', rrule }))).toMatchObject({
      code: 'INVALID_SCHEDULE',
      field: 'schedule.rrule',
    });
  });

  it.each([[[]], [[0]], [[8]], [[1.5]]])('refuses the weekdays %p', (days) => {
    const error = failure(() => normalizeSchedule({ kind: 'weekdays', weekdays: days }));
    expect(isDomainError(error) && error.field).toBe('schedule.weekdays');
  });
});

describe('cut-offs (Asia/Shanghai, UTC+8)', () => {
  it('closes changes to 1 December at 16:00 Shanghai on 30 November, across the month end', () => {
    expect(cutoffAt('2026-12-01', dayBefore4pm)).toBe('2026-11-30T08:00:00.000Z');
    expect(cutoffAt('2027-01-01', dayBefore4pm)).toBe('2026-12-31T08:00:00.000Z');
  });

  it('puts an early same-day cut-off on the previous UTC day', () => {
    expect(cutoffAt('2026-12-01', { daysBefore: 0, time: '06:30' })).toBe('2026-11-30T22:30:00.000Z');
  });

  it('counts the cut-off instant itself as passed: one second before is open, one second after is not', () => {
    expect(isCutoffPassed('2026-12-01', dayBefore4pm, '2026-11-30T07:59:59.000Z')).toBe(false);
    expect(isCutoffPassed('2026-12-01', dayBefore4pm, '2026-11-30T08:00:00.000Z')).toBe(true);
    expect(isCutoffPassed('2026-12-01', dayBefore4pm, '2026-11-30T08:00:01.000Z')).toBe(true);
  });

  it('knows the first date still open to changes, by the Shanghai calendar', () => {
    expect(firstOpenDate('2026-11-30T07:59:59.000Z', dayBefore4pm)).toBe('2026-12-01');
    expect(firstOpenDate('2026-11-30T08:00:00.000Z', dayBefore4pm)).toBe('2026-12-02');
    // 00:30 on 1 December in Shanghai is still 30 November in UTC.
    expect(firstOpenDate('2026-11-30T16:30:00.000Z', dayBefore4pm)).toBe('2026-12-02');
    expect(firstOpenDate('2026-11-30T16:30:00.000Z', { daysBefore: 0, time: '06:00:00' })).toBe('2026-12-01');
  });
});
