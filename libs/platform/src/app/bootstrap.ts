import type { Provider } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig, type AppName } from '../config/config';
import { ConfigError } from '../config/config-error';
import { createApp, type AppModule } from './create-app';

/** One app to start: its root module and name. */
export interface AppEntry {
  module: AppModule;
  app: AppName;
}

/** Apps still closing after this long are abandoned and the process exits with status 1. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Start one app: validate the environment (a bad value prints the problems and exits 1), create the
 * app, listen on its port, and close gracefully on SIGTERM/SIGINT (Nest shutdown hooks).
 */
export async function bootstrap(
  module: AppModule,
  options: { app: AppName; config?: AppConfig; providers?: Provider[] },
): Promise<NestFastifyApplication> {
  const config = options.config ?? loadConfigOrExit();
  try {
    const nest = await createApp(module, { app: options.app, config, providers: options.providers });
    // process.exit rather than re-raising the signal: exit status 0 and pino flushed on the way out.
    nest.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, forceExitAfterGrace);
    await nest.listen({ port: config.ports[options.app], host: config.host });
    return nest;
  } catch (err) {
    return exitOnStartupFailure(err);
  }
}

/**
 * Start several apps in one process (`npm start`) sharing one configuration. On SIGTERM/SIGINT all
 * of them close together before the process exits; Nest's per-app shutdown hooks would instead let
 * the first app to finish re-raise the signal and kill the others mid-close.
 */
export async function bootstrapAll(
  entries: AppEntry[],
  options: { config?: AppConfig; providers?: Provider[] } = {},
): Promise<NestFastifyApplication[]> {
  const config = options.config ?? loadConfigOrExit();
  const apps: NestFastifyApplication[] = [];
  try {
    for (const entry of entries) {
      const nest = await createApp(entry.module, { app: entry.app, config, providers: options.providers });
      apps.push(nest);
      await nest.listen({ port: config.ports[entry.app], host: config.host });
    }
  } catch (err) {
    await Promise.allSettled(apps.map((a) => a.close()));
    return exitOnStartupFailure(err);
  }
  const shutdown = (signal: NodeJS.Signals): void => {
    forceExitAfterGrace();
    void Promise.allSettled(apps.map((a) => a.close())).then((results) => {
      const failed = results.filter((r) => r.status === 'rejected');
      for (const f of failed)
        process.stderr.write(`shutdown after ${signal} failed: ${String((f as PromiseRejectedResult).reason)}\n`);
      process.exit(failed.length === 0 ? 0 : 1);
    });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return apps;
}

function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

function exitOnStartupFailure(err: unknown): never {
  process.stderr.write(`startup failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}

function forceExitAfterGrace(): void {
  setTimeout(() => {
    process.stderr.write(`still closing after ${SHUTDOWN_GRACE_MS} ms: exiting\n`);
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
}
