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
import { CommandMetrics, CONFIG, HealthRegistry, type AppConfig } from '@gx/platform';
import { DOCUMENT_STORE, ReadModels, type DocumentStore } from '@gx/readstore';

import { PROCESS_POOL, STORE_POOL, StorePool } from './store-pool';
import { ReadGate } from './read-gate';

/**
 * Which CommandRunner this process uses: `mailbox` (the default) or `plain`, read from COMMAND_RUNNER.
 * `plain` (read-decide-append-retry, no cache) exists only so that `npm run bench` can compare the two;
 * it is deliberately not part of the documented configuration. Anything else stops the start.
 */
export function commandRunnerMode(env: NodeJS.ProcessEnv = process.env): 'mailbox' | 'plain' {
  const mode = env.COMMAND_RUNNER ?? 'mailbox';
  if (mode !== 'mailbox' && mode !== 'plain') throw new Error(`COMMAND_RUNNER must be mailbox or plain, got ${JSON.stringify(mode)}`);
  return mode;
}

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
    await Promise.all([this.pool.releaseEvents(), this.pool.releaseDocuments()]);
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
      exports: [EVENT_STORE, DOCUMENT_STORE, CommandRunner, ReadModels, ReadGate],
    };
  }
}
