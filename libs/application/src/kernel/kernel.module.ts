import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { CommandRunner, EVENT_STORE, type EventStore } from '@gx/eventstore';
import { CommandMetrics, CONFIG, HealthRegistry, IDEMPOTENCY_DOCUMENTS, type AppConfig } from '@gx/platform';
import { DOCUMENT_STORE, ReadModels, type DocumentStore } from '@gx/readstore';

import { PROCESS_POOL, STORE_POOL, StorePool } from './store-pool';
import { ReadGate } from './read-gate';
import { commandRunnerMode } from './command-runner-mode';

/** Registers store readiness and closes the stores when the app shuts down. */
@Injectable()
class StoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(STORE_POOL) private readonly pool: StorePool,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'eventStore',
      check: async () => {
        await this.events.ping();
        return { status: 'up', details: { head: await this.events.headPosition() } };
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.pool.releaseEvents(), this.pool.releaseDocuments(), this.pool.releaseIdempotency()]);
  }
}

/**
 * The event-sourcing kernel of one app: EventStore and DocumentStore adapters (chosen by
 * configuration), the CommandRunner and the read-model access used by queries.
 */
@Global()
@Module({})
export class KernelModule {
  static forRoot(): DynamicModule {
    return {
      module: KernelModule,
      providers: [
        // The process-wide pool when the app runs beside others (npm start, tests), else a pool of its own.
        {
          provide: STORE_POOL,
          inject: [CONFIG, { token: PROCESS_POOL, optional: true }],
          useFactory: (config: AppConfig, shared?: StorePool) => shared ?? new StorePool(config),
        },
        { provide: EVENT_STORE, inject: [STORE_POOL], useFactory: (pool: StorePool) => pool.acquireEvents() },
        { provide: DOCUMENT_STORE, inject: [STORE_POOL], useFactory: (pool: StorePool) => pool.acquireDocuments() },
        { provide: IDEMPOTENCY_DOCUMENTS, inject: [STORE_POOL], useFactory: (pool: StorePool) => pool.acquireIdempotency() },
        {
          provide: CommandRunner,
          inject: [EVENT_STORE, CommandMetrics],
          useFactory: (store: EventStore, metrics: CommandMetrics) =>
            new CommandRunner(store, {
              mode: commandRunnerMode(),
              observer: (type, outcome, seconds) => metrics.observe(type, outcome, seconds),
            }),
        },
        { provide: ReadModels, inject: [DOCUMENT_STORE], useFactory: (store: DocumentStore) => new ReadModels(store) },
        ReadGate,
        StoreLifecycle,
      ],
      exports: [EVENT_STORE, DOCUMENT_STORE, IDEMPOTENCY_DOCUMENTS, CommandRunner, ReadModels, ReadGate],
    };
  }
}
