/** Source of the current time for request contexts and idempotency expiry; replaceable in tests. */
export interface Clock {
  now(): Date;
}

/** Injection token of the {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
