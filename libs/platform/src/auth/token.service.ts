import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { ROLES, type Role } from '@gx/domain/identity/user';
import { CONFIG, type AppConfig } from '../config/config';
import type { AuthUser } from './auth.types';
import { verifyHs256 } from './hs256';

const ISSUER = 'gongxiao-market';

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
    const payload = verifyHs256(token, this.key, { issuer: ISSUER, nowSeconds: Math.floor(Date.now() / 1000) });
    if (payload === null) return null;
    const { sub, roles, party } = payload;
    if (typeof sub !== 'string' || sub === '') return null;
    if (!Array.isArray(roles) || !roles.every((r): r is Role => (ROLES as readonly unknown[]).includes(r))) return null;
    if (party !== undefined && typeof party !== 'string') return null;
    return { username: sub, roles, ...(party !== undefined && { party }) };
  }
}
