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

export type StatementEvent = {
  type: 'StatementPaymentRecorded';
  data: StatementPayment & { kitchen: string; month: string };
};

/** Stream of the payments of one kitchen's monthly statement. */
export const statementStream = (kitchen: string, month: string): string => `statement-${kitchen}-${month}`;
