import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Request and response header carrying the correlation id. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

const VALID_CORRELATION_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Fastify `genReqId`: the caller's `x-correlation-id` when it is safe to log and echo
 * (at most 100 characters of [A-Za-z0-9._-]), otherwise a new uuid.
 */
export function correlationIdOf(request: IncomingMessage): string {
  const header = request.headers[CORRELATION_ID_HEADER];
  return typeof header === 'string' && VALID_CORRELATION_ID.test(header) ? header : randomUUID();
}
