import { cutoffAt, firstOpenDate } from '@gx/domain';
import { demoSchedule, FAST_PACE } from './demo-pace';

const MINUTE = 60_000;
const minutesAfter = (start: Date, at: string): number => (Date.parse(at) - start.getTime()) / MINUTE;
/** The instant the demo kitchen's first delivery cuts off, as the standing order computes it. */
const kitchenCutoff = (start: Date, pace: 'normal' | 'fast'): string => {
  const { cutoff, startDate } = demoSchedule(pace, start).kitchen;
  const open = firstOpenDate(start.toISOString(), cutoff);
  return cutoffAt(open > startDate ? open : startDate, cutoff);
};

describe('DEMO_PACE: the seeded demo deadlines from the first start', () => {
  // A Wednesday morning, a Saturday afternoon and five minutes before midnight in Beijing.
  const starts = ['2026-12-02T02:46:00.000Z', '2026-12-05T07:30:15.000Z', '2026-12-02T15:55:00.000Z'].map(
    (s) => new Date(s),
  );

  it.each(starts)(
    'fast (start %p): the campaign cuts off, a lot closes and the kitchen cuts off within 5-15 minutes',
    (start) => {
      const fast = demoSchedule('fast', start);
      const campaign = fast.campaign(0);
      expect(minutesAfter(start, campaign.cutoffAt)).toBe(FAST_PACE.campaignMinutes);
      expect(campaign.minQuantity).toBe(FAST_PACE.campaignMinimum);
      expect(minutesAfter(start, fast.lotClosesAt(0))).toBe(FAST_PACE.lotMinutes);
      const kitchen = minutesAfter(start, kitchenCutoff(start, 'fast'));
      expect(kitchen).toBeGreaterThan(FAST_PACE.kitchenMinutes - 1 / 60);
      expect(kitchen).toBeLessThanOrEqual(FAST_PACE.kitchenMinutes);
      for (const m of [minutesAfter(start, campaign.cutoffAt), minutesAfter(start, fast.lotClosesAt(0)), kitchen]) {
        expect(m).toBeGreaterThanOrEqual(5);
        expect(m).toBeLessThanOrEqual(15);
      }
      // The rest of the demo keeps its everyday schedule.
      expect(fast.campaign(1)).toEqual(demoSchedule('normal', start).campaign(1));
      expect(fast.lotClosesAt(1)).toBe(demoSchedule('normal', start).lotClosesAt(1));
    },
  );

  it('fast: the pickup date is the day of the cut-off in Beijing', () => {
    expect(demoSchedule('fast', new Date('2026-12-02T15:55:00.000Z')).campaign(0).pickupDate).toBe('2026-12-03');
    expect(demoSchedule('fast', new Date('2026-12-02T02:46:00.000Z')).campaign(0).pickupDate).toBe('2026-12-02');
  });

  it('normal: campaigns cut off in 3 days (pickup the day after), lots close in 2, 4 and 6 hours, the kitchen at 16:00 the day before weekdays', () => {
    const start = starts[0];
    const normal = demoSchedule('normal', start);
    expect(normal.campaign(0)).toEqual({ cutoffAt: '2026-12-05T02:46:00.000Z', pickupDate: '2026-12-06' });
    expect([0, 1, 2].map((i) => minutesAfter(start, normal.lotClosesAt(i)))).toEqual([120, 240, 360]);
    expect(normal.kitchen).toEqual({
      schedule: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5] },
      cutoff: { daysBefore: 1, time: '16:00' },
      startDate: '2026-12-02',
    });
    // Wednesday 10:46 in Beijing: Thursday's delivery closes at 16:00 today.
    expect(kitchenCutoff(start, 'normal')).toBe('2026-12-02T08:00:00.000Z');
  });
});
