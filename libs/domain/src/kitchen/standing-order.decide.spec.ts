import { given } from '@gx/testing';
import { fold } from '../shared/decider';
import { standingOrderDecider, type PlaceStandingOrder, type StandingOrderCommand } from './standing-order.decide';
import type { StandingOrderEvent } from './standing-order.events';

const SO = 'SO-0123456789ab';
const contract = {
  contractId: 'CT-1',
  kitchen: 'KITCHEN-LC-01',
  from: '2026-01-01',
  to: '2026-12-31',
  skus: ['SKU-CABBAGE', 'SKU-POTATO', 'SKU-EGG'],
};
const lines = [
  { sku: 'SKU-CABBAGE', quantity: 30_000 },
  { sku: 'SKU-EGG', quantity: 300 },
];
/** Monday 26 January 2026, 10:00 in Shanghai. */
const MONDAY_10AM = '2026-01-26T02:00:00.000Z';
const placeCommand = (overrides: Partial<PlaceStandingOrder> = {}): PlaceStandingOrder => ({
  type: 'PlaceStandingOrder',
  standingOrderId: SO,
  kitchen: 'KITCHEN-LC-01',
  contract,
  warehouse: 'LC-HUB-DCF',
  address: '聊城一中食堂',
  lines,
  schedule: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5] },
  startDate: '2026-01-26',
  cutoff: { daysBefore: 1, time: '16:00' },
  by: 'kitchen1',
  now: MONDAY_10AM,
  ...overrides,
});
const placed = standingOrderDecider.decide(placeCommand(), standingOrderDecider.initialState);
/** The cut-off of a delivery date under "16:00 the day before": 08:00 UTC the day before. */
const cutoffOf = (date: string): string => new Date(Date.parse(`${date}T08:00:00.000Z`) - 86_400_000).toISOString();
const shifted = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** Apply commands one after another, as the runner would. */
function run(history: StandingOrderEvent[], ...commands: StandingOrderCommand[]): StandingOrderEvent[] {
  const events = [...history];
  for (const command of commands)
    events.push(...standingOrderDecider.decide(command, fold(standingOrderDecider, events)));
  return events;
}

/** Fire every cut-off as the deadline would (at the cut-off instant) up to `until`; the dates delivered. */
function generateUntil(
  history: StandingOrderEvent[],
  until: string,
): { events: StandingOrderEvent[]; delivered: string[] } {
  const events = [...history];
  for (;;) {
    const next = fold(standingOrderDecider, events).next;
    if (!next || next.date > until) break;
    events.push(
      ...standingOrderDecider.decide(
        { type: 'GenerateDelivery', date: next.date, now: next.cutoffAt },
        fold(standingOrderDecider, events),
      ),
    );
  }
  const delivered = events.flatMap((e) => (e.type === 'StandingDeliveryDue' ? [e.data.date] : []));
  return { events, delivered };
}

describe('standing order: placing', () => {
  it('starts at the first date whose cut-off is still ahead, and ends with the contract by default', () => {
    expect(placed).toEqual([
      expect.objectContaining({
        type: 'StandingOrderPlaced',
        data: expect.objectContaining({
          cursor: '2026-01-27',
          endDate: '2026-12-31',
          next: { date: '2026-01-27', cutoffAt: '2026-01-26T08:00:00.000Z' },
        }),
      }),
    ]);
  });

  it('placed at 16:00 sharp, tomorrow is already closed: the first delivery is the day after', () => {
    const [event] = standingOrderDecider.decide(
      placeCommand({ now: '2026-01-26T08:00:00.000Z' }),
      standingOrderDecider.initialState,
    );
    expect(event.data.next).toEqual({ date: '2026-01-28', cutoffAt: '2026-01-27T08:00:00.000Z' });
  });

  it('refuses a SKU the contract does not price, naming the line', () => {
    given(standingOrderDecider)
      .when(placeCommand({ lines: [...lines, { sku: 'SKU-PEAR-GX', quantity: 1 }] }))
      .thenFails('UNKNOWN_SKU', 'lines.2.sku');
  });

  it("refuses another kitchen's contract", () => {
    given(standingOrderDecider)
      .when(placeCommand({ kitchen: 'KITCHEN-LC-02' }))
      .thenFails('FORBIDDEN', 'contractId');
  });

  it('keeps the order inside the contract period', () => {
    given(standingOrderDecider)
      .when(placeCommand({ startDate: '2025-12-29' }))
      .thenFails('INVALID_DATES', 'startDate');
    given(standingOrderDecider)
      .when(placeCommand({ endDate: '2027-01-04' }))
      .thenFails('INVALID_DATES', 'endDate');
  });

  it('refuses a schedule with no date left before the end', () => {
    given(standingOrderDecider)
      .when(placeCommand({ endDate: '2026-01-26' }))
      .thenFails('INVALID_DATES', 'schedule');
  });
});

describe('standing order: generation at each cut-off', () => {
  it('delivers every weekday across the month end, except the days the purchaser skipped', () => {
    const history = run(
      placed,
      { type: 'SkipDate', date: '2026-01-29', now: MONDAY_10AM },
      { type: 'SkipDate', date: '2026-02-02', now: MONDAY_10AM },
    );
    expect(generateUntil(history, '2026-02-04').delivered).toEqual([
      '2026-01-27',
      '2026-01-28',
      '2026-01-30',
      '2026-02-03',
      '2026-02-04',
    ]);
  });

  it('skips a national holiday week given in advance, across the end of September', () => {
    const events = standingOrderDecider.decide(
      placeCommand({
        startDate: '2026-09-28',
        now: '2026-09-20T02:00:00.000Z',
        skip: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      }),
      standingOrderDecider.initialState,
    );
    expect(generateUntil(events, '2026-10-09').delivered).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
    ]);
  });

  it('turns each date into its own delivery, with that date’s changed lines', () => {
    const potato = { sku: 'SKU-POTATO', quantity: 10_000 };
    const changed = [{ sku: 'SKU-CABBAGE', quantity: 30_000 }, potato];
    const history = run(placed, {
      type: 'ChangeDate',
      date: '2026-01-28',
      lines: [potato, { sku: 'SKU-EGG', quantity: 0 }],
      contractSkus: contract.skus,
      now: MONDAY_10AM,
    });
    const due = generateUntil(history, '2026-01-29').events.filter((e) => e.type === 'StandingDeliveryDue');
    expect(due.map((e) => [e.data.deliveryId, e.data.lines])).toEqual([
      [`${SO}-20260127`, lines],
      [`${SO}-20260128`, changed],
      [`${SO}-20260129`, lines],
    ]);
  });

  it('generates a date exactly once however often its deadline fires', () => {
    const first = run(placed, { type: 'GenerateDelivery', date: '2026-01-27', now: cutoffOf('2026-01-27') });
    given(standingOrderDecider, first)
      .when({ type: 'GenerateDelivery', date: '2026-01-27', now: shifted(cutoffOf('2026-01-27'), 5) })
      .then([]);
  });

  it('refuses to generate before the cut-off, and ignores a date skipped since the deadline was read', () => {
    given(standingOrderDecider, placed)
      .when({ type: 'GenerateDelivery', date: '2026-01-27', now: shifted(cutoffOf('2026-01-27'), -1) })
      .thenFails('INVALID_STATE', 'date');
    const skipped = run(placed, { type: 'SkipDate', date: '2026-01-27', now: MONDAY_10AM });
    given(standingOrderDecider, skipped)
      .when({ type: 'GenerateDelivery', date: '2026-01-27', now: cutoffOf('2026-01-27') })
      .then([]);
  });

  it('records a date whose cut-off is handled only after the date itself as lapsed, and moves on', () => {
    const events = standingOrderDecider.decide(
      { type: 'GenerateDelivery', date: '2026-01-27', now: '2026-01-27T16:00:00.000Z' },
      fold(standingOrderDecider, placed),
    );
    expect(events).toEqual([
      {
        type: 'StandingDeliveryLapsed',
        data: {
          standingOrderId: SO,
          date: '2026-01-27',
          cutoffAt: cutoffOf('2026-01-27'),
          next: { date: '2026-01-28', cutoffAt: cutoffOf('2026-01-28') },
        },
      },
    ]);
  });
});

describe('standing order: changes before the cut-off only', () => {
  const skip = (now: string): StandingOrderCommand => ({ type: 'SkipDate', date: '2026-01-28', now });

  it('skips a date one second before its cut-off', () => {
    given(standingOrderDecider, placed)
      .when(skip(shifted(cutoffOf('2026-01-28'), -1)))
      .then([
        {
          type: 'StandingDateSkipped',
          data: {
            standingOrderId: SO,
            date: '2026-01-28',
            next: { date: '2026-01-27', cutoffAt: cutoffOf('2026-01-27') },
          },
        },
      ]);
  });

  it('refuses to skip at the cut-off and one second after it', () => {
    given(standingOrderDecider, placed)
      .when(skip(cutoffOf('2026-01-28')))
      .thenFails('CUTOFF_PASSED', 'date');
    given(standingOrderDecider, placed)
      .when(skip(shifted(cutoffOf('2026-01-28'), 1)))
      .thenFails('CUTOFF_PASSED', 'date');
  });

  it('refuses to change a date already generated, even a moment before its cut-off (a retried request)', () => {
    const generated = run(placed, { type: 'GenerateDelivery', date: '2026-01-27', now: cutoffOf('2026-01-27') });
    given(standingOrderDecider, generated)
      .when({
        type: 'ChangeDate',
        date: '2026-01-27',
        lines,
        contractSkus: contract.skus,
        now: shifted(cutoffOf('2026-01-27'), -1),
      })
      .thenFails('CUTOFF_PASSED', 'date');
  });

  it('refuses a date that is not a delivery date, or lines that are all zero', () => {
    given(standingOrderDecider, placed)
      .when({ type: 'SkipDate', date: '2026-01-31', now: MONDAY_10AM })
      .thenFails('INVALID_DATES', 'date');
    given(standingOrderDecider, placed)
      .when({
        type: 'ChangeDate',
        date: '2026-01-28',
        lines: lines.map((l) => ({ ...l, quantity: 0 })),
        contractSkus: contract.skus,
        now: MONDAY_10AM,
      })
      .thenFails('INVALID_STATE', 'lines');
  });

  it('changes only the listed lines of a date: the other lines stay, and a later change builds on the earlier one', () => {
    const egg = {
      type: 'ChangeDate' as const,
      date: '2026-01-28',
      lines: [{ sku: 'SKU-EGG', quantity: 600 }],
      contractSkus: contract.skus,
      now: MONDAY_10AM,
    };
    const once = run(placed, egg);
    expect(once.at(-1)).toMatchObject({
      data: {
        lines: [
          { sku: 'SKU-CABBAGE', quantity: 30_000 },
          { sku: 'SKU-EGG', quantity: 600 },
        ],
      },
    });
    const twice = run(once, { ...egg, lines: [{ sku: 'SKU-CABBAGE', quantity: 0 }] });
    expect(twice.at(-1)).toMatchObject({ data: { lines: [{ sku: 'SKU-EGG', quantity: 600 }] } });
    given(standingOrderDecider, twice)
      .when({ ...egg, lines: [{ sku: 'SKU-EGG', quantity: 0 }] })
      .thenFails('INVALID_STATE', 'lines');
  });

  it('delivers a skipped date again when its quantities are changed', () => {
    const history = run(placed, skip(MONDAY_10AM), {
      type: 'ChangeDate',
      date: '2026-01-28',
      lines,
      contractSkus: contract.skus,
      now: MONDAY_10AM,
    });
    expect(generateUntil(history, '2026-01-28').delivered).toEqual(['2026-01-27', '2026-01-28']);
  });

  it('pauses until a date and resumes: dates still open come back', () => {
    const paused = run(placed, { type: 'PauseStandingOrder', until: '2026-02-02', now: MONDAY_10AM });
    expect(fold(standingOrderDecider, paused).next?.date).toBe('2026-02-02');
    // Wednesday 28 January, 17:00 in Shanghai: 29 January is closed, 30 January still open.
    const resumed = run(paused, { type: 'ResumeStandingOrder', now: '2026-01-28T09:00:00.000Z' });
    expect(resumed.at(-1)).toMatchObject({ type: 'StandingOrderResumed', data: { from: '2026-01-30' } });
    expect(generateUntil(resumed, '2026-02-02').delivered).toEqual(['2026-01-30', '2026-02-02']);
  });

  it('refuses a pause that would only cover closed dates, and a resume without a pause', () => {
    given(standingOrderDecider, placed)
      .when({ type: 'PauseStandingOrder', until: '2026-01-27', now: MONDAY_10AM })
      .thenFails('CUTOFF_PASSED', 'until');
    given(standingOrderDecider, placed)
      .when({ type: 'ResumeStandingOrder', now: MONDAY_10AM })
      .thenFails('INVALID_STATE');
  });

  it('ends: nothing after the dates already closed, which are still delivered', () => {
    // 16:00:05 on Monday: 27 January is closed (its delivery not generated yet), 28 January still open.
    const ended = run(placed, { type: 'EndStandingOrder', now: '2026-01-26T08:00:05.000Z' });
    expect(ended.at(-1)).toMatchObject({ type: 'StandingOrderEnded', data: { lastDate: '2026-01-27' } });
    expect(generateUntil(ended, '2026-12-31').delivered).toEqual(['2026-01-27']);
    given(standingOrderDecider, ended).when(skip(MONDAY_10AM)).thenFails('ALREADY_DECIDED');
  });

  it('refuses to end before dates whose cut-off has passed', () => {
    given(standingOrderDecider, placed)
      .when({ type: 'EndStandingOrder', lastDate: '2026-01-25', now: '2026-01-26T08:00:05.000Z' })
      .thenFails('CUTOFF_PASSED', 'lastDate');
  });
});
