import { shanghaiDate, type CutoffRule, type DeliverySchedule } from '@gx/domain';
import type { DemoPace } from '@gx/platform';
import { addDays } from '../stock/stock.commands';

/**
 * When the seeded demo's deadlines fall, computed once from the time of its first start (the clock's
 * `now` when the worker seeds). This is the one place DEMO_PACE is read: `normal` keeps the demo's
 * everyday schedule; `fast` brings one campaign cut-off, one lot close and one kitchen cut-off within
 * minutes, so that a person can walk the whole demo in a quarter of an hour.
 */
export interface DemoSchedule {
  pace: DemoPace;
  /** Cut-off, pickup date and (fast) a minimum one consumer can reach, of the demo campaign at `index`. */
  campaign(index: number): { cutoffAt: string; pickupDate: string; minQuantity?: number };
  /** Close of the demo lot at `index`. */
  lotClosesAt(index: number): string;
  /** The demo kitchen's standing order: its delivery days, cut-off rule and first date. */
  kitchen: { schedule: DeliverySchedule; cutoff: CutoffRule; startDate: string };
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** Normal pace: every campaign cuts off 3 days after seeding; lots close 2, 4 and 6 hours after it. */
const OPEN_DAYS = 3;
const LOT_HOURS = [2, 4, 6];
/** Normal pace: weekday deliveries, changes until 16:00 the day before (the kitchen default). */
const WEEKDAYS: DeliverySchedule = { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5] };
const DAY_BEFORE_4PM: CutoffRule = { daysBefore: 1, time: '16:00' };

/**
 * Fast pace: the first campaign (pears at PP-DCF-01, leader1's point) cuts off 6 minutes after the
 * first start with a minimum of 3 boxes; the first lot closes 8 minutes after it; the kitchen's
 * standing order delivers every day and cuts off 10 minutes after it (the same time of day, every day).
 */
export const FAST_PACE = { campaignMinutes: 6, campaignMinimum: 3, lotMinutes: 8, kitchenMinutes: 10 } as const;

/** HH:MM:SS in Beijing of an instant. */
const shanghaiTimeOfDay = (at: number): string => new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(11, 19);

/** The seeded demo's deadlines for `pace`, from the first start at `now`. */
export function demoSchedule(pace: DemoPace, now: Date): DemoSchedule {
  const t = now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const normalCutoff = t + OPEN_DAYS * DAY_MS;
  const normal = {
    campaign: () => ({ cutoffAt: iso(normalCutoff), pickupDate: addDays(shanghaiDate(new Date(normalCutoff)), 1) }),
    lotClosesAt: (index: number) => iso(t + (LOT_HOURS[index] ?? LOT_HOURS[LOT_HOURS.length - 1]) * HOUR_MS),
  };
  if (pace === 'normal') {
    return { pace, ...normal, kitchen: { schedule: WEEKDAYS, cutoff: DAY_BEFORE_4PM, startDate: shanghaiDate(now) } };
  }
  const campaignCutoff = t + FAST_PACE.campaignMinutes * MINUTE_MS;
  return {
    pace,
    campaign: (index) =>
      index === 0
        ? {
            cutoffAt: iso(campaignCutoff),
            pickupDate: shanghaiDate(new Date(campaignCutoff)),
            minQuantity: FAST_PACE.campaignMinimum,
          }
        : normal.campaign(),
    lotClosesAt: (index) => (index === 0 ? iso(t + FAST_PACE.lotMinutes * MINUTE_MS) : normal.lotClosesAt(index)),
    // Changes close on the delivery day itself at this time of day: today's delivery (or, just before
    // midnight, tomorrow's) is the first whose cut-off is ahead, and it is the one due in 10 minutes.
    kitchen: {
      schedule: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5, 6, 7] },
      cutoff: { daysBefore: 0, time: shanghaiTimeOfDay(t + FAST_PACE.kitchenMinutes * MINUTE_MS) },
      startDate: shanghaiDate(now),
    },
  };
}
