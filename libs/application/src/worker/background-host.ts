import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@gx/eventstore';
import type { Registry } from 'prom-client';
import { CLOCK, CONFIG, HealthRegistry, METRICS_REGISTRY, type AppConfig, type Clock } from '@gx/platform';
import {
  DeadlineScheduler,
  DOCUMENT_STORE,
  ProcessManagerRunner,
  type DeadlineHandler,
  type DocumentStore,
} from '@gx/readstore';
import { registerStuckGauge, subscriberHealth } from '../projections/stuck-observability';
import { Declarations } from '../kernel/declarations';

/**
 * Runs every context's process managers (its declared worker tasks) (checkpointed, under a lease, at-least-once with
 * idempotent commands) and its deadlines (a durable ticker under a lease), in the worker.
 */
@Injectable()
export class BackgroundHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Background');
  private processManagers?: ProcessManagerRunner;
  private deadlines?: DeadlineScheduler;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly declarations: Declarations,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const tasks = this.declarations.workerTasks().map((t) => t.tasks());
    const processManagers = tasks.flatMap((t) => t.processManagers ?? []);
    const handlers = Object.assign({}, ...tasks.map((t) => t.deadlineHandlers ?? {})) as Record<
      string,
      DeadlineHandler
    >;
    const logical = tasks.flatMap((t) => t.deadlineCollections ?? []);
    if (processManagers.length > 0) {
      this.processManagers = new ProcessManagerRunner({
        events: this.events,
        store: this.store,
        processManagers,
        leaseTtlMs: this.config.leaseTtlMs,
        logger: this.logger,
      });
      this.processManagers.start();
      const runner = this.processManagers;
      this.health.register({ name: 'processManagers', check: async () => subscriberHealth(await runner.status()) });
      registerStuckGauge(this.registry, 'process_manager_stuck_attempts', 'process_manager', () => runner.status());
    }
    if (logical.length > 0) {
      this.deadlines = new DeadlineScheduler({
        store: this.store,
        handlers,
        collections: logical,
        clock: () => this.clock.now(),
        leaseTtlMs: this.config.leaseTtlMs,
        logger: this.logger,
      });
      this.deadlines.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.processManagers?.stop(), this.deadlines?.stop()]);
  }
}
