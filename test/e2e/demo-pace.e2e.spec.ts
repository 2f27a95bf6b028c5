import { addDays, demoSchedule } from '@gx/application';
import { shanghaiIso } from '@gx/domain';
import { CLOCK, type DemoPace } from '@gx/platform';
import { startStack, type Stack } from './support/stack';
import type { Json } from './storefront-support';

const MINUTE = 60_000;

/** A clock that reads `at` at the moment it is made, and runs on from there. */
const clockFrom = (at: string) => {
  const shift = Date.parse(at) - Date.now();
  return { now: () => new Date(Date.now() + shift) };
};
const today = new Date().toISOString().slice(0, 10);
/** Five minutes before midnight in Beijing: the kitchen's cut-off falls on the next day. */
const BEFORE_MIDNIGHT = `${today}T15:55:00.000Z`;
/** A Saturday, 10:00 in Beijing: the next weekday delivery is Monday's, closing on Sunday at 16:00. */
const saturday = addDays(today, (6 - new Date(`${today}T00:00:00Z`).getUTCDay() + 7) % 7);
const SATURDAY_MORNING = `${saturday}T02:00:00.000Z`;

/** The seeded demo's deadlines as its apps answer them, and the start time the seeder used. */
async function seededDeadlines(stack: Stack) {
  const campaigns = (await stack.http('storefront').get('/campaigns?pickupPoint=PP-DCF-01').expect(200)).body
    .items as Json[];
  const pears = campaigns.find((c) => c.sku === 'SKU-PEAR-GX');
  const operator = await stack.login('wholesale', 'operator1');
  const lots = (await stack.http('wholesale').get('/lots').set('authorization', `Bearer ${operator}`).expect(200)).body
    .items as Json[];
  const kitchen = await stack.login('kitchen', 'kitchen1');
  const orders = (
    await stack.http('kitchen').get('/standing-orders').set('authorization', `Bearer ${kitchen}`).expect(200)
  ).body.items as Json[];
  // The seeder created everything at the clock's `now` of the first start: the campaign records it.
  const startedAt = new Date(pears.createdAt as string);
  const firstLot = [...lots].sort((a, b) => String(a.closesAt).localeCompare(String(b.closesAt)))[0];
  return { startedAt, pears, lots, firstLot, standing: orders[0] };
}

/**
 * DEMO_PACE decides when the seeded demo's deadlines fall, computed from the time of the first start:
 * fast brings a campaign cut-off, a lot close and a kitchen cut-off within 5-15 minutes; without it
 * the demo keeps its everyday schedule. The stacks start on an injected clock set to the hard cases
 * (just before midnight in Beijing; a Saturday), and the deadlines are read over HTTP at once.
 */
describe('DEMO_PACE: the seeded demo deadlines', () => {
  const stacks: Stack[] = [];
  const start = async (at: string, pace?: DemoPace) => {
    const stack = await startStack(['worker', 'storefront', 'wholesale', 'kitchen'], pace ? { DEMO_PACE: pace } : {}, [
      { provide: CLOCK, useValue: clockFrom(at) },
    ]);
    stacks.push(stack);
    return stack;
  };
  afterEach(async () => {
    for (const s of stacks.splice(0)) await s.close();
  }, 60_000);

  it('fast: the pear campaign cuts off, the first lot closes and the kitchen cuts off 5-15 minutes after the first start', async () => {
    const { startedAt, pears, firstLot, standing } = await seededDeadlines(await start(BEFORE_MIDNIGHT, 'fast'));
    expect(startedAt.getTime() - Date.parse(BEFORE_MIDNIGHT)).toBeGreaterThanOrEqual(0);
    expect(startedAt.getTime() - Date.parse(BEFORE_MIDNIGHT)).toBeLessThan(4 * MINUTE);
    const expected = demoSchedule('fast', startedAt);
    expect(pears).toMatchObject({
      status: 'published',
      cutoffAt: shanghaiIso(expected.campaign(0).cutoffAt),
      pickupDate: expected.campaign(0).pickupDate,
      minQuantity: expected.campaign(0).minQuantity,
    });
    expect(firstLot.closesAt).toBe(shanghaiIso(expected.lotClosesAt(0)));
    expect(standing.next).toMatchObject({ cutoffAt: expect.any(String) });
    expect(standing.cutoff).toEqual(expected.kitchen.cutoff);
    // Today's cut-off time (00:05) has passed in Beijing: the first delivery is tomorrow's, closing at 00:05 tomorrow.
    expect(standing.next.date).toBe(addDays(today, 1));
    const minutes = [pears.cutoffAt, firstLot.closesAt, standing.next.cutoffAt].map(
      (at: string) => (Date.parse(at) - startedAt.getTime()) / MINUTE,
    );
    for (const m of minutes) {
      expect(m).toBeGreaterThanOrEqual(5);
      expect(m).toBeLessThanOrEqual(15);
    }
  }, 240_000);

  it('without it: campaigns cut off in 3 days, lots close in 2-6 hours, the kitchen at 16:00 the day before', async () => {
    const { startedAt, pears, lots, standing } = await seededDeadlines(await start(SATURDAY_MORNING));
    const expected = demoSchedule('normal', startedAt);
    expect(pears).toMatchObject({
      cutoffAt: shanghaiIso(expected.campaign(0).cutoffAt),
      pickupDate: expected.campaign(0).pickupDate,
      minQuantity: 20,
    });
    expect(lots.map((l) => l.closesAt).sort()).toEqual([0, 1, 2].map((i) => shanghaiIso(expected.lotClosesAt(i))));
    expect(standing.cutoff).toEqual({ daysBefore: 1, time: '16:00' });
    expect(standing.next).toMatchObject({
      date: addDays(saturday, 2),
      cutoffAt: `${addDays(saturday, 1)}T16:00:00+08:00`,
    });
  }, 240_000);
});
