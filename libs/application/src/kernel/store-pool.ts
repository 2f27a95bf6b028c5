import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EsdbEventStore, SqliteEventStore, UpcastingEventStore, type EventStore } from '@gx/eventstore';
import type { AppConfig } from '@gx/platform';
import { MongoDocumentStore, SqliteDocumentStore, type DocumentStore } from '@gx/readstore';
import { UPCASTERS } from '../upcasters';
import { commandRunnerMode } from './command-runner-mode';

/** Creates DATA_DIR, or fails naming it (a path that is a file, or that this process may not create). */
function ensureDataDir(config: AppConfig): void {
  try {
    mkdirSync(config.dataDir, { recursive: true });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`DATA_DIR ${config.dataDir} cannot be used as the data directory: ${reason}`, { cause: err });
  }
}

/** Opens the event store the configuration selects: EventStoreDB when EVENTSTORE_URL is set, else embedded SQLite. */
export function openEventStore(config: AppConfig): EventStore {
  if (config.eventStoreUrl) return new UpcastingEventStore(new EsdbEventStore(config.eventStoreUrl), UPCASTERS);
  ensureDataDir(config);
  // The plain runner (a benchmark baseline, see commandRunnerMode) gets the store a naive runner would have: one commit per append.
  const groupCommit = commandRunnerMode() === 'mailbox';
  return new UpcastingEventStore(
    new SqliteEventStore({ file: join(config.dataDir, 'events.db'), groupCommit }),
    UPCASTERS,
  );
}

/** Opens the document store the configuration selects: MongoDB when MONGODB_URI is set, else embedded SQLite. */
export function openDocumentStore(config: AppConfig): DocumentStore {
  if (config.mongodbUri) return new MongoDocumentStore({ uri: config.mongodbUri });
  ensureDataDir(config);
  return new SqliteDocumentStore({ file: join(config.dataDir, 'read.db') });
}

/**
 * Opens the store of idempotency records: the read-model database on MongoDB, else a SQLite file of
 * their own (requests.db), so that per-request writes never wait for the worker's projection batches.
 */
export function openIdempotencyStore(config: AppConfig): DocumentStore {
  if (config.mongodbUri) return new MongoDocumentStore({ uri: config.mongodbUri });
  ensureDataDir(config);
  return new SqliteDocumentStore({ file: join(config.dataDir, 'requests.db') });
}

/**
 * Opens the store of personal-data keys (crypto-shredding, see PersonalDataVault): the read-model database on
 * MongoDB (a collection of its own that no projection or rebuild touches), else a SQLite file of its own
 * (keys.db), so that deleting read.db to rebuild the read models never erases anybody.
 */
export function openKeyStore(config: AppConfig): DocumentStore {
  if (config.mongodbUri) return new MongoDocumentStore({ uri: config.mongodbUri });
  ensureDataDir(config);
  return new SqliteDocumentStore({ file: join(config.dataDir, 'keys.db') });
}

interface Shared<T> {
  store: T;
  users: number;
}

/**
 * The stores of one process, shared by every app it runs (`npm start` runs five): one EventStoreDB
 * client per process (its BatchAppend bookkeeping is process-wide, so disposing one of several
 * clients fails the others' in-flight appends) and one connection pool per database. Each app
 * acquires on start and releases on shutdown; the last release closes.
 */
export class StorePool {
  /** Open stores by slot (`events`, `documents`, `requests`) with how many apps use each. */
  private readonly shared = new Map<string, Shared<EventStore | DocumentStore>>();

  constructor(private readonly config: AppConfig) {}

  acquireEvents(): EventStore {
    return this.acquire('events', openEventStore);
  }

  acquireDocuments(): DocumentStore {
    return this.acquire('documents', openDocumentStore);
  }

  /** The idempotency records' store; on MongoDB, the read-model store itself (one connection pool). */
  acquireIdempotency(): DocumentStore {
    return this.config.mongodbUri ? this.acquireDocuments() : this.acquire('requests', openIdempotencyStore);
  }

  /** The personal-data keys' store; on MongoDB, the read-model store itself (one connection pool). */
  acquireKeys(): DocumentStore {
    return this.config.mongodbUri ? this.acquireDocuments() : this.acquire('keys', openKeyStore);
  }

  releaseKeys(): Promise<void> {
    return this.config.mongodbUri ? this.releaseDocuments() : this.release('keys');
  }

  releaseEvents(): Promise<void> {
    return this.release('events');
  }

  releaseDocuments(): Promise<void> {
    return this.release('documents');
  }

  releaseIdempotency(): Promise<void> {
    return this.config.mongodbUri ? this.releaseDocuments() : this.release('requests');
  }

  private acquire<T extends EventStore | DocumentStore>(slot: string, open: (config: AppConfig) => T): T {
    let shared = this.shared.get(slot);
    if (!shared) {
      shared = { store: open(this.config), users: 0 };
      this.shared.set(slot, shared);
    }
    shared.users++;
    return shared.store as T;
  }

  private async release(slot: string): Promise<void> {
    const shared = this.shared.get(slot);
    if (!shared || --shared.users > 0) return;
    this.shared.delete(slot);
    await shared.store.close();
  }
}

/** Injection token of the pool an app's kernel uses. */
export const STORE_POOL = Symbol('STORE_POOL');

/** Injection token under which a process shares one {@link StorePool} with all its apps (createApp `providers`). */
export const PROCESS_POOL = Symbol('PROCESS_POOL');
