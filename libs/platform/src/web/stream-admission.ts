import { ProblemException } from '../errors/problem';

/** An admitted stream: open it once, and `release` it when it ends (or was never opened). */
export interface Admission {
  release(): void;
}

/** How many streams one process serves: per user, per watched thing (a lot, a campaign…), in all. */
export interface StreamLimits {
  perUser: number;
  perKey: number;
  total: number;
}

/** The refusals' texts, for the people who read them. */
export interface StreamRefusals {
  perUser(limit: number): string;
  perKey: string;
  total: string;
}

export type RefusalReason = 'per_user' | 'per_key' | 'per_process';

/**
 * Admission control of long-lived streams in one process: one more stream of `key` for `user` is admitted
 * within the bounds, or refused with 429 `TOO_MANY_STREAMS` beyond the user's own bound (Retry-After 30)
 * and 503 beyond the key's or the process's (Retry-After 10). Anonymous streams (no user) count against the
 * key and the process only. Counts are kept in Maps: client-supplied keys are data, never object keys.
 */
export class StreamAdmission {
  private total = 0;
  private readonly perUser = new Map<string, number>();
  private readonly perKey = new Map<string, number>();

  constructor(
    private readonly limits: StreamLimits,
    private readonly refusals: StreamRefusals,
    private readonly onRefused: (reason: RefusalReason) => void = () => undefined,
  ) {}

  /** Streams admitted and not yet released. */
  get open(): number {
    return this.total;
  }

  admit(key: string, user: string | undefined): Admission {
    const refuse = (status: 429 | 503, reason: RefusalReason, detail: string, retryAfter: number): never => {
      this.onRefused(reason);
      throw new ProblemException(status, 'TOO_MANY_STREAMS', detail, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    };
    if (user !== undefined && (this.perUser.get(user) ?? 0) >= this.limits.perUser) {
      refuse(429, 'per_user', this.refusals.perUser(this.limits.perUser), 30);
    }
    if ((this.perKey.get(key) ?? 0) >= this.limits.perKey) refuse(503, 'per_key', this.refusals.perKey, 10);
    if (this.total >= this.limits.total) refuse(503, 'per_process', this.refusals.total, 10);
    this.total += 1;
    if (user !== undefined) bump(this.perUser, user, 1);
    bump(this.perKey, key, 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total -= 1;
        if (user !== undefined) bump(this.perUser, user, -1);
        bump(this.perKey, key, -1);
      },
    };
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}
