import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { EVENT_STORE, retryWhileUnavailable, type EventStore } from '@gx/eventstore';
import { CLOCK, CONFIG, HealthRegistry, METRICS_REGISTRY, type AppConfig, type Clock } from '@gx/platform';
import { DOCUMENT_STORE, Projector, type DocumentStore } from '@gx/readstore';
import { DemoSeeder } from '../demo/demo-seeder';
import { Declarations } from '../kernel/declarations';
import { REBUILD_REQUESTS, type RebuildRequest } from './projection-admin';
import { registerStuckGauge, subscriberHealth } from './stuck-observability';

/** How often the worker looks for rebuild requests. */
const REBUILD_POLL_MS = 500;

/**
 * The worker's read side: seeds the demo when configured, runs every declared projection under its lease,
 * performs rebuilds operators request, and reports lag in /health and /metrics.
 */
@Injectable()
export class ProjectionHost implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private projector!: Projector;
  private poller: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly health: HealthRegistry,
    private readonly seeder: DemoSeeder,
    private readonly declarations: Declarations,
  ) {}

  /** Discovery answers once every provider exists, so the projector is made here rather than in the constructor. */
  onModuleInit(): void {
    const { events, store, config, registry } = this;
    this.projector = new Projector({
      events,
      store,
      projections: this.declarations.projections(),
      logger: this.logger,
      leaseTtlMs: config.leaseTtlMs,
    });
    const projector = this.projector;
    new Gauge({
      name: 'projection_lag_positions',
      help: 'Log positions between the head and the projection checkpoint',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        for (const s of await projector.status()) this.set({ projection: s.name }, s.lag);
      },
    });
    registerStuckGauge(registry, 'projection_stuck_attempts', 'projection', () => projector.status());
  }

  async onApplicationBootstrap(): Promise<void> {
    this.health.register({
      name: 'projections',
      check: async () => subscriberHealth(await this.projector.status()),
    });
    const warn = (message: string): void => this.logger.warn(message);
    if (this.config.seedDemo)
      await retryWhileUnavailable('seeding the demo data', () => this.seeder.seed(this.clock.now()), { warn });
    this.projector.start();
    this.poller = setInterval(() => {
      this.polling = this.polling.then(() => this.performRebuilds());
    }, REBUILD_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.poller);
    await this.polling;
    await this.projector?.stop();
  }

  private async performRebuilds(): Promise<void> {
    const requests = await this.store.find<RebuildRequest>(REBUILD_REQUESTS, { state: 'requested' }).catch(() => []);
    if (requests.length === 0) return;
    const running = new Set((await this.projector.status()).filter((s) => s.running).map((s) => s.name));
    for (const request of requests.filter((r) => running.has(r.name))) {
      await this.record({ ...request, state: 'running' });
      try {
        await this.projector.rebuild(request.name);
        await this.record({ ...request, state: 'done', finishedAt: this.clock.now().toISOString() });
        this.logger.log(`projection ${request.name} rebuilt (asked by ${request.requestedBy})`);
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        await this.record({ ...request, state: 'failed', finishedAt: this.clock.now().toISOString(), error });
        this.logger.error(`rebuild of ${request.name} failed: ${error}`);
      }
    }
  }

  private record(request: RebuildRequest): Promise<void> {
    return this.store.write({ ops: [{ kind: 'put', collection: REBUILD_REQUESTS, doc: request }] });
  }
}
