import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandRunner, EVENT_STORE, type EventStore } from '@gx/eventstore';
import type { Registry } from 'prom-client';
import {
  CommandMetrics,
  CONFIG,
  HealthRegistry,
  IDEMPOTENCY_DOCUMENTS,
  METRICS_REGISTRY,
  registerContentionMetrics,
  registerStoreMetrics,
  storeHealthCheck,
  type AppConfig,
} from '@gx/platform';
import { DOCUMENT_STORE, ReadModels, type DocumentStore } from '@gx/readstore';

import { PROCESS_POOL, STORE_POOL, StorePool } from './store-pool';
import { PERSONAL_KEYS } from '../personal-data/personal-keys';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { ReadGate } from './read-gate';
import { commandRunnerMode } from './command-runner-mode';
import { Declarations } from './declarations';
import { DISPATCH_ONLY } from './dispatch';

/** Registers store readiness and metrics, and closes the stores when the app shuts down. */
@Injectable()
class StoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  private detachMetrics: () => void = () => undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(IDEMPOTENCY_DOCUMENTS) private readonly requests: DocumentStore,
    @Inject(PERSONAL_KEYS) private readonly keys: DocumentStore,
    @Inject(STORE_POOL) private readonly pool: StorePool,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    const events = {
      name: 'eventStore',
      store: this.events,
      details: async () => ({ head: await this.events.headPosition() }),
    };
    this.health.register(storeHealthCheck(events));
    const stores = [events, { name: 'documentStore', store: this.documents }];
    if (this.requests !== this.documents) stores.push({ name: 'idempotencyStore', store: this.requests });
    if (this.keys !== this.documents) stores.push({ name: 'keyStore', store: this.keys });
    this.detachMetrics = registerStoreMetrics(this.registry, stores);
  }

  async onApplicationShutdown(): Promise<void> {
    this.detachMetrics();
    await Promise.all([
      this.pool.releaseEvents(),
      this.pool.releaseDocuments(),
      this.pool.releaseIdempotency(),
      this.pool.releaseKeys(),
    ]);
  }
}

/**
 * The event-sourcing kernel of one app: EventStore and DocumentStore adapters (chosen by
 * configuration), the CommandRunner, the read-model access used by queries, the command and query
 * buses (`@nestjs/cqrs`, dispatch only) and the discovery of declared projections and worker tasks.
 */
@Global()
@Module({})
export class KernelModule {
  static forRoot(): DynamicModule {
    return {
      module: KernelModule,
      imports: [DiscoveryModule, CqrsModule.forRoot(DISPATCH_ONLY)],
      providers: [
        // The process-wide pool when the app runs beside others (npm start, tests), else a pool of its own.
        {
          provide: STORE_POOL,
          inject: [CONFIG, { token: PROCESS_POOL, optional: true }],
          useFactory: (config: AppConfig, shared?: StorePool) => shared ?? new StorePool(config),
        },
        { provide: EVENT_STORE, inject: [STORE_POOL], useFactory: (pool: StorePool) => pool.acquireEvents() },
        { provide: DOCUMENT_STORE, inject: [STORE_POOL], useFactory: (pool: StorePool) => pool.acquireDocuments() },
        {
          provide: IDEMPOTENCY_DOCUMENTS,
          inject: [STORE_POOL],
          useFactory: (pool: StorePool) => pool.acquireIdempotency(),
        },
        { provide: PERSONAL_KEYS, inject: [STORE_POOL], useFactory: (pool: StorePool) => pool.acquireKeys() },
        PersonalDataVault,
        {
          provide: CommandRunner,
          inject: [EVENT_STORE, CommandMetrics, METRICS_REGISTRY],
          useFactory: (store: EventStore, metrics: CommandMetrics, registry: Registry) =>
            new CommandRunner(store, {
              mode: commandRunnerMode(),
              observer: (type, outcome, seconds) => metrics.observe(type, outcome, seconds),
              contention: registerContentionMetrics(registry),
            }),
        },
        { provide: ReadModels, inject: [DOCUMENT_STORE], useFactory: (store: DocumentStore) => new ReadModels(store) },
        ReadGate,
        StoreLifecycle,
        Declarations,
      ],
      exports: [
        EVENT_STORE,
        DOCUMENT_STORE,
        IDEMPOTENCY_DOCUMENTS,
        PERSONAL_KEYS,
        PersonalDataVault,
        CommandRunner,
        ReadModels,
        ReadGate,
        Declarations,
      ],
    };
  }
}
