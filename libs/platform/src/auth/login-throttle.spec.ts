import { ProblemException } from '../errors/problem';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle } from './login-throttle';

/** A clock the test moves by hand. */
function fakeClock(start = Date.parse('2026-12-01T08:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** The Retry-After (seconds) of a refused attempt, or null when it may go ahead. */
function retryAfter(throttle: LoginThrottle, login: string, client: string): number | null {
  try {
    throttle.check(login, client);
    return null;
  } catch (err) {
    if (!(err instanceof ProblemException)) throw err;
    expect(err.status).toBe(429);
    expect(err.code).toBe('TOO_MANY_ATTEMPTS');
    return Number(err.headers['Retry-After']);
  }
}

describe('LoginThrottle', () => {
  it('lets a few failures pass, then blocks the name from that client for a time that doubles, and forgets', () => {
    const clock = fakeClock();
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < DEFAULT_LOGIN_THROTTLE.pair.freeFailures; i += 1) {
      expect(retryAfter(throttle, 'consumer1', '10.0.0.1')).toBeNull();
      throttle.failed('consumer1', '10.0.0.1');
    }
    expect(retryAfter(throttle, 'consumer1', '10.0.0.1')).toBe(30);
    clock.advance(29_000);
    expect(retryAfter(throttle, 'consumer1', '10.0.0.1')).toBe(1);
    clock.advance(1_000);
    expect(retryAfter(throttle, 'consumer1', '10.0.0.1')).toBeNull();
    throttle.failed('consumer1', '10.0.0.1');
    expect(retryAfter(throttle, 'consumer1', '10.0.0.1')).toBe(60);
    clock.advance(60_000);
    throttle.failed('consumer1', '10.0.0.1');
    expect(retryAfter(throttle, 'consumer1', '10.0.0.1')).toBe(120);
    // A quiet quarter of an hour after the block ends: counting starts again.
    clock.advance(120_000 + DEFAULT_LOGIN_THROTTLE.forgetAfterMs + 1);
    expect(retryAfter(throttle, 'consumer1', '10.0.0.1')).toBeNull();
    throttle.failed('consumer1', '10.0.0.1');
    expect(retryAfter(throttle, 'consumer1', '10.0.0.1')).toBeNull();
  });

  it('never blocks longer than the rule’s maximum', () => {
    const clock = fakeClock();
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 40; i += 1) throttle.failed('victim', '10.0.0.9');
    expect(retryAfter(throttle, 'victim', '10.0.0.9')).toBe(DEFAULT_LOGIN_THROTTLE.pair.maxBlockMs / 1000);
  });

  it('guessing one name from many clients blocks those clients, never the owner on a client that did not fail', () => {
    const clock = fakeClock();
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 50; i += 1) {
      const client = `203.0.113.${i}`;
      if (retryAfter(throttle, 'operator1', client) === null) throttle.failed('operator1', client);
    }
    // The attackers' clients that failed once are refused now, for at most the account rule's maximum…
    const refused = retryAfter(throttle, 'operator1', '203.0.113.49');
    expect(refused).not.toBeNull();
    expect(refused).toBeLessThanOrEqual(DEFAULT_LOGIN_THROTTLE.account.maxBlockMs / 1000);
    // …while the owner signs in from their own device.
    expect(retryAfter(throttle, 'operator1', '192.168.1.20')).toBeNull();
    throttle.succeeded('operator1', '192.168.1.20');
    expect(retryAfter(throttle, 'operator1', '203.0.113.1')).not.toBeNull();
    clock.advance(DEFAULT_LOGIN_THROTTLE.account.maxBlockMs);
    expect(retryAfter(throttle, 'operator1', '203.0.113.1')).toBeNull();
  });

  it('a client guessing across many names is blocked for all of them', () => {
    const clock = fakeClock();
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < DEFAULT_LOGIN_THROTTLE.client.freeFailures; i += 1) throttle.failed(`user${i}`, '198.51.100.7');
    expect(retryAfter(throttle, 'someone-new', '198.51.100.7')).toBe(60);
    expect(retryAfter(throttle, 'someone-new', '198.51.100.8')).toBeNull();
  });

  it('treats existing and unknown names alike, and a success clears the name’s count from that client', () => {
    const clock = fakeClock();
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 5; i += 1) throttle.failed('no-such-user', '10.1.1.1');
    expect(retryAfter(throttle, 'no-such-user', '10.1.1.1')).toBe(30);
    expect(retryAfter(throttle, 'NO-SUCH-USER ', '10.1.1.1')).toBe(30);
    for (let i = 0; i < 4; i += 1) throttle.failed('consumer2', '10.1.1.2');
    throttle.succeeded('consumer2', '10.1.1.2');
    throttle.failed('consumer2', '10.1.1.2');
    expect(retryAfter(throttle, 'consumer2', '10.1.1.2')).toBeNull();
  });
});
