import type { Problem } from './problem';

/**
 * Thrown by the idempotency interceptor to answer a stored error response again. The filter sends
 * the stored document verbatim (first correlation id included) so the replay is byte-for-byte the same.
 */
export class ReplayedProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: Problem,
  ) {
    super(body.detail);
    this.name = 'ReplayedProblem';
  }
}
