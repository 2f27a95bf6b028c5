import { createSession, REFRESH_MARGIN_MS } from './session';

/** An in-memory Storage. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    items,
  };
}

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('session', () => {
  it('keeps the old API: token(), signIn(token), signOut()', async () => {
    const session = createSession(memoryStorage(), { fetch: jest.fn() });
    expect(session.token()).toBeNull();
    session.signIn('t1');
    expect(session.token()).toBe('t1');
    await expect(session.freshToken()).resolves.toBe('t1');
    session.signOut();
    expect(session.token()).toBeNull();
  });

  it('refreshes silently shortly before the access token expires, once for concurrent callers', async () => {
    let now = 1_000_000;
    const fetch = jest.fn(async () => answer(200, { accessToken: 't2', refreshToken: 'r2', expiresIn: 3600 }));
    const session = createSession(memoryStorage(), {
      fetch: fetch as unknown as typeof globalThis.fetch,
      now: () => now,
    });
    session.signIn('t1', { refreshToken: 'r1', expiresIn: 3600 });
    await expect(session.freshToken()).resolves.toBe('t1');
    expect(fetch).not.toHaveBeenCalled();
    now += 3600_000 - REFRESH_MARGIN_MS + 1;
    const [a, b] = await Promise.all([session.freshToken(), session.freshToken()]);
    expect([a, b]).toEqual(['t2', 't2']);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(
      '/auth/refresh',
      expect.objectContaining({ method: 'POST', body: JSON.stringify({ refreshToken: 'r1' }) }),
    );
    expect(session.token()).toBe('t2');
  });

  it('ends when the server refuses the refresh; keeps the token through a passing fault', async () => {
    let now = 0;
    const fetch = jest.fn(async () => answer(503, {}));
    const session = createSession(memoryStorage(), {
      fetch: fetch as unknown as typeof globalThis.fetch,
      now: () => now,
    });
    session.signIn('t1', { refreshToken: 'r1', expiresIn: 60 });
    now = 30_000;
    await expect(session.freshToken()).resolves.toBe('t1');
    fetch.mockImplementation(async () => answer(401, { code: 'UNAUTHORIZED' }));
    await expect(session.freshToken()).resolves.toBeNull();
    expect(session.token()).toBeNull();
  });

  it('signing out with endSession tells the server', () => {
    const fetch = jest.fn(async () => new Response(null, { status: 204 }));
    const session = createSession(memoryStorage(), {
      fetch: fetch as unknown as typeof globalThis.fetch,
      baseUrl: 'http://x',
    });
    session.signIn('t1', { refreshToken: 'r1', expiresIn: 60 });
    session.signOut({ endSession: true });
    expect(fetch).toHaveBeenCalledWith('http://x/auth/logout', {
      method: 'POST',
      headers: { authorization: 'Bearer t1' },
    });
    expect(session.token()).toBeNull();
  });
});
