import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { DeliveryClaim, DeliveryState } from './delivery.events';
import { isBusinessDate } from './schedule';
import { designatedFenOf, designatedFenOfLine, designatedShare } from './spending';

/** How a statement was paid: a bank transfer an operator recorded (Stripe invoices are not offered yet). */
export const STATEMENT_PAYMENT_METHODS = ['bank_transfer'] as const;
export type StatementPaymentMethod = (typeof STATEMENT_PAYMENT_METHODS)[number];

/** One payment against a monthly statement. */
export interface StatementPayment {
  reference: string;
  amount: number;
  method: StatementPaymentMethod;
  paidOn: string;
  recordedBy: string;
  recordedAt: string;
}

export type StatementEvent = { type: 'StatementPaymentRecorded'; data: StatementPayment & { kitchen: string; month: string } };

/** Payments of one kitchen's month (`statement-<kitchen>-<yyyy-mm>`). */
export interface StatementState {
  kitchen: string;
  month: string;
  payments: StatementPayment[];
  paid: number;
}

export const initialStatementState: StatementState = { kitchen: '', month: '', payments: [], paid: 0 };

/** Stream of the payments of one kitchen's monthly statement. */
export const statementStream = (kitchen: string, month: string): string => `statement-${kitchen}-${month}`;

/** Record a payment received for the statement; the bank's reference may be recorded only once. */
export type RecordStatementPayment = Omit<StatementPayment, 'recordedBy' | 'recordedAt'> & {
  type: 'RecordStatementPayment';
  kitchen: string;
  month: string;
  by: string;
  now: string;
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Fold one statement event. */
export function evolveStatement(state: StatementState, event: StatementEvent): StatementState {
  if (event.type !== 'StatementPaymentRecorded') return state;
  const { kitchen, month, ...payment } = event.data;
  // A reference is recorded once (the decider sees to it); folding the same event again changes nothing.
  if (state.payments.some((p) => p.reference === payment.reference)) return state;
  return { kitchen, month, payments: [...state.payments, payment], paid: state.paid + payment.amount };
}

function record(c: RecordStatementPayment, state: StatementState): StatementEvent[] {
  if (!MONTH.test(c.month)) throw new DomainError('INVALID_DATES', 'month must be written YYYY-MM', 'month');
  if (!isBusinessDate(c.paidOn)) throw new DomainError('INVALID_DATES', 'paidOn must be a date written YYYY-MM-DD', 'paidOn');
  if (!Number.isSafeInteger(c.amount) || c.amount <= 0) throw new DomainError('INVALID_STATE', 'amountFen must be a positive whole number of fen', 'amountFen');
  if (state.payments.some((p) => p.reference === c.reference)) {
    throw new DomainError('ALREADY_EXISTS', `payment ${c.reference} is already recorded on this statement`, 'reference');
  }
  const { kitchen, month, reference, amount, method, paidOn, by, now } = c;
  return [{ type: 'StatementPaymentRecorded', data: { kitchen, month, reference, amount, method, paidOn, recordedBy: by, recordedAt: now } }];
}

/** Payments against a kitchen's monthly statement (对账单). */
export const statementDecider: Decider<RecordStatementPayment, StatementEvent, StatementState> & { name: string } = {
  name: 'statement',
  initialState: initialStatementState,
  decide(command, state) {
    return record(command, state);
  },
  evolve: evolveStatement,
};

/** Where a statement stands: deliveries still to be received, money owed, or settled. */
export type StatementStatus = 'open' | 'unpaid' | 'partially_paid' | 'paid';

/**
 * The monthly statement of a kitchen: received deliveries of the month with their claims and
 * amounts (what is billed), deliveries not yet received (listed, not billed), and payments;
 * cancelled deliveries are neither.
 * `deliveries` are those dated in `month`; the total is exactly the sum of delivery amounts,
 * and each amount is gross − claims.
 */
export function statementOf(input: { kitchen: string; month: string; deliveries: DeliveryState[]; payments: StatementPayment[] }) {
  const sorted = [...input.deliveries].sort((a, b) => a.date.localeCompare(b.date) || a.deliveryId.localeCompare(b.deliveryId));
  const billed = sorted.filter((d) => d.status === 'received');
  const pending = sorted.filter((d) => d.status !== 'received' && d.status !== 'cancelled');
  const claims: Array<DeliveryClaim & { deliveryId: string; date: string }> = billed.flatMap((d) => d.claims.map((c) => ({ ...c, deliveryId: d.deliveryId, date: d.date })));
  const gross = billed.reduce((sum, d) => sum + d.gross, 0);
  const claimsTotal = billed.reduce((sum, d) => sum + d.claimsTotal, 0);
  const amount = billed.reduce((sum, d) => sum + d.amount, 0);
  const paid = input.payments.reduce((sum, p) => sum + p.amount, 0);
  const unpaid = Math.max(0, amount - paid);
  const status: StatementStatus = pending.length > 0 ? 'open' : unpaid === 0 ? 'paid' : paid > 0 ? 'partially_paid' : 'unpaid';
  return {
    kitchen: input.kitchen,
    month: input.month,
    status,
    deliveries: billed.map((d) => ({
      deliveryId: d.deliveryId,
      date: d.date,
      standingOrderId: d.standingOrderId,
      lines: d.lines.map((l) => ({
        sku: l.sku,
        name: l.name,
        unit: l.unit,
        base: l.base,
        fen: l.fen,
        ordered: l.ordered,
        dispatched: l.dispatched ?? 0,
        received: l.received ?? 0,
        damaged: l.damaged ?? 0,
        missing: l.missing ?? 0,
        qualityBase: l.qualityBase ?? 0,
        saleUnit: { unit: l.unit, base: l.base },
        ...(l.substituteFor ? { substituteFor: l.substituteFor } : {}),
        ...(l.kitchenDecision ? { kitchenDecision: l.kitchenDecision } : {}),
        designatedFen: designatedFenOfLine(l, d),
      })),
      gross: d.gross,
      claimsTotal: d.claimsTotal,
      amount: d.amount,
    })),
    pending: pending.map((d) => ({ deliveryId: d.deliveryId, date: d.date, status: d.status })),
    claims,
    totals: { deliveries: billed.length, gross, claims: claimsTotal, amount },
    payments: input.payments,
    paid,
    unpaid,
    credit: Math.max(0, paid - amount),
    /** The 832 figure: the part of the amount bought from designated poverty-alleviation counties. */
    designated: designatedShare(amount, billed.reduce((sum, d) => sum + designatedFenOf(d), 0)),
  };
}
