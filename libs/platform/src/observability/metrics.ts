import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppName } from '../config/config';

/** Injection token of the app's own prom-client `Registry`; register extra gauges/collectors on it. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/**
 * A fresh registry per app, labelled with the app name. Never the global default registry: all five
 * apps may run in one process and would otherwise collide on metric names.
 */
export function createMetricsRegistry(app: AppName): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** HTTP request metrics, fed by the app's onResponse hook. */
@Injectable()
export class HttpMetrics {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method and route template',
      labelNames: ['method', 'route'],
      buckets: SECONDS_BUCKETS,
      registers: [registry],
    });
  }

  /** Count one answered request; `route` is the template (e.g. `/lots/:id`), never the raw URL. */
  observe(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.duration.observe({ method, route }, seconds);
  }
}

/** Outcome of one command: accepted, refused by a business rule, failed, or answered from a replay. */
export type CommandOutcome = 'ok' | 'rejected' | 'error' | 'replayed';

/** Command metrics: `commands_total{type,outcome}` and `command_duration_seconds{type}`. */
@Injectable()
export class CommandMetrics {
  private readonly commands: Counter<'type' | 'outcome'>;
  private readonly duration: Histogram<'type'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.commands = new Counter({
      name: 'commands_total',
      help: 'Commands handled, by command type and outcome',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'command_duration_seconds',
      help: 'Command handling duration in seconds, by command type',
      labelNames: ['type'],
      buckets: SECONDS_BUCKETS,
      registers: [registry],
    });
  }

  /** Record one handled command. */
  observe(commandType: string, outcome: CommandOutcome, seconds: number): void {
    this.commands.inc({ type: commandType, outcome });
    this.duration.observe({ type: commandType }, seconds);
  }
}
