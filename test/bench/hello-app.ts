import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The ceiling of the command-throughput benchmark: a Nest 11 + Fastify hello world with nothing of
 * ours (no auth, validation, interceptors, logging or stores). Run as its own process from dist,
 * listening on PORT (loopback), like the apps it is compared with.
 */
@Controller('hello')
class HelloController {
  @Get()
  hello() {
    return { hello: 'world' };
  }

  /** Echoes a JSON body: the same request shape as a join, with nothing behind it. */
  @Post()
  @HttpCode(201)
  echo(@Body() body: unknown) {
    return { hello: 'world', body };
  }
}

/** Answers the load client's connection-opening request, as the apps' /health does. */
@Controller('health')
class HealthController {
  @Get()
  health() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [HelloController, HealthController] })
class HelloModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(HelloModule, new FastifyAdapter(), { logger: false });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
}

void main();
