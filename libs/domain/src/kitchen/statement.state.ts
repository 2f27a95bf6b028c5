import type { StatementEvent, StatementPayment } from './statement.events';

/** Payments of one kitchen's month (`statement-<kitchen>-<yyyy-mm>`). */
export interface StatementState {
  kitchen: string;
  month: string;
  payments: StatementPayment[];
  paid: number;
}

export const initialStatementState: StatementState = { kitchen: '', month: '', payments: [], paid: 0 };

/** Fold one statement event. */
export function evolveStatement(state: StatementState, event: StatementEvent): StatementState {
  if (event.type !== 'StatementPaymentRecorded') return state;
  const { kitchen, month, ...payment } = event.data;
  // A reference is recorded once (the decider sees to it); folding the same event again changes nothing.
  if (state.payments.some((p) => p.reference === payment.reference)) return state;
  return { kitchen, month, payments: [...state.payments, payment], paid: state.paid + payment.amount };
}
