import type Database from 'better-sqlite3';
import {
  ConcurrencyError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { EventLogQueries, type EventInsert, type StreamTip } from './event-log-queries';
import { GroupCommit } from './group-commit';
import { PollingSubscription } from './polling-subscription';
import { checkpointInBackground } from './wal-checkpointer';
import { openEventDatabase } from './schema';
import { newEventId } from '../event-id';
import type { StoreDiagnostics } from '../store-faults';

/** Options of {@link SqliteEventStore}. */
export interface SqliteEventStoreOptions {
  /** Database file; `:memory:` for a private in-memory log (no cross-process visibility then). */
  file: string;
  /** How often an idle subscription looks for appends made by other processes (default 25 ms). */
  pollIntervalMs?: number;
  /** Events read per query during catch-up (default 500). */
  pageSize?: number;
  /** How long an append waits for another process's write lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
  /**
   * Commit the appends of one event-loop turn together (default true). False commits each append
   * on its own, at once: only the benchmark's plain-runner baseline uses it.
   */
  groupCommit?: boolean;
}

/** An appended event id already exists in the log; nothing of that append was written. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`event id ${eventId} already exists in the log`);
    this.name = 'DuplicateEventIdError';
  }
}

function parsePosition(position: string): bigint {
  if (!/^\d+$/.test(position)) throw new RangeError(`invalid log position: ${JSON.stringify(position)}`);
  return BigInt(position);
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

function checkExpected(streamId: string, expected: ExpectedRevision, tip: StreamTip | undefined): void {
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`expected revision must be a non-negative integer, got ${expected}`);
  }
  const actual = tip ? tip.revision : 'no_stream';
  const holds =
    expected === 'any' ||
    (expected === 'no_stream' && tip === undefined) ||
    (expected === 'stream_exists' && tip !== undefined) ||
    expected === actual;
  if (!holds) throw new ConcurrencyError(streamId, expected, actual);
}

// Duck-typed on purpose: better-sqlite3 hands its error class to the native addon once per process,
// so under Jest (one realm per test file) its errors need not be `instanceof` this realm's Error.
function isUniqueIdViolation(err: unknown): boolean {
  const { code, message } = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    message?: unknown;
  };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.id');
}

/**
 * The embedded EventStore: one SQLite file in WAL mode, safe to share between processes.
 * Appends are serialised by SQLite's write lock (see {@link PollingSubscription} for why this
 * makes subscriptions exact); reads never block writers.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly queries: EventLogQueries;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly commits: GroupCommit;
  private readonly stopCheckpoints: () => void;

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.pageSize = options.pageSize ?? 500;
    checkCount('pollIntervalMs', this.pollIntervalMs);
    if (!Number.isSafeInteger(this.pageSize) || this.pageSize < 1)
      throw new RangeError('pageSize must be an integer >= 1');
    this.db = openEventDatabase(options.file, options.busyTimeoutMs);
    this.queries = new EventLogQueries(this.db);
    // Appends of one event-loop turn share one IMMEDIATE transaction, each in its own savepoint: the
    // write lock is taken before the revision checks, so check and insert see one state and positions
    // are assigned in commit order; an append that fails writes nothing and leaves the others alone.
    this.commits = new GroupCommit(this.db, options.groupCommit ?? true);
    this.stopCheckpoints = checkpointInBackground(this.db);
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (typeof streamId !== 'string' || streamId.length === 0)
      throw new TypeError('streamId must be a non-empty string');
    const result = await this.commits.run(() => this.appendInTransaction(streamId, events, expectedRevision));
    if (events.length > 0) for (const subscription of this.subscriptions) subscription.wake();
    return result;
  }

  async readStream(streamId: string, options?: { fromRevision?: number; maxCount?: number }): Promise<RecordedEvent[]> {
    checkCount('fromRevision', options?.fromRevision);
    checkCount('maxCount', options?.maxCount);
    return this.queries.readStream(streamId, options?.fromRevision ?? 0, options?.maxCount);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    checkCount('maxCount', options?.maxCount);
    const after = options?.after === undefined ? 0n : parsePosition(options.after);
    return this.queries.readAll(after, undefined, options?.maxCount, options?.filter);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const subscription = new PollingSubscription(
      {
        head: () => this.queries.head(),
        readRange: (after, upTo, limit, filter) => this.queries.readAll(after, upTo, limit, filter),
      },
      {
        after: options?.after === undefined ? 0n : parsePosition(options.after),
        filter: options?.filter,
        onCaughtUp: options?.onCaughtUp,
        pollIntervalMs: this.pollIntervalMs,
        pageSize: this.pageSize,
        onStopped: (stopped) => this.subscriptions.delete(stopped),
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<string> {
    return this.queries.head().toString();
  }

  /**
   * Fails when the file is closed or unreadable: it runs a real (cached, O(1)) query on the log.
   * While a write fault lasts it also tries a write, so the fault clears without a client write.
   */
  async ping(): Promise<void> {
    this.queries.head();
    await this.commits.probe();
  }

  get diagnostics(): StoreDiagnostics {
    return this.commits.diagnostics;
  }

  /**
   * The SQLite connection itself, for diagnostics. Tests make SQLite refuse writes through it with
   * pragmas that bind root too (`query_only`: SQLITE_READONLY, `max_page_count`: SQLITE_FULL).
   */
  get connection(): Database.Database {
    return this.db;
  }

  /** Stops every subscription of this store (their iterations end), then closes the file. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.db.open) {
      this.commits.flush();
      this.stopCheckpoints();
      this.db.close();
    }
  }

  private appendInTransaction(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult {
    const tip = this.queries.tip(streamId);
    checkExpected(streamId, expected, tip);
    let revision = tip ? tip.revision : -1;
    let position = tip ? tip.position : 0n;
    for (const event of events) {
      revision += 1;
      const row = this.toInsert(streamId, revision, event);
      try {
        position = this.queries.insert(row);
      } catch (err) {
        // The whole transaction rolls back, so an append with a known id writes nothing.
        if (isUniqueIdViolation(err)) throw new DuplicateEventIdError(row.id);
        throw err;
      }
    }
    return { nextRevision: revision, position: position.toString() };
  }

  private toInsert(streamId: string, revision: number, event: NewEvent): EventInsert {
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new TypeError(`event ${revision} of ${streamId}: type must be a non-empty string`);
    }
    const data = JSON.stringify(event.data);
    if (data === undefined) throw new TypeError(`event ${event.type} of ${streamId}: data is not JSON`);
    return {
      id: event.id ?? newEventId(),
      streamId,
      revision,
      type: event.type,
      data,
      metadata: JSON.stringify(event.metadata),
    };
  }
}
