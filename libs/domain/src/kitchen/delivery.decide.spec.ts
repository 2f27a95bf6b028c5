import { given } from '@gx/testing';
import { fold } from '../shared/decider';
import { deliveryDecider, type DeliveryCommand } from './delivery.decide';
import type { DeliveryEvent, SubstituteProposal } from './delivery.events';

const D = 'SO-1-20260127';
const header = {
  deliveryId: D,
  standingOrderId: 'SO-1',
  contractId: 'CT-1',
  kitchen: 'KITCHEN-LC-01',
  warehouse: 'LC-HUB-DCF',
  address: '聊城一中食堂',
  date: '2026-01-27',
  cutoffAt: '2026-01-26T08:00:00.000Z',
};
const cabbage = { sku: 'SKU-CABBAGE', name: '大白菜', unit: 'kg', base: 1000, fen: 260 };
const potato = { sku: 'SKU-POTATO', name: '土豆', unit: 'kg', base: 1000, fen: 300 };
const egg = { sku: 'SKU-EGG', name: '鲜鸡蛋', unit: 'piece', base: 1, fen: 80 };
const T = '2026-01-26T08:00:01.000Z';
const created: DeliveryEvent = {
  type: 'DeliveryCreated',
  data: {
    ...header,
    lines: [
      { ...cabbage, ordered: 30_000 },
      { ...egg, ordered: 300 },
    ],
    createdAt: T,
  },
};
const reserved = (
  sku: string,
  granted: number,
  qty: number,
  shortage: Extract<DeliveryEvent, { type: 'DeliveryLineReserved' }>['data']['shortage'] = null,
): DeliveryEvent => ({
  type: 'DeliveryLineReserved',
  data: { deliveryId: D, sku, granted, reserved: qty, shortage },
});
const potatoProposal: SubstituteProposal = {
  sku: 'SKU-POTATO',
  name: '土豆',
  available: 50_000,
  quantity: 20_000,
  onContract: true,
  price: { unit: 'kg', base: 1000, fen: 300 },
};
const ready = [created, reserved('SKU-CABBAGE', 30_000, 30_000), reserved('SKU-EGG', 300, 300)];
const dispatched: DeliveryEvent = {
  type: 'DeliveryDispatched',
  data: {
    deliveryId: D,
    kitchen: 'KITCHEN-LC-01',
    date: '2026-01-27',
    lines: [
      { sku: 'SKU-CABBAGE', quantity: 30_000 },
      { sku: 'SKU-EGG', quantity: 300 },
    ],
    gross: 31_800,
    by: 'operator1',
    at: T,
  },
};
const receive = (lines: Array<{ sku: string; received: number; damaged?: number }>): DeliveryCommand => ({
  type: 'ReceiveDelivery',
  lines,
  by: 'kitchen1',
  now: T,
});

describe('delivery: reservation at cut-off', () => {
  it('is created once: the id is the standing order and date', () => {
    const create: DeliveryCommand = {
      type: 'CreateDelivery',
      ...header,
      lines: [
        { ...cabbage, ordered: 30_000 },
        { ...egg, ordered: 300 },
      ],
      now: T,
    };
    given(deliveryDecider).when(create).then([created]);
    given(deliveryDecider, [created]).when(create).then([]);
  });

  it('is ready for dispatch once every line knows what it holds', () => {
    expect(fold(deliveryDecider, [created, reserved('SKU-CABBAGE', 30_000, 30_000)]).status).toBe('reserving');
    expect(fold(deliveryDecider, ready).status).toBe('ready');
  });

  it('flags a stock shortage with its substitute, never dropping the line', () => {
    given(deliveryDecider, [created])
      .when({
        type: 'RecordLineReservation',
        sku: 'SKU-CABBAGE',
        granted: 30_000,
        reserved: 10_000,
        substitute: potatoProposal,
      })
      .then([
        reserved('SKU-CABBAGE', 30_000, 10_000, { quantity: 20_000, reason: 'stock', substitute: potatoProposal }),
      ]);
  });

  it('tells a contract running out from a warehouse running out', () => {
    given(deliveryDecider, [created])
      .when({ type: 'RecordLineReservation', sku: 'SKU-EGG', granted: 100, reserved: 100, substitute: null })
      .then([reserved('SKU-EGG', 100, 100, { quantity: 200, reason: 'contract', substitute: null })]);
  });

  it('records a line’s reservation once', () => {
    given(deliveryDecider, ready)
      .when({ type: 'RecordLineReservation', sku: 'SKU-EGG', granted: 300, reserved: 1, substitute: null })
      .then([]);
  });
});

describe('delivery: shortages answered by operators', () => {
  const short = [
    created,
    reserved('SKU-CABBAGE', 30_000, 10_000, { quantity: 20_000, reason: 'stock', substitute: potatoProposal }),
    reserved('SKU-EGG', 300, 300),
  ];

  it('adds the accepted substitute as a new line and reserves again', () => {
    const events = deliveryDecider.decide(
      {
        type: 'AcceptSubstitute',
        forSku: 'SKU-CABBAGE',
        substitute: potato,
        quantity: 20_000,
        by: 'operator1',
        now: T,
      },
      fold(deliveryDecider, short),
    );
    const state = fold(deliveryDecider, [...short, ...events]);
    expect(state.status).toBe('reserving');
    expect(state.lines.map((l) => [l.sku, l.ordered, l.substituteFor, l.shortage?.status])).toEqual([
      ['SKU-CABBAGE', 30_000, undefined, 'substituted'],
      ['SKU-EGG', 300, undefined, undefined],
      ['SKU-POTATO', 20_000, 'SKU-CABBAGE', undefined],
    ]);
  });

  it('refuses to answer a shortage twice, or once the delivery has left', () => {
    const dismissed: DeliveryEvent = {
      type: 'DeliveryShortageDismissed',
      data: { deliveryId: D, sku: 'SKU-CABBAGE', by: 'operator1', at: T },
    };
    given(deliveryDecider, [...short, dismissed])
      .when({ type: 'DismissShortage', sku: 'SKU-CABBAGE', by: 'operator2', now: T })
      .thenFails('INVALID_STATE', 'sku');
    const left: DeliveryEvent = {
      ...dispatched,
      data: {
        ...dispatched.data,
        lines: [
          { sku: 'SKU-CABBAGE', quantity: 10_000 },
          { sku: 'SKU-EGG', quantity: 300 },
        ],
      },
    };
    given(deliveryDecider, [...short, left])
      .when({
        type: 'AcceptSubstitute',
        forSku: 'SKU-CABBAGE',
        substitute: potato,
        quantity: 1,
        by: 'operator1',
        now: T,
      })
      .thenFails('ALREADY_DECIDED');
    expect(fold(deliveryDecider, [...short, left]).lines[0].shortage?.status).toBe('shipped_short');
  });
});

describe('delivery: dispatch and receipt', () => {
  it('dispatches what each line holds, valued at the contract price', () => {
    given(deliveryDecider, ready).when({ type: 'DispatchDelivery', by: 'operator1', now: T }).then([dispatched]);
  });

  it('refuses to dispatch while reserving, and twice', () => {
    given(deliveryDecider, [created])
      .when({ type: 'DispatchDelivery', by: 'operator1', now: T })
      .thenFails('INVALID_STATE');
    given(deliveryDecider, [...ready, dispatched])
      .when({ type: 'DispatchDelivery', by: 'operator1', now: T })
      .thenFails('ALREADY_DECIDED');
  });

  it('turns missing and damaged quantities into claims that reduce the amount; unlisted lines arrived in full', () => {
    const [event] = deliveryDecider.decide(
      receive([{ sku: 'SKU-CABBAGE', received: 28_500, damaged: 1_000 }]),
      fold(deliveryDecider, [...ready, dispatched]),
    );
    expect(event).toMatchObject({
      type: 'DeliveryReceived',
      data: {
        lines: [
          { sku: 'SKU-CABBAGE', received: 28_500, damaged: 1_000, missing: 500 },
          { sku: 'SKU-EGG', received: 300, damaged: 0, missing: 0 },
        ],
        claims: [
          { sku: 'SKU-CABBAGE', kind: 'shortage', quantity: 500, amount: 130 },
          { sku: 'SKU-CABBAGE', kind: 'damage', quantity: 1_000, amount: 260 },
        ],
        gross: 31_800,
        claimsTotal: 390,
        amount: 31_410,
      },
    });
    const state = fold(deliveryDecider, [...ready, dispatched, event]);
    expect(state.lines.map((l) => [l.ordered, l.dispatched, l.received])).toEqual([
      [30_000, 30_000, 28_500],
      [300, 300, 300],
    ]);
  });

  it('refuses more than was dispatched, a receipt before dispatch, and a second receipt', () => {
    given(deliveryDecider, [...ready, dispatched])
      .when(receive([{ sku: 'SKU-EGG', received: 300, damaged: 1 }]))
      .thenFails('INVALID_STATE', 'lines.0.receivedBase');
    given(deliveryDecider, [...ready, dispatched])
      .when(receive([{ sku: 'SKU-PEAR-GX', received: 1 }]))
      .thenFails('UNKNOWN_SKU', 'lines.0.sku');
    given(deliveryDecider, ready).when(receive([])).thenFails('INVALID_STATE');
    const received = deliveryDecider.decide(receive([]), fold(deliveryDecider, [...ready, dispatched]));
    given(deliveryDecider, [...ready, dispatched, ...received])
      .when(receive([]))
      .thenFails('ALREADY_DECIDED');
  });

  it('is called off only once every line is known, and never after it left or twice', () => {
    const cancel: DeliveryCommand = { type: 'CancelDelivery', reason: '食堂停课', by: 'operator1', now: T };
    const cancelled: DeliveryEvent = {
      type: 'DeliveryCancelled',
      data: { deliveryId: D, kitchen: 'KITCHEN-LC-01', date: '2026-01-27', reason: '食堂停课', by: 'operator1', at: T },
    };
    given(deliveryDecider, ready).when(cancel).then([cancelled]);
    given(deliveryDecider, [created]).when(cancel).thenFails('INVALID_STATE');
    given(deliveryDecider, [...ready, dispatched])
      .when(cancel)
      .thenFails('ALREADY_DECIDED');
    given(deliveryDecider, [...ready, cancelled])
      .when({ type: 'DispatchDelivery', by: 'operator1', now: T })
      .thenFails('ALREADY_DECIDED');
  });

  it('records the issue of a dispatched line once', () => {
    const issued: DeliveryEvent = {
      type: 'DeliveryLineIssued',
      data: { deliveryId: D, sku: 'SKU-EGG', picks: [{ batchId: 'B-1', quantity: 300 }] },
    };
    given(deliveryDecider, [...ready, dispatched])
      .when({ type: 'RecordLineIssue', sku: 'SKU-EGG', picks: [{ batchId: 'B-1', quantity: 300 }] })
      .then([issued]);
    given(deliveryDecider, [...ready, dispatched, issued])
      .when({ type: 'RecordLineIssueBlocked', sku: 'SKU-EGG', code: 'X', reason: 'late' })
      .then([]);
    given(deliveryDecider, ready)
      .when({ type: 'RecordLineIssue', sku: 'SKU-EGG', picks: [] })
      .thenFails('INVALID_STATE');
  });
});
