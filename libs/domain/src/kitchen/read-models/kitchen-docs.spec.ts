import { fold } from '../../shared/decider';
import type { ContractEvent } from '../contract.events';
import { deliveryDecider, type DeliveryCommand } from '../delivery.decide';
import type { DeliveryEvent } from '../delivery.events';
import { standingOrderDecider, type StandingOrderCommand } from '../standing-order.decide';
import type { StandingOrderEvent } from '../standing-order.events';
import type { StatementEvent } from '../statement.events';
import {
  evolveContractDoc,
  evolveDeliveryDoc,
  evolveStandingOrderDoc,
  evolveStatementPaymentsDoc,
  standingCutoffOf,
  upcomingDates,
  type ContractDoc,
  type DeliveryDoc,
  type StandingOrderDoc,
  type StatementPaymentsDoc,
} from './kitchen-docs';

/** Fold events into a document, each event applied twice (a redelivered batch must change nothing). */
function foldTwice<D, E>(evolve: (doc: D | null, e: E) => D | null, events: E[]): D | null {
  return events.reduce<D | null>((doc, e) => evolve(evolve(doc, e), e), null);
}
function foldOnce<D, E>(evolve: (doc: D | null, e: E) => D | null, events: E[]): D | null {
  return events.reduce<D | null>((doc, e) => evolve(doc, e), null);
}
/** Events produced by commands run one after another on a decider. */
function produce<C, E extends { type: string; data: unknown }, S>(
  decider: { decide(c: C, s: S): E[]; evolve(s: S, e: E): S; initialState: S },
  commands: C[],
): E[] {
  const events: E[] = [];
  for (const c of commands) events.push(...decider.decide(c, fold(decider, events)));
  return events;
}

const T = '2026-01-26T02:00:00.000Z';

describe('read model kitchen_contracts', () => {
  const events: ContractEvent[] = [
    {
      type: 'ContractCreated',
      data: {
        contractId: 'CT-1',
        kitchen: 'KITCHEN-LC-01',
        title: '2026 年度供货协议',
        from: '2026-01-01',
        to: '2026-12-31',
        lines: [{ sku: 'SKU-EGG', name: '鲜鸡蛋', category: 'egg', unit: 'piece', base: 1, fen: 80, limit: 1_000 }],
        createdBy: 'operator1',
        createdAt: T,
      },
    },
    {
      type: 'ContractQuantityCommitted',
      data: { contractId: 'CT-1', deliveryId: 'D-1', sku: 'SKU-EGG', requested: 600, granted: 600, drawn: 600 },
    },
    {
      type: 'ContractQuantitySettled',
      data: { contractId: 'CT-1', deliveryId: 'D-1', sku: 'SKU-EGG', quantity: 540, stage: 'delivered', drawn: 540 },
    },
  ];

  it('shows what was drawn of a contracted total and what remains, the same when events repeat', () => {
    const doc = foldOnce<ContractDoc, ContractEvent>(evolveContractDoc, events);
    expect(doc?.lines).toEqual([expect.objectContaining({ sku: 'SKU-EGG', drawn: 540, remaining: 460 })]);
    expect(foldTwice<ContractDoc, ContractEvent>(evolveContractDoc, events)).toEqual(doc);
  });
});

describe('read model standing_orders', () => {
  const commands: StandingOrderCommand[] = [
    {
      type: 'PlaceStandingOrder',
      standingOrderId: 'SO-1',
      kitchen: 'KITCHEN-LC-01',
      contract: {
        contractId: 'CT-1',
        kitchen: 'KITCHEN-LC-01',
        from: '2026-01-01',
        to: '2026-12-31',
        skus: ['SKU-EGG'],
      },
      warehouse: 'LC-HUB-DCF',
      address: '聊城一中食堂',
      lines: [{ sku: 'SKU-EGG', quantity: 300 }],
      schedule: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5] },
      startDate: '2026-01-26',
      cutoff: { daysBefore: 1, time: '16:00' },
      by: 'kitchen1',
      now: T,
    },
    { type: 'SkipDate', date: '2026-01-28', now: T },
    { type: 'PauseStandingOrder', until: '2026-02-03', now: T },
    { type: 'ResumeStandingOrder', now: T },
    { type: 'GenerateDelivery', date: '2026-01-27', now: '2026-01-26T08:00:00.000Z' },
    { type: 'EndStandingOrder', now: '2026-01-27T02:00:00.000Z' },
  ];
  const events = produce(standingOrderDecider, commands);

  it('is the decider’s own fold, whatever repeats, with the next delivery and its cut-off', () => {
    const doc = foldOnce<StandingOrderDoc, StandingOrderEvent>(evolveStandingOrderDoc, events);
    const { _id, ...state } = doc ?? { _id: '' };
    expect(_id).toBe('SO-1');
    expect(state).toEqual(fold(standingOrderDecider, events));
    expect(foldTwice<StandingOrderDoc, StandingOrderEvent>(evolveStandingOrderDoc, events)).toEqual(doc);
    expect(doc).toMatchObject({
      status: 'ended',
      endDate: '2026-01-27',
      next: null,
      lastDelivery: { date: '2026-01-27', deliveryId: 'SO-1-20260127' },
    });
  });

  it('sets the cut-off deadline from every event: the next delivery’s, then none once the order is over', () => {
    expect(standingCutoffOf(events[0])).toEqual({
      standingOrderId: 'SO-1',
      next: { date: '2026-01-27', cutoffAt: '2026-01-26T08:00:00.000Z' },
    });
    expect(events.map((e) => standingCutoffOf(e)?.next?.date ?? null)).toEqual([
      '2026-01-27',
      '2026-01-27',
      '2026-02-03',
      '2026-01-27',
      '2026-01-29',
      null,
    ]);
  });
});

describe('upcoming dates of a standing order', () => {
  it('lists the coming dates with their cut-off and what each brings, skipped and paused ones empty', () => {
    const events = produce(standingOrderDecider, [
      {
        type: 'PlaceStandingOrder',
        standingOrderId: 'SO-2',
        kitchen: 'KITCHEN-LC-01',
        contract: {
          contractId: 'CT-1',
          kitchen: 'KITCHEN-LC-01',
          from: '2026-01-01',
          to: '2026-12-31',
          skus: ['SKU-EGG'],
        },
        warehouse: 'LC-HUB-DCF',
        address: '聊城一中食堂',
        lines: [{ sku: 'SKU-EGG', quantity: 300 }],
        schedule: { kind: 'rrule', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' },
        startDate: '2026-01-26',
        cutoff: { daysBefore: 1, time: '16:00' },
        by: 'kitchen1',
        now: T,
      },
      { type: 'SkipDate', date: '2026-01-30', now: T },
      {
        type: 'ChangeDate',
        date: '2026-02-02',
        lines: [{ sku: 'SKU-EGG', quantity: 150 }],
        contractSkus: ['SKU-EGG'],
        now: T,
      },
      { type: 'PauseStandingOrder', until: '2026-02-05', now: '2026-02-01T09:00:00.000Z' },
    ] satisfies StandingOrderCommand[]);
    // Monday 26 January, 16:00:01 in Shanghai: the 28th is no longer open.
    const upcoming = upcomingDates(fold(standingOrderDecider, events), '2026-01-27T08:00:01.000Z', 5);
    expect(upcoming.map((u) => [u.date, u.open, u.status, u.lines.map((l) => l.quantity)])).toEqual([
      ['2026-01-28', false, 'scheduled', [300]],
      ['2026-01-30', true, 'skipped', []],
      ['2026-02-02', true, 'changed', [150]],
      ['2026-02-04', true, 'paused', []],
      ['2026-02-06', true, 'scheduled', [300]],
    ]);
    expect(upcoming[0].cutoffAt).toBe('2026-01-27T08:00:00.000Z');
  });
});

describe('read model kitchen_deliveries', () => {
  const cabbage = { sku: 'SKU-CABBAGE', name: '大白菜', unit: 'kg', base: 1000, fen: 260 };
  const potato = { sku: 'SKU-POTATO', name: '土豆', unit: 'kg', base: 1000, fen: 300 };
  const commands: DeliveryCommand[] = [
    {
      type: 'CreateDelivery',
      deliveryId: 'SO-1-20260201',
      standingOrderId: 'SO-1',
      contractId: 'CT-1',
      kitchen: 'KITCHEN-LC-01',
      warehouse: 'LC-HUB-DCF',
      address: '聊城一中食堂',
      date: '2026-02-01',
      cutoffAt: '2026-01-31T08:00:00.000Z',
      lines: [{ ...cabbage, ordered: 30_000 }],
      now: T,
    },
    { type: 'RecordLineReservation', sku: 'SKU-CABBAGE', granted: 30_000, reserved: 10_000, substitute: null },
    { type: 'AcceptSubstitute', forSku: 'SKU-CABBAGE', substitute: potato, quantity: 20_000, by: 'operator1', now: T },
  ];
  const events = produce(deliveryDecider, commands);

  it('files a delivery under its month and counts its open shortage flags', () => {
    const flagged = foldOnce<DeliveryDoc, DeliveryEvent>(evolveDeliveryDoc, events.slice(0, 2));
    expect(flagged).toMatchObject({ _id: 'SO-1-20260201', month: '2026-02', openShortages: 1, status: 'ready' });
    const substituted = foldTwice<DeliveryDoc, DeliveryEvent>(evolveDeliveryDoc, events);
    expect(substituted).toMatchObject({ openShortages: 0, status: 'reserving' });
    expect(substituted?.lines.map((l) => l.sku)).toEqual(['SKU-CABBAGE', 'SKU-POTATO']);
  });
});

describe('read model kitchen_statement_payments', () => {
  it('adds up the payments of a kitchen’s month, each once', () => {
    const paid = (reference: string, amount: number): StatementEvent => ({
      type: 'StatementPaymentRecorded',
      data: {
        kitchen: 'KITCHEN-LC-01',
        month: '2026-01',
        reference,
        amount,
        method: 'bank_transfer',
        paidOn: '2026-02-05',
        recordedBy: 'operator1',
        recordedAt: T,
      },
    });
    const doc = foldTwice<StatementPaymentsDoc, StatementEvent>(evolveStatementPaymentsDoc, [
      paid('B-1', 100),
      paid('B-2', 50),
    ]);
    expect(doc).toMatchObject({ _id: 'KITCHEN-LC-01|2026-01', paid: 150 });
    expect(doc?.payments.map((p) => p.reference)).toEqual(['B-1', 'B-2']);
  });
});
