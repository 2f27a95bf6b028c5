/** Source of the current time for request contexts and idempotency expiry; replaceable in tests. */
export interface Clock {
  now(): Date;
}

/** Injection token of the {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * Optional global provider that replaces the {@link CLOCK} of every app it is given to (tests move time
 * with it, e.g. through login throttling); absent in production.
 */
export const CLOCK_OVERRIDE = Symbol('CLOCK_OVERRIDE');
