import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CLOCK, type Clock } from '../context/clock';
import { attachRequestContext, createRequestContext, MUTATING_METHODS } from '../context/request-context';
import { ProblemException } from '../errors/problem';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from '../idempotency/idempotency.constants';
import type { AuthUser, Role } from './auth.types';
import { IS_PUBLIC_KEY, ROLES_KEY } from './decorators';
import { bearerUser } from './bearer';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid bearer token unless marked {@link Public}; {@link Roles}
 * narrows who may call it. A public route still recognises a valid token, so it can personalise.
 * It also builds the {@link RequestContext} of the request (user, correlation id, time, the validated
 * Idempotency-Key) and rejects a malformed Idempotency-Key on a mutating request with 400 rather than
 * silently ignoring it — here rather than in an interceptor, which Nest would wrap per request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) === true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers.authorization;
    const user = bearerUser(request, this.tokens);
    if (user) request.user = user;
    if (isPublic) return this.attachContext(request, user);

    if (!user) {
      const detail = header === undefined ? 'A bearer token is required.' : 'The bearer token is invalid or expired.';
      throw new ProblemException(401, 'UNAUTHORIZED', detail, { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && roles.length > 0 && !roles.some((r) => user.roles.includes(r))) {
      throw new ProblemException(403, 'FORBIDDEN', `This operation requires one of the roles: ${roles.join(', ')}.`);
    }
    return this.attachContext(request, user);
  }

  /** Attach the request context (after authorisation, as a malformed key is only worth a 400 to someone allowed in). */
  private attachContext(request: FastifyRequest, user: AuthUser | null): true {
    const key = idempotencyKeyOf(request.headers);
    if (
      request.headers[IDEMPOTENCY_KEY_HEADER] !== undefined &&
      key === undefined &&
      MUTATING_METHODS.has(request.method)
    ) {
      throw new ProblemException(
        400,
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 1 to 200 printable ASCII characters.',
        {
          errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters' }],
        },
      );
    }
    attachRequestContext(
      request,
      createRequestContext({
        ...(user && { user }),
        correlationId: request.id,
        ...(key !== undefined && { idempotencyKey: key }),
        now: this.clock.now(),
      }),
    );
    return true;
  }
}
