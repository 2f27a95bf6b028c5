import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sign, verify } from 'jsonwebtoken';
import { ROLES, type Role } from '@gx/domain/identity/user';
import { CONFIG, type AppConfig } from '../config/config';
import type { AuthUser } from './auth.types';

const ISSUER = 'gongxiao-market';

/** An issued access token and its lifetime. */
export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/** Issues and verifies HS256 access tokens (claims: sub = username, roles, party, iat, exp). */
@Injectable()
export class TokenService {
  /**
   * The HS256 key, made once: given a string, jsonwebtoken first tries to parse it as a public key
   * on every verify (a thrown and caught error each time, measurable under load).
   */
  private readonly key: KeyObject;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  /** Sign an access token for `user`, valid for JWT_TTL_SECONDS. */
  issue(user: AuthUser): IssuedToken {
    const claims: { roles: Role[]; party?: string } = { roles: user.roles };
    if (user.party !== undefined) claims.party = user.party;
    const accessToken = sign(claims, this.key, {
      algorithm: 'HS256',
      subject: user.username,
      issuer: ISSUER,
      expiresIn: this.config.jwt.ttlSeconds,
    });
    return { accessToken, expiresIn: this.config.jwt.ttlSeconds };
  }

  /** The user of a valid token, or null when it is malformed, forged, expired or lacks claims. */
  verify(token: string): AuthUser | null {
    let payload: unknown;
    try {
      payload = verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
    } catch {
      return null;
    }
    if (typeof payload !== 'object' || payload === null) return null;
    const { sub, roles, party } = payload as Record<string, unknown>;
    if (typeof sub !== 'string' || sub === '') return null;
    if (!Array.isArray(roles) || !roles.every((r): r is Role => (ROLES as readonly unknown[]).includes(r))) return null;
    if (party !== undefined && typeof party !== 'string') return null;
    return { username: sub, roles, ...(party !== undefined && { party }) };
  }
}
