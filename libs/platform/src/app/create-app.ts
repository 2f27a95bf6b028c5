import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { CONFIG, type AppConfig, type AppName } from '../config/config';
import type { LogLevel } from '../config/env-vars';
import { TokenService } from '../auth/token.service';
import { CORRELATION_ID_HEADER, correlationIdOf } from '../context/correlation-id';
import {
  frameworkErrorOptions,
  installBodyDepthLimit,
  installJsonBodiesOnly,
  ProblemFastifyAdapter,
} from '../errors/framework-errors';
import { IdempotencyHooks } from '../idempotency/idempotency.hooks';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { fastifyLogOptions } from '../observability/fastify-log';
import { createLogger, PinoNestLogger } from '../observability/logger';
import { HttpMetrics } from '../observability/metrics';
import { setupOpenApi } from '../openapi/openapi';
import { serveWebUiIfBuilt } from '../web/serve-web-ui';
import { APP_NAME } from './app-name';

/** A root module of an app: a class or a dynamic module. */
export type AppModule = Type<unknown> | DynamicModule;

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  app: AppName;
  config: AppConfig;
  /** Extra global providers, e.g. connections shared by several apps running in one process. */
  providers?: Provider[];
  /** Where the app's JSON log lines go instead of stdout, and from which level (tests that check what is logged). */
  log?: { destination: DestinationStream; level: LogLevel };
}

/** Provides the validated CONFIG to every module of the app (the stores need it to pick adapters). */
@Module({})
class ConfigHostModule {
  static forValue(config: AppConfig, extra: Provider[] = []): DynamicModule {
    const providers: Provider[] = [{ provide: CONFIG, useValue: config }, ...extra];
    const tokens = providers.map((p) => ('provide' in p ? p.provide : p));
    return { module: ConfigHostModule, global: true, providers, exports: tokens };
  }
}

@Module({})
class AppRootModule {}

// Polled by probes and scrapers every few seconds: logged at debug so they do not drown real traffic.
const QUIET_ROUTES = new Set(['/health', '/metrics']);

/**
 * Create an app on Fastify with the platform in place (pino logging with correlation ids, request
 * metrics, problem+json for Fastify's own errors, a JSON depth limit, Idempotency-Key replay, OpenAPI at /docs and
 * /docs-json, the built web UI at /, raw bodies kept for webhook signatures) without listening.
 * `module` must import `PlatformModule.forRoot({ app, ... })` with the same app name.
 */
export async function createApp(
  module: AppModule,
  { app, config, providers, log }: CreateAppOptions,
): Promise<NestFastifyApplication> {
  const logger = log
    ? createLogger(app, log.level, 'json', log.destination)
    : createLogger(app, config.logLevel, config.logFormat);
  const adapter = new ProblemFastifyAdapter({
    loggerInstance: logger,
    genReqId: correlationIdOf,
    ...fastifyLogOptions(),
    ...frameworkErrorOptions,
  } as ConstructorParameters<typeof ProblemFastifyAdapter>[0]);
  const nest = await NestFactory.create<NestFastifyApplication>(
    { module: AppRootModule, imports: [ConfigHostModule.forValue(config, providers), module] },
    adapter,
    { rawBody: true, logger: new PinoNestLogger(logger) },
  );
  const platformApp = nest.get<AppName>(APP_NAME, { strict: false });
  if (platformApp !== app) {
    await nest.close();
    throw new Error(
      `createApp({ app: '${app}' }) but the module imports PlatformModule.forRoot({ app: '${platformApp}' })`,
    );
  }
  if (config.jwt.secretSource === 'file') {
    logger.warn(
      { secretFile: config.jwt.secretFile },
      'JWT_SECRET is not set: using the generated secret shared by local processes through this file; set JWT_SECRET in production',
    );
  }

  const metrics = nest.get(HttpMetrics, { strict: false });
  const fastify = nest.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(CORRELATION_ID_HEADER, request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const seconds = reply.elapsedTime / 1000;
    metrics.observe(request.method, route, status, seconds);
    const level = status >= 500 ? 'error' : QUIET_ROUTES.has(route) ? 'debug' : 'info';
    request.log[level](
      {
        method: request.method,
        url: request.url,
        route,
        status,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
  });
  installJsonBodiesOnly(fastify);
  installBodyDepthLimit(fastify);
  // One fastify in the tree (package.json `overrides`): the adapter's instance is ours, types included.
  new IdempotencyHooks(
    nest.get(IdempotencyStore, { strict: false }),
    nest.get(TokenService, { strict: false }),
  ).install(fastify);
  if (config.corsOrigins.length > 0 && app !== 'worker') {
    nest.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'last-event-id'],
      exposedHeaders: ['retry-after', CORRELATION_ID_HEADER],
      maxAge: 600,
    });
  }
  // The worker has no API of its own to document: health and metrics only.
  if (app !== 'worker') setupOpenApi(nest, app);
  serveWebUiIfBuilt(fastify, app);
  return nest;
}
