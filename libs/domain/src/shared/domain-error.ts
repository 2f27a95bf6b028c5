/** Stable, machine-readable codes of business rule violations (see shared/docs/api.md). */
export type DomainErrorCode =
  | 'SOLD_OUT'
  | 'LIMIT_EXCEEDED'
  | 'CUTOFF_PASSED'
  | 'NOT_OPEN'
  | 'OUTBID'
  | 'BID_TOO_LOW'
  | 'CREDIT_EXCEEDED'
  | 'INSUFFICIENT_STOCK'
  | 'BATCH_NOT_SELLABLE'
  | 'ALREADY_DECIDED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'UNKNOWN_WAREHOUSE'
  | 'UNKNOWN_SKU'
  | 'UNKNOWN_PRODUCER'
  | 'INVALID_DATES'
  | 'PAYMENT_METHOD_UNAVAILABLE'
  | 'INVALID_SCHEDULE'
  | 'GOODS_NOT_ARRIVED';

/** A business rule was violated. Carries a stable code and no HTTP status: the HTTP layer maps it. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Optional field the violation is about, for problem+json `errors`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Type guard that survives module duplication (checks the shape, not the prototype). */
export function isDomainError(e: unknown): e is DomainError {
  return e instanceof Error && e.name === 'DomainError' && typeof (e as DomainError).code === 'string';
}
