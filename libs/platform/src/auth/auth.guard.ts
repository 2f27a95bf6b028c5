import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../errors/problem';
import type { AuthUser, Role } from './auth.types';
import { IS_PUBLIC_KEY, ROLES_KEY } from './decorators';
import { TokenService } from './token.service';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

/**
 * Global guard: every route needs a valid bearer token unless marked {@link Public}; {@link Roles}
 * narrows who may call it. A public route still recognises a valid token, so it can personalise.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) === true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    const user = match ? this.tokens.verify(match[1]) : null;
    if (user) request.user = user;
    if (isPublic) return true;

    if (!user) {
      const detail = header === undefined ? 'A bearer token is required.' : 'The bearer token is invalid or expired.';
      throw new ProblemException(401, 'UNAUTHORIZED', detail, { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && roles.length > 0 && !roles.some((r) => user.roles.includes(r))) {
      throw new ProblemException(403, 'FORBIDDEN', `This operation requires one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }
}
