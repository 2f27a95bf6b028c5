import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '../context/clock';
import { ProblemException } from '../errors/problem';

/** Limits of one kind of key: failures allowed before a block, and how long blocks last. */
export interface ThrottleRule {
  /** Failures (within `forgetAfterMs` of each other) after which the key is blocked. */
  freeFailures: number;
  /** First block; every further failure after a block doubles it, up to `maxBlockMs`. */
  baseBlockMs: number;
  maxBlockMs: number;
}

/** The three keys of a login attempt and their rules. */
export interface LoginThrottleOptions {
  /** One login name from one client: strict, as a real user on their own device rarely fails often. */
  pair: ThrottleRule;
  /**
   * One login name from anywhere: throttles guessing spread over many clients. It holds only for clients
   * that failed on that name themselves, and is short, so its owner is not locked out.
   */
  account: ThrottleRule;
  /** One client, whatever names it tries: stops guessing across many accounts. */
  client: ThrottleRule;
  /** A key with no failure for this long is forgotten. */
  forgetAfterMs: number;
  /** Most keys remembered (least recently failed forgotten first). */
  maxKeys: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  pair: { freeFailures: 5, baseBlockMs: 30_000, maxBlockMs: 15 * 60_000 },
  account: { freeFailures: 10, baseBlockMs: 30_000, maxBlockMs: 5 * 60_000 },
  client: { freeFailures: 30, baseBlockMs: 60_000, maxBlockMs: 15 * 60_000 },
  forgetAfterMs: 15 * 60_000,
  maxKeys: 100_000,
};

/** Injection token of the {@link LoginThrottleOptions} (the defaults when absent). */
export const LOGIN_THROTTLE_OPTIONS = Symbol('LOGIN_THROTTLE_OPTIONS');

interface Entry {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

/**
 * Slows down password guessing on `POST /auth/login` (and on the current password of
 * `PUT /me/password`): failures are counted per login name and client, per login name and per client;
 * past a rule's free failures the key is blocked (429 TOO_MANY_ATTEMPTS with Retry-After) for a time
 * that doubles with each further failure. Names are counted whether or not an account exists, and a
 * blocked attempt is refused before any lookup, so the answers never tell an existing account from an
 * absent one. A success clears the count of its name from its client. Kept in the memory of each process (a restart
 * forgets; several processes of one app each count on their own).
 */
@Injectable()
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly options: LoginThrottleOptions;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(LOGIN_THROTTLE_OPTIONS) options?: LoginThrottleOptions,
  ) {
    this.options = options ?? DEFAULT_LOGIN_THROTTLE;
  }

  private keys(login: string, client: string): Array<[string, ThrottleRule]> {
    const name = login.trim().toLowerCase();
    return [
      [`pair\u0000${name}\u0000${client}`, this.options.pair],
      [`account\u0000${name}`, this.options.account],
      [`client\u0000${client}`, this.options.client],
    ];
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailure > this.options.forgetAfterMs && now >= entry.blockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Throws 429 with Retry-After (seconds) while any key of the attempt is blocked. */
  check(login: string, client: string): void {
    const now = this.clock.now().getTime();
    const [[pairKey], [accountKey], [clientKey]] = this.keys(login, client);
    const pair = this.live(pairKey, now);
    // A name's block holds only for clients that failed on it themselves: its owner, signing in from
    // a device that has not failed, is never locked out by someone guessing from elsewhere.
    const account = pair ? this.live(accountKey, now) : undefined;
    const until = Math.max(
      pair?.blockedUntil ?? 0,
      account?.blockedUntil ?? 0,
      this.live(clientKey, now)?.blockedUntil ?? 0,
    );
    if (until > now) {
      const seconds = Math.max(1, Math.ceil((until - now) / 1000));
      throw new ProblemException(
        429,
        'TOO_MANY_ATTEMPTS',
        `Too many failed sign-in attempts; try again in ${seconds} seconds.`,
        {
          headers: { 'Retry-After': String(seconds) },
        },
      );
    }
  }

  /** Count a failed attempt. */
  failed(login: string, client: string): void {
    const now = this.clock.now().getTime();
    for (const [key, rule] of this.keys(login, client)) {
      const entry = this.live(key, now) ?? { failures: 0, lastFailure: now, blockedUntil: 0 };
      entry.failures += 1;
      entry.lastFailure = now;
      const over = entry.failures - rule.freeFailures;
      if (over >= 0) entry.blockedUntil = now + Math.min(rule.maxBlockMs, rule.baseBlockMs * 2 ** Math.min(over, 30));
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    while (this.entries.size > this.options.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** A success: the name's count from this client starts again (the name's overall count and the client's stay, as others may be guessing). */
  succeeded(login: string, client: string): void {
    this.entries.delete(this.keys(login, client)[0][0]);
  }
}
