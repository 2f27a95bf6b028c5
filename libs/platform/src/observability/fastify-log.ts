import * as path from 'node:path';

/** Request-logging options for the Fastify instance the Nest adapter creates. */
export type FastifyLogOptions =
  { logController: unknown } | { disableRequestLogging: boolean; requestIdLogLabel: string };

type LogControllerClass = new (options: { disableRequestLogging: boolean; requestIdLogLabel: string }) => unknown;

/**
 * Fastify's own per-request log lines are turned off (the platform writes one line per request with
 * status and duration) and the request id is logged as `correlationId`. Fastify 5.11 moved these
 * options into a `LogController`, which must come from the very copy of Fastify that
 * @nestjs/platform-fastify instantiates (it is checked with instanceof), so it is resolved from there.
 * Older copies take the top-level options.
 */
export function fastifyLogOptions(): FastifyLogOptions {
  const settings = { disableRequestLogging: true, requestIdLogLabel: 'correlationId' };
  const adapterDir = path.dirname(require.resolve('@nestjs/platform-fastify'));
  // Runtime lookup on purpose: the adapter may use a different Fastify copy than this package sees.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fastify = require(require.resolve('fastify', { paths: [adapterDir] })) as {
    LogController?: LogControllerClass;
  };
  return fastify.LogController ? { logController: new fastify.LogController(settings) } : settings;
}
