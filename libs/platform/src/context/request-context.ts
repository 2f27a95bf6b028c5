import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth.types';
import { sha256Bytes } from '../crypto/sha256';

/** What a handler knows about the request it serves. */
export interface RequestContext {
  user?: AuthUser;
  correlationId: string;
  /** The validated `Idempotency-Key` header, when the client sent one. */
  idempotencyKey?: string;
  /** When the request was received; commands take their time from here, never from `new Date()`. */
  now: Date;
  /**
   * Id of the command this request issues for `scope` (e.g. `place-order`). Derived from the user,
   * the scope and the Idempotency-Key when one is present, so a retry yields the same id and the
   * domain treats the repeat as a no-op; otherwise a random uuid (stable within this request).
   */
  commandId(scope: string): string;
}

/** Methods whose requests may change state and therefore honour Idempotency-Key. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const CONTEXT = Symbol('gx.requestContext');
type WithContext = FastifyRequest & { [CONTEXT]?: RequestContext };

/** A uuid-shaped (version 8, RFC 9562 variant) id from the first 128 bits of sha256(input). */
export function deterministicUuid(input: string): string {
  const bytes = sha256Bytes(input).subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Build the context of a request (called once per request by the context interceptor). */
export function createRequestContext(input: {
  user?: AuthUser;
  correlationId: string;
  idempotencyKey?: string;
  now: Date;
}): RequestContext {
  const ids = new Map<string, string>();
  const principal = input.user?.username ?? 'anonymous';
  return {
    ...input,
    commandId(scope: string): string {
      let id = ids.get(scope);
      if (id === undefined) {
        id =
          input.idempotencyKey !== undefined
            ? deterministicUuid(`${principal}|${scope}|${input.idempotencyKey}`)
            : randomUUID();
        ids.set(scope, id);
      }
      return id;
    },
  };
}

/** Attach the context to its request. */
export function attachRequestContext(request: FastifyRequest, context: RequestContext): void {
  (request as WithContext)[CONTEXT] = context;
}

/** The context attached to a request, if any. */
export function requestContextOf(request: FastifyRequest): RequestContext | undefined {
  return (request as WithContext)[CONTEXT];
}

/** Parameter decorator giving the handler its {@link RequestContext}. */
export const Ctx = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext => {
  const context = requestContextOf(ctx.switchToHttp().getRequest<FastifyRequest>());
  // The global AuthGuard always attaches it first; its absence is a wiring bug.
  if (!context) throw new Error('RequestContext missing: is PlatformModule imported?');
  return context;
});
