import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { CommandRunner, EVENT_STORE, SqliteEventStore, UpcastingEventStore, type EventStore } from '@gx/eventstore';
import { CommandMetrics, CONFIG, ConfigError, HealthRegistry, type AppConfig } from '@gx/platform';
import { DOCUMENT_STORE, ReadModels, SqliteDocumentStore, type DocumentStore } from '@gx/readstore';

import { UPCASTERS } from '../upcasters';
import { ReadGate } from './read-gate';

/** Opens the event store the configuration selects. */
export function openEventStore(config: AppConfig): EventStore {
  if (config.eventStoreUrl) {
    throw new ConfigError([
      'EVENTSTORE_URL: the EventStoreDB adapter is not part of this build yet (see the "production adapters" issue); unset it to use the embedded SQLite store',
    ]);
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new UpcastingEventStore(new SqliteEventStore({ file: join(config.dataDir, 'events.db') }), UPCASTERS);
}

/** Opens the document store the configuration selects. */
export function openDocumentStore(config: AppConfig): DocumentStore {
  if (config.mongodbUri) {
    throw new ConfigError([
      'MONGODB_URI: the MongoDB adapter is not part of this build yet (see the "production adapters" issue); unset it to use the embedded SQLite store',
    ]);
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteDocumentStore({ file: join(config.dataDir, 'read.db') });
}

/** Registers store readiness and closes the stores when the app shuts down. */
@Injectable()
class StoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
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
    await Promise.all([this.events.close(), this.documents.close()]);
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
        { provide: EVENT_STORE, inject: [CONFIG], useFactory: openEventStore },
        { provide: DOCUMENT_STORE, inject: [CONFIG], useFactory: openDocumentStore },
        {
          provide: CommandRunner,
          inject: [EVENT_STORE, CommandMetrics],
          useFactory: (store: EventStore, metrics: CommandMetrics) =>
            new CommandRunner(store, { observer: (type, outcome, seconds) => metrics.observe(type, outcome, seconds) }),
        },
        { provide: ReadModels, inject: [DOCUMENT_STORE], useFactory: (store: DocumentStore) => new ReadModels(store) },
        ReadGate,
        StoreLifecycle,
      ],
      exports: [EVENT_STORE, DOCUMENT_STORE, CommandRunner, ReadModels, ReadGate],
    };
  }
}
