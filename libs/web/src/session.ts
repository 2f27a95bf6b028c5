/**
 * The signed-in session of a UI: the bearer token, the refresh token and when the bearer token expires,
 * in the given storage (sessionStorage by default: one tab, gone with it). A session refreshes itself
 * silently (`POST /auth/refresh`) shortly before its access token expires, so a person working a whole
 * shift is not sent back to the sign-in page; it ends when the server refuses the refresh (signed out,
 * disabled, new roles, password reset) or when the refresh token's shift is over.
 */
const TOKEN_KEY = 'gx.token';
const REFRESH_KEY = 'gx.refresh';
const EXPIRES_KEY = 'gx.expiresAt';

/** Refresh when the access token has less than this left (ms). */
export const REFRESH_MARGIN_MS = 60_000;

/** The refresh part of a login answer (`/auth/login`, `/auth/signup`, `/auth/refresh`). */
export interface SessionTokens {
  refreshToken?: string;
  /** Lifetime of the access token in seconds. */
  expiresIn?: number;
}

export interface SessionStore {
  token(): string | null;
  /** Start the session with a bearer token (and, from a login answer, its refresh token and lifetime). */
  signIn(token: string, tokens?: SessionTokens): void;
  /** End the session here; with `endSession` also on the server (every token of the user refused: `POST /auth/logout`). */
  signOut(options?: { endSession?: boolean }): void;
  /** A bearer token valid for at least a minute more when possible: refreshes first when it is about to expire. Null when signed out. */
  freshToken(): Promise<string | null>;
}

type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Where and how a session talks to its app. */
export interface SessionOptions {
  /** Prefix of `/auth/refresh` and `/auth/logout` (the app's origin by default). */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A session on the given storage (sessionStorage in the browser). */
export function createSession(storage: SessionStorage = sessionStorage, options: SessionOptions = {}): SessionStore {
  const baseUrl = options.baseUrl ?? '';
  const send = (...args: Parameters<typeof fetch>) => (options.fetch ?? fetch)(...args);
  const now = options.now ?? Date.now;
  let refreshing: Promise<string | null> | null = null;

  const clear = () => {
    storage.removeItem(TOKEN_KEY);
    storage.removeItem(REFRESH_KEY);
    storage.removeItem(EXPIRES_KEY);
  };

  const session: SessionStore = {
    token: () => storage.getItem(TOKEN_KEY),
    signIn(token, tokens = {}) {
      storage.setItem(TOKEN_KEY, token);
      if (tokens.refreshToken !== undefined) storage.setItem(REFRESH_KEY, tokens.refreshToken);
      else storage.removeItem(REFRESH_KEY);
      if (tokens.expiresIn !== undefined) storage.setItem(EXPIRES_KEY, String(now() + tokens.expiresIn * 1000));
      else storage.removeItem(EXPIRES_KEY);
    },
    signOut({ endSession = false } = {}) {
      const token = storage.getItem(TOKEN_KEY);
      clear();
      if (endSession && token) {
        // Best effort: the tokens are gone here whatever the server answers.
        void send(`${baseUrl}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(
          () => undefined,
        );
      }
    },
    async freshToken() {
      const token = storage.getItem(TOKEN_KEY);
      const refreshToken = storage.getItem(REFRESH_KEY);
      const expiresAt = Number(storage.getItem(EXPIRES_KEY) ?? NaN);
      if (!token || !refreshToken || !Number.isFinite(expiresAt) || expiresAt - now() > REFRESH_MARGIN_MS) return token;
      // One refresh at a time: concurrent calls share it (the refresh token is used once).
      refreshing ??= (async () => {
        try {
          const response = await send(`${baseUrl}/auth/refresh`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ refreshToken }),
          });
          if (response.status === 401) {
            clear();
            return null;
          }
          if (!response.ok) return storage.getItem(TOKEN_KEY); // a passing fault: keep the token until it is refused
          const body = (await response.json()) as { accessToken: string } & SessionTokens;
          session.signIn(body.accessToken, body);
          return body.accessToken;
        } catch {
          return storage.getItem(TOKEN_KEY);
        } finally {
          refreshing = null;
        }
      })();
      return refreshing;
    },
  };
  return session;
}
