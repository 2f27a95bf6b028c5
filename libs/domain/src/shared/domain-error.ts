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
  | 'HOLD_OWNED_BY_CHANNEL'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'UNKNOWN_WAREHOUSE'
  | 'UNKNOWN_SKU'
  | 'UNKNOWN_PRODUCER'
  | 'UNKNOWN_KITCHEN'
  | 'UNKNOWN_PARTY'
  | 'INVALID_DATES'
  | 'PAYMENT_METHOD_UNAVAILABLE'
  | 'INVALID_SCHEDULE'
  | 'GOODS_NOT_ARRIVED'
  | 'CAMPAIGN_NOT_DRAFT'
  | 'CAMPAIGN_CANCELLED'
  | 'MOBILE_TAKEN'
  | 'PERSON_ERASED';

/**
 * A business rule was violated. Carries a stable code and no HTTP status: the HTTP layer maps it.
 * It is an answer, not a fault, so it captures no stack trace: in a flash sale nine attempts in ten end
 * in SOLD_OUT, and capturing a stack cost more CPU than deciding.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Optional field the violation is about, for problem+json `errors`. */
  readonly field?: string;
  /** Figures of an INSUFFICIENT_STOCK refusal in base units, so a caller can restate them in its own unit. */
  readonly shortfall?: { available: number; asked: number };
  /** Figures a client can act on, answered as problem+json extension members (e.g. BID_TOO_LOW's `minimumBidFen`). */
  readonly extensions?: Readonly<Record<string, number>>;

  constructor(code: DomainErrorCode, message: string, field?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = 'DomainError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

/** INSUFFICIENT_STOCK: `available` base units, `asked` asked (the message says it in base units); `field` the request's (`quantityBase` by default). */
export function insufficientStock(available: number, asked: number, field = 'quantityBase'): DomainError {
  const error = new DomainError('INSUFFICIENT_STOCK', `${available} available, ${asked} asked`, field);
  (error as { shortfall?: { available: number; asked: number } }).shortfall = { available, asked };
  return error;
}

/** Type guard that survives module duplication (checks the shape, not the prototype). */
export function isDomainError(e: unknown): e is DomainError {
  return e instanceof Error && e.name === 'DomainError' && typeof (e as DomainError).code === 'string';
}
