import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { ROLES, type Role } from '@gx/domain/identity/user.events';
import { CONFIG, type AppConfig } from '../config/config';
import { TOKEN_REVOCATION, type AuthUser, type TokenRevocation } from './auth.types';
import { verifyHs256 } from './hs256';

const ISSUER = 'gongxiao-market';
/** How many verified tokens are remembered (a few MiB at most). */
const VERIFIED_TOKENS = 20_000;

/** How long a refresh token lasts: a working day with overtime (a shift), in seconds. */
export const REFRESH_TTL_SECONDS = 14 * 3600;

/** An issued access token and its lifetime. */
export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/** Issues and verifies HS256 access tokens (claims: sub = username, roles, party, iat, exp). */
@Injectable()
export class TokenService {
  /** The HS256 key, made once (jsonwebtoken, given a string, probes it as a public key on every sign). */
  private readonly key: KeyObject;
  /** Verified token text → its user and expiry (Unix seconds), least recently used first. */
  private readonly verified = new Map<string, { user: AuthUser; exp: number }>();

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(TOKEN_REVOCATION) private readonly revocation?: TokenRevocation,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  /** Sign an access token for `user`, valid for JWT_TTL_SECONDS. */
  issue(user: AuthUser): IssuedToken {
    const claims: { roles: Role[]; party?: string; ep?: number } = { roles: user.roles };
    if (user.party !== undefined) claims.party = user.party;
    if (user.epoch !== undefined && user.epoch > 0) claims.ep = user.epoch;
    const accessToken = sign(claims, this.key, {
      algorithm: 'HS256',
      subject: user.username,
      issuer: ISSUER,
      expiresIn: this.config.jwt.ttlSeconds,
    });
    return { accessToken, expiresIn: this.config.jwt.ttlSeconds };
  }

  /** Sign a refresh token for `username` at session epoch `epoch`, valid for {@link REFRESH_TTL_SECONDS}. */
  issueRefresh(username: string, epoch: number): IssuedToken {
    const refreshToken = sign({ typ: 'refresh', ep: epoch }, this.key, {
      algorithm: 'HS256',
      subject: username,
      issuer: ISSUER,
      expiresIn: REFRESH_TTL_SECONDS,
    });
    return { accessToken: refreshToken, expiresIn: REFRESH_TTL_SECONDS };
  }

  /** The username and session epoch of a valid refresh token, or null (never an access token). */
  verifyRefresh(token: string): { username: string; epoch: number } | null {
    const payload = verifyHs256(token, this.key, { issuer: ISSUER, nowSeconds: Math.floor(Date.now() / 1000) });
    if (payload === null || payload.typ !== 'refresh') return null;
    const { sub, ep } = payload;
    if (typeof sub !== 'string' || sub === '' || typeof ep !== 'number' || !Number.isSafeInteger(ep) || ep < 0)
      return null;
    return { username: sub, epoch: ep };
  }

  /**
   * The user of a valid token, or null when it is malformed, forged, expired or lacks claims.
   *
   * A client sends the same token with every request of its session, so tokens verified before are
   * remembered (the exact token text, bounded, least recently used first out) with their expiry, which
   * is checked again on every use: the HMAC is computed once per token rather than once per request.
   * Only tokens that verified are remembered; the users handed out are frozen, as they are shared.
   */
  verify(token: string): AuthUser | null {
    const user = this.verifySignature(token);
    // A disabled account's tokens, and those of sessions ended since they were issued, stop working at once.
    return user && this.revocation?.isRevoked(user) ? null : user;
  }

  private verifySignature(token: string): AuthUser | null {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const known = this.verified.get(token);
    if (known) {
      this.verified.delete(token);
      if (nowSeconds >= known.exp) return null;
      this.verified.set(token, known);
      return known.user;
    }
    const payload = verifyHs256(token, this.key, { issuer: ISSUER, nowSeconds });
    if (payload === null || payload.typ !== undefined) return null; // a refresh token is no access token
    const { sub, roles, party, exp, ep } = payload;
    if (typeof sub !== 'string' || sub === '') return null;
    if (!Array.isArray(roles) || !roles.every((r): r is Role => (ROLES as readonly unknown[]).includes(r))) return null;
    if (party !== undefined && typeof party !== 'string') return null;
    if (ep !== undefined && !(typeof ep === 'number' && Number.isSafeInteger(ep) && ep > 0)) return null;
    const user: AuthUser = Object.freeze({
      username: sub,
      roles: Object.freeze([...roles]) as Role[],
      ...(party !== undefined && { party }),
      ...(ep !== undefined && { epoch: ep }),
    });
    this.verified.set(token, { user, exp: exp as number });
    if (this.verified.size > VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    return user;
  }
}
