import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { AuthUser } from '../auth/auth.types';
import { ProblemException } from '../errors/problem';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../idempotency/idempotency.constants';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { CLOCK, type Clock } from './clock';
import { attachRequestContext, createRequestContext, MUTATING_METHODS } from './request-context';

/**
 * Builds the {@link RequestContext} of every request after authentication; rejects a malformed
 * Idempotency-Key on a mutating request with 400 rather than silently ignoring it; then hands the
 * request to the {@link IdempotencyInterceptor}.
 *
 * The only global interceptor, on purpose: Nest wraps every interceptor of a route in an
 * AsyncResource binding and an observable layer per request, measurable on the hot paths (see
 * BENCHMARKS.md), so the idempotency step is composed here instead of registered beside it.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly idempotency: IdempotencyInterceptor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    const key = typeof header === 'string' && IDEMPOTENCY_KEY_PATTERN.test(header) ? header : undefined;
    if (header !== undefined && key === undefined && MUTATING_METHODS.has(request.method)) {
      throw new ProblemException(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 200 printable ASCII characters.', {
        errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters' }],
      });
    }
    attachRequestContext(
      request,
      createRequestContext({
        ...(request.user && { user: request.user }),
        correlationId: request.id,
        ...(key !== undefined && { idempotencyKey: key }),
        now: this.clock.now(),
      }),
    );
    return this.idempotency.intercept(context, next);
  }
}
