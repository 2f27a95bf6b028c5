import type { DomainErrorCode } from '@gx/domain/shared/domain-error';

/** HTTP status of each DomainError code: conflicts with current state are 409, unacceptable input 422. */
export const DOMAIN_ERROR_STATUS: Record<DomainErrorCode, number> = {
  SOLD_OUT: 409,
  LIMIT_EXCEEDED: 409,
  CUTOFF_PASSED: 409,
  NOT_OPEN: 409,
  OUTBID: 409,
  INSUFFICIENT_STOCK: 409,
  ALREADY_DECIDED: 409,
  ALREADY_EXISTS: 409,
  INVALID_STATE: 409,
  GOODS_NOT_ARRIVED: 409,
  BID_TOO_LOW: 422,
  CREDIT_EXCEEDED: 422,
  BATCH_NOT_SELLABLE: 422,
  UNKNOWN_WAREHOUSE: 422,
  UNKNOWN_SKU: 422,
  UNKNOWN_PRODUCER: 422,
  INVALID_DATES: 422,
  PAYMENT_METHOD_UNAVAILABLE: 422,
  INVALID_SCHEDULE: 422,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};
