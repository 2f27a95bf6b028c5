import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import { Public } from '../auth/decorators';
import { APP_NAME } from '../app/app-name';
import type { AppName } from '../config/config';
import { HealthRegistry, type HealthReport } from './health';
import { METRICS_REGISTRY } from './metrics';

/** `GET /health` and `GET /metrics`, public on every app. */
@ApiTags('operations')
@Public()
@Controller()
export class ObservabilityController {
  constructor(
    @Inject(APP_NAME) private readonly app: AppName,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly health: HealthRegistry,
  ) {}

  @Get('health')
  @ApiOkResponse({ description: 'Ready: every check is up' })
  @ApiServiceUnavailableResponse({ description: 'Not ready: at least one check is down' })
  async getHealth(@Res() reply: FastifyReply): Promise<void> {
    // Sent by hand: Nest would reset a status set on a passthrough reply to the route's 200.
    const report: HealthReport = await this.health.report(this.app);
    reply.status(report.status === 'up' ? 200 : 503).send(report);
  }

  @Get('metrics')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  async getMetrics(@Res() reply: FastifyReply): Promise<void> {
    reply.type(this.registry.contentType).send(await this.registry.metrics());
  }
}
