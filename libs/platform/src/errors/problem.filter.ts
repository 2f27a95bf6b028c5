import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeError, problemBody } from './describe-error';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** The one global exception filter: every error leaves as RFC 9457 `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendProblem(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), exception);
  }
}

/**
 * Answer `exception` as problem+json (logging it when unexpected): what the filter does for errors in
 * the Nest pipeline, and what the Fastify hooks in front of it use for theirs.
 */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, exception: unknown): FastifyReply {
  const description = describeError(exception);
  if (description.unexpected) {
    request.log.error({ err: exception, method: request.method, url: request.url }, 'request failed unexpectedly');
  }
  // A streaming handler (server-sent events) may fail after its headers left; nothing can be answered then.
  if (reply.sent || reply.raw.headersSent) return reply;
  return reply
    .status(description.status)
    .headers(description.headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemBody(description, request.id)));
}
