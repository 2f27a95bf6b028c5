import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { isBusinessDate } from './schedule';
import type { StatementEvent, StatementPayment } from './statement.events';
import { evolveStatement, initialStatementState, type StatementState } from './statement.state';

/** Record a payment received for the statement; the bank's reference may be recorded only once. */
export type RecordStatementPayment = Omit<StatementPayment, 'recordedBy' | 'recordedAt'> & {
  type: 'RecordStatementPayment';
  kitchen: string;
  month: string;
  by: string;
  now: string;
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function record(c: RecordStatementPayment, state: StatementState): StatementEvent[] {
  if (!MONTH.test(c.month)) throw new DomainError('INVALID_DATES', 'month must be written YYYY-MM', 'month');
  if (!isBusinessDate(c.paidOn))
    throw new DomainError('INVALID_DATES', 'paidOn must be a date written YYYY-MM-DD', 'paidOn');
  if (!Number.isSafeInteger(c.amount) || c.amount <= 0)
    throw new DomainError('INVALID_STATE', 'amountFen must be a positive whole number of fen', 'amountFen');
  if (state.payments.some((p) => p.reference === c.reference)) {
    throw new DomainError(
      'ALREADY_EXISTS',
      `payment ${c.reference} is already recorded on this statement`,
      'reference',
    );
  }
  const { kitchen, month, reference, amount, method, paidOn, by, now } = c;
  return [
    {
      type: 'StatementPaymentRecorded',
      data: { kitchen, month, reference, amount, method, paidOn, recordedBy: by, recordedAt: now },
    },
  ];
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
