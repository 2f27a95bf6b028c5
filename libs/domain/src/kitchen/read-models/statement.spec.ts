import { fold } from '../../shared/decider';
import { deliveryDecider, type DeliveryCommand } from '../delivery.decide';
import type { DeliveryEvent } from '../delivery.events';
import type { DeliveryState } from '../delivery.state';
import { statementOf } from './statement';

const T = '2026-01-26T08:00:01.000Z';
const cabbage = { sku: 'SKU-CABBAGE', name: '大白菜', unit: 'kg', base: 1000, fen: 260 };
const egg = { sku: 'SKU-EGG', name: '鲜鸡蛋', unit: 'piece', base: 1, fen: 80 };

/** A delivery of 30 kg cabbage and 300 eggs on `date`, dispatched in full and received as `receipt` says (or not yet). */
function delivery(date: string, receipt?: Array<{ sku: string; received: number; damaged?: number }>): DeliveryState {
  const deliveryId = `SO-1-${date.replaceAll('-', '')}`;
  const commands: DeliveryCommand[] = [
    {
      type: 'CreateDelivery',
      deliveryId,
      standingOrderId: 'SO-1',
      contractId: 'CT-1',
      kitchen: 'KITCHEN-LC-01',
      warehouse: 'LC-HUB-DCF',
      address: '聊城一中食堂',
      date,
      cutoffAt: T,
      lines: [
        { ...cabbage, ordered: 30_000 },
        { ...egg, ordered: 300 },
      ],
      now: T,
    },
    { type: 'RecordLineReservation', sku: 'SKU-CABBAGE', granted: 30_000, reserved: 30_000, substitute: null },
    { type: 'RecordLineReservation', sku: 'SKU-EGG', granted: 300, reserved: 300, substitute: null },
    { type: 'DispatchDelivery', by: 'operator1', now: T },
    ...(receipt ? [{ type: 'ReceiveDelivery' as const, lines: receipt, by: 'kitchen1', now: T }] : []),
  ];
  const events: DeliveryEvent[] = [];
  for (const c of commands) events.push(...deliveryDecider.decide(c, fold(deliveryDecider, events)));
  return fold(deliveryDecider, events);
}

const payment = (reference: string, amount: number) => ({
  reference,
  amount,
  method: 'bank_transfer' as const,
  paidOn: '2026-02-05',
  recordedBy: 'operator1',
  recordedAt: T,
});

describe('monthly statement (对账单)', () => {
  const full = delivery('2026-01-27', []);
  const short = delivery('2026-01-28', [{ sku: 'SKU-CABBAGE', received: 29_000, damaged: 500 }]);
  const pending = delivery('2026-01-29');

  it('bills received deliveries: the total is the sum of their amounts, each gross minus its claims', () => {
    const s = statementOf({
      kitchen: 'KITCHEN-LC-01',
      month: '2026-01',
      deliveries: [short, pending, full],
      payments: [],
    });
    expect(s.deliveries.map((d) => [d.date, d.gross, d.claimsTotal, d.amount])).toEqual([
      ['2026-01-27', 31_800, 0, 31_800],
      ['2026-01-28', 31_800, 260, 31_540],
    ]);
    expect(s.claims).toEqual([
      expect.objectContaining({ date: '2026-01-28', sku: 'SKU-CABBAGE', kind: 'shortage', quantity: 500, amount: 130 }),
      expect.objectContaining({ date: '2026-01-28', sku: 'SKU-CABBAGE', kind: 'damage', quantity: 500, amount: 130 }),
    ]);
    expect(s.totals).toEqual({ deliveries: 2, gross: 63_600, claims: 260, amount: 63_340 });
    expect(s.pending).toEqual([{ deliveryId: 'SO-1-20260129', date: '2026-01-29', status: 'dispatched' }]);
    expect(s).toMatchObject({ status: 'open', paid: 0, unpaid: 63_340 });
  });

  it('neither bills nor waits for a cancelled delivery', () => {
    const cancelled: DeliveryState = { ...pending, status: 'cancelled' };
    const s = statementOf({ kitchen: 'KITCHEN-LC-01', month: '2026-01', deliveries: [full, cancelled], payments: [] });
    expect(s).toMatchObject({ status: 'unpaid', pending: [], totals: { deliveries: 1, amount: 31_800 } });
  });

  it('is paid when bank transfers cover the amount, and shows an overpayment as credit', () => {
    const deliveries = [full, short];
    expect(
      statementOf({ kitchen: 'K', month: '2026-01', deliveries, payments: [payment('B-1', 60_000)] }),
    ).toMatchObject({ status: 'partially_paid', unpaid: 3_340 });
    expect(
      statementOf({
        kitchen: 'K',
        month: '2026-01',
        deliveries,
        payments: [payment('B-1', 60_000), payment('B-2', 3_340)],
      }),
    ).toMatchObject({ status: 'paid', unpaid: 0, credit: 0 });
    expect(
      statementOf({ kitchen: 'K', month: '2026-01', deliveries, payments: [payment('B-1', 70_000)] }),
    ).toMatchObject({ status: 'paid', credit: 6_660 });
    expect(statementOf({ kitchen: 'K', month: '2026-01', deliveries, payments: [] }).status).toBe('unpaid');
  });
});
