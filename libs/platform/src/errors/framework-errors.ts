import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_ID_HEADER } from '../context/correlation-id';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './body-depth';
import { ProblemException } from './problem';
import { sendProblem } from './problem.filter';

/** Fastify's default: a longer path parameter is refused with 414 before any route runs. */
const MAX_PARAM_LENGTH = 100;

/**
 * The problem for an error Fastify's router raises before Nest sees the request. Fastify's own answers
 * are plain JSON quoting the whole path back, so the details here name the rule and never the input.
 */
export function routerProblem(error: FastifyError): unknown {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new ProblemException(400, 'BAD_URL', 'The request path is not valid percent-encoded UTF-8.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ProblemException(
        414,
        'URI_TOO_LONG',
        `A path parameter is longer than ${MAX_PARAM_LENGTH} characters.`,
      );
    default:
      // Anything else from the router is a server fault: answered (and logged) as 500 INTERNAL.
      return error;
  }
}

/** Answered for a path no route matches; Nest's own 404 quotes the method and the whole path. */
const ROUTE_NOT_FOUND = new ProblemException(404, 'NOT_FOUND', 'No route matches this method and path.');

/** Answered for a JSON body nested deeper than {@link MAX_BODY_DEPTH}. */
const BODY_TOO_DEEP = new ProblemException(
  400,
  'BODY_TOO_DEEP',
  `The body nests objects or arrays more than ${MAX_BODY_DEPTH} levels deep.`,
  {
    errors: [{ field: 'body', message: `nested more than ${MAX_BODY_DEPTH} levels deep` }],
  },
);

/** Fastify options that send router errors (bad percent-encoding, over-long parameters) as problem+json. */
export const frameworkErrorOptions = {
  frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    // Raised before routing, so the onRequest hook that sets it on every other answer has not run.
    reply.header(CORRELATION_ID_HEADER, request.id);
    sendProblem(request, reply, routerProblem(error));
  },
};

/** The Fastify adapter with a problem+json 404 that does not echo the request line. */
export class ProblemFastifyAdapter extends FastifyAdapter {
  override setNotFoundHandler(): ReturnType<FastifyAdapter['setNotFoundHandler']> {
    return this.getInstance().setNotFoundHandler((request, reply) => {
      sendProblem(request, reply, ROUTE_NOT_FOUND);
    });
  }
}

/**
 * Refuse a body nested deeper than {@link MAX_BODY_DEPTH} right after parsing, before the validation
 * pipe (which recurses per level and overflows the stack at a few thousand) or any other hook sees it.
 */
export function installBodyDepthLimit(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request, reply) => {
    if (request.body !== null && typeof request.body === 'object' && nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
      return sendProblem(request, reply, BODY_TOO_DEEP);
    }
    return undefined;
  });
}

/** `application/json` or a `+json` type such as `application/merge-patch+json`, with any parameters. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** Answered for a body that is not sent as JSON (curl -d sends a form, which would parse as one odd field). */
const BODY_NOT_JSON = new ProblemException(
  415,
  'UNSUPPORTED_MEDIA_TYPE',
  'Send the body as JSON with the header content-type: application/json.',
  {
    errors: [{ field: 'content-type', message: 'must be application/json' }],
  },
);

/** Refuse a request body of any type but JSON before it is parsed: every API body is JSON. */
export function installJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const length = request.headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
    if (hasBody && !JSON_MEDIA_TYPE.test(request.headers['content-type'] ?? ''))
      return sendProblem(request, reply, BODY_NOT_JSON);
    return undefined;
  });
}
