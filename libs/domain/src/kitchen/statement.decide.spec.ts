import { given } from '@gx/testing';
import { fold } from '../shared/decider';
import { statementDecider, type RecordStatementPayment } from './statement.decide';
import type { StatementEvent } from './statement.events';

const T = '2026-01-26T08:00:01.000Z';
const payment = (reference: string, amount: number) => ({
  reference,
  amount,
  method: 'bank_transfer' as const,
  paidOn: '2026-02-05',
  recordedBy: 'operator1',
  recordedAt: T,
});

describe('statement payments', () => {
  const record = (reference: string, amount: number): RecordStatementPayment => ({
    type: 'RecordStatementPayment',
    kitchen: 'KITCHEN-LC-01',
    month: '2026-01',
    reference,
    amount,
    method: 'bank_transfer',
    paidOn: '2026-02-05',
    by: 'operator1',
    now: T,
  });
  const recorded: StatementEvent = {
    type: 'StatementPaymentRecorded',
    data: { kitchen: 'KITCHEN-LC-01', month: '2026-01', ...payment('BANK-1', 63_340) },
  };

  it('records a bank transfer against the month', () => {
    given(statementDecider).when(record('BANK-1', 63_340)).then([recorded]);
    expect(fold(statementDecider, [recorded]).paid).toBe(63_340);
  });

  it('refuses the same bank reference twice and an amount that is not a positive number of fen', () => {
    given(statementDecider, [recorded]).when(record('BANK-1', 1)).thenFails('ALREADY_EXISTS', 'reference');
    given(statementDecider).when(record('BANK-2', 0)).thenFails('INVALID_STATE', 'amountFen');
    given(statementDecider)
      .when({ ...record('BANK-2', 1), month: '2026-13' })
      .thenFails('INVALID_DATES', 'month');
  });
});
