import type { FastifyRequest } from 'fastify';
import type { AuthUser } from './auth.types';
import type { TokenService } from './token.service';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

/** The token of an `Authorization: Bearer …` header, or null when there is none or it is malformed. */
function bearerToken(header: unknown): string | null {
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  return match ? match[1] : null;
}

const VERIFIED = Symbol('gx.bearerUser');
type WithUser = FastifyRequest & { [VERIFIED]?: AuthUser | null };

/**
 * The user of a request's bearer token, or null (no token, malformed, invalid or expired). Verified
 * once per request: the idempotency hook and the guard both ask.
 */
export function bearerUser(request: FastifyRequest, tokens: TokenService): AuthUser | null {
  const req = request as WithUser;
  if (req[VERIFIED] === undefined) {
    const token = bearerToken(request.headers.authorization);
    req[VERIFIED] = token === null ? null : tokens.verify(token);
  }
  return req[VERIFIED];
}
