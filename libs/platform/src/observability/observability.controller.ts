import { Controller, Get, Inject, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { problemResponse } from '../openapi/api-errors';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import { Public } from '../auth/decorators';
import { APP_NAME } from '../app/app-name';
import type { AppName } from '../config/config';
import { HealthRegistry, type HealthReport } from './health';
import { METRICS_REGISTRY } from './metrics';

/** One readiness check of `GET /health`. */
export class HealthCheckView {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({
    required: false,
    type: Object,
    additionalProperties: true,
    description: 'what the check saw (store latency, projection lag…)',
  })
  details?: Record<string, unknown>;
}

/** What `GET /health` answers. */
export class HealthView {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ example: 'storefront' }) app: string;
  @ApiProperty({
    type: Object,
    additionalProperties: { $ref: '#/components/schemas/HealthCheckView' },
    description: 'each check by name',
  })
  checks: Record<string, HealthCheckView>;
}

/** `GET /health` and `GET /metrics`, public on every app. */
@ApiTags('operations')
@ApiExtraModels(HealthCheckView)
@Public()
@Controller()
export class ObservabilityController {
  constructor(
    @Inject(APP_NAME) private readonly app: AppName,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly health: HealthRegistry,
  ) {}

  @Get('health')
  @ApiOperation({
    summary: 'Readiness',
    description: '200 when every check (stores, projection lag) is up; 503 with the same body when one is down.',
  })
  @ApiOkResponse({ type: HealthView, description: 'Ready: every check is up' })
  @ApiResponse({
    status: 503,
    type: HealthView,
    description: 'DOWN: not ready, at least one check is down (the body is the health report)',
  })
  async getHealth(@Res() reply: FastifyReply): Promise<void> {
    // Sent by hand: Nest would reset a status set on a passthrough reply to the route's 200.
    const report: HealthReport = await this.health.report(this.app);
    reply.status(report.status === 'up' ? 200 : 503).send(report);
  }

  @Get('metrics')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'Text exposition format: HTTP, command, store and projection metrics.',
  })
  @ApiResponse({
    status: 200,
    description: 'Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 500, ...problemResponse(500, ['INTERNAL'], 'the metrics could not be collected') })
  async getMetrics(@Res() reply: FastifyReply): Promise<void> {
    reply.type(this.registry.contentType).send(await this.registry.metrics());
  }
}
