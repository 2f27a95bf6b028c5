import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeError, problemBody } from './describe-error';
import { PROBLEM_CONTENT_TYPE, type Problem } from './problem';

/** The one global exception filter: every error leaves as RFC 9457 `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();

    const description = describeError(exception);
    if (description.unexpected) {
      request.log.error({ err: exception, method: request.method, url: request.url }, 'request failed unexpectedly');
    }
    send(reply, description.status, problemBody(description, request.id), description.headers);
  }
}

function send(reply: FastifyReply, status: number, body: Problem, headers: Record<string, string>): void {
  // A streaming handler (server-sent events) may fail after its headers left; nothing can be answered then.
  if (reply.sent || reply.raw.headersSent) return;
  reply.status(status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
