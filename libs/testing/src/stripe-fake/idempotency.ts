import { FakeApiError } from './errors';

/** A response kept for replay under an idempotency key. */
export interface SavedResponse {
  endpoint: string;
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
}

/** What a request with an idempotency key gets before it runs. */
export type IdempotencyCheck = { kind: 'new' } | { kind: 'replay'; saved: SavedResponse };

/**
 * Stripe's idempotency: the first outcome under a key is kept; the same key with the same endpoint
 * and parameters replays it, with anything else is an `idempotency_error`.
 */
export class IdempotencyKeys {
  private readonly saved = new Map<string, SavedResponse>();

  check(key: string, endpoint: string, fingerprint: string): IdempotencyCheck {
    const saved = this.saved.get(key);
    if (saved === undefined) return { kind: 'new' };
    if (saved.endpoint !== endpoint) {
      throw new FakeApiError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${saved.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    if (saved.fingerprint !== fingerprint) {
      throw new FakeApiError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    return { kind: 'replay', saved };
  }

  save(key: string, response: SavedResponse): void {
    this.saved.set(key, response);
  }
}
