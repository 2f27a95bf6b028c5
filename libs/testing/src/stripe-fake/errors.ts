/** Stripe's error types, as `error.type` in its JSON answers. */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

/** An error answer of the fake, rendered in Stripe's JSON shape `{ error: { type, code, param, message } }`. */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    readonly code?: string,
    readonly param?: string,
    /** Stripe keeps the outcome of a request that started executing (e.g. a decline) for idempotent replay. */
    readonly replayable = false,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): { error: Record<string, unknown> } {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code !== undefined && {
          code: this.code,
          doc_url: `https://docs.stripe.com/error-codes/${this.code.replace(/_/g, '-')}`,
        }),
        ...(this.param !== undefined && { param: this.param }),
        ...this.extra,
      },
    };
  }
}

/** A 400 invalid_request_error. */
export function invalidRequest(message: string, code?: string, param?: string): FakeApiError {
  return new FakeApiError(400, 'invalid_request_error', message, code, param);
}

/** A 404 for an id that does not exist, worded as Stripe words it. */
export function noSuch(kind: string, id: string, param = 'id'): FakeApiError {
  return new FakeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing', param);
}
