import type { RecordedEvent } from '@gx/eventstore/event-store.port';
import type { Doc, DocumentStore, IndexSpec } from './document-store.port';
import type { ReadModel } from './projection';
import { ReadModels } from './read-models';
import { defaultOwner, LeasedTask, type TaskState } from './worker/leased-task';
import { errorMessage, sleep, type WorkerLogger } from './worker/worker-logger';

/**
 * A deadline as projections maintain it. `dueAt` must be an ISO 8601 UTC string as
 * `Date.prototype.toISOString()` writes it, so that text order is time order.
 */
export interface Deadline extends Doc {
  dueAt: string;
  kind: string;
  payload: unknown;
}

/** Dispatches the command a deadline stands for; must be idempotent (deterministic command id). */
export type DeadlineHandler = (payload: unknown, deadline: Deadline) => Promise<void>;

/** Internal collection of fired deadlines: one record per (collection, id, dueAt). */
export const DEADLINE_RUNS_COLLECTION = '_deadline_runs';

/** Indexes every deadline collection should declare. */
export const DEADLINE_INDEXES: IndexSpec[] = [{ fields: [['dueAt', 1]] }];

interface DeadlineRun extends Doc {
  collection: string;
  deadlineId: string;
  dueAt: string;
  kind: string;
  status: 'done' | 'failed';
  attempts: number;
  at: string;
  error?: string;
  retryAt?: string;
}

/** Options of a {@link DeadlineScheduler}. */
export interface DeadlineSchedulerOptions {
  store: DocumentStore;
  handlers: Record<string, DeadlineHandler>;
  /** Current time (default `() => new Date()`). */
  clock?: () => Date;
  /** Pause between two scans for due deadlines (default 1000 ms). */
  tickMs?: number;
  /** Logical deadline collections (default `['deadlines']`), resolved through projection generations. */
  collections?: string[];
  owner?: string;
  /** Lease lifetime (default 15000 ms); one process in the fleet fires deadlines. */
  leaseTtlMs?: number;
  /** First pause before a failed handler is retried (default 1000 ms, doubling up to 5 minutes). */
  retryMs?: number;
  /** Deadlines read per query (default 100). */
  pageSize?: number;
  logger?: WorkerLogger;
}

const MAX_RETRY_MS = 5 * 60_000;

/**
 * Fires due deadlines, oldest first, under a lease. A deadline fires once per due time: after its
 * handler succeeds a run record keyed by (collection, id, dueAt) is written, and a deadline with a
 * run record is skipped; a rescheduled deadline (new dueAt) therefore fires again. A crash between
 * the handler and the record fires the handler a second time, which is harmless because handlers
 * dispatch idempotent commands with deterministic ids. A failing handler is retried with backoff.
 */
export class DeadlineScheduler {
  readonly owner: string;
  private readonly task: LeasedTask;
  private readonly readModels: ReadModels;
  private readonly clock: () => Date;
  private readonly logger: WorkerLogger;

  constructor(private readonly options: DeadlineSchedulerOptions) {
    this.owner = options.owner ?? defaultOwner();
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.logger ?? console;
    this.readModels = new ReadModels(options.store);
    const collections = options.collections ?? ['deadlines'];
    this.task = new LeasedTask(
      {
        store: options.store,
        lease: `deadlines:${collections.join(',')}`,
        owner: this.owner,
        ttlMs: options.leaseTtlMs ?? 15_000,
        logger: this.logger,
      },
      async (signal) => {
        for (;;) {
          for (const collection of collections) await this.fireDue(collection, signal);
          await sleep(this.options.tickMs ?? 1000, signal);
        }
      },
    );
  }

  /** Where the scheduler stands in this process. */
  get state(): TaskState {
    return this.task.state;
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  private async fireDue(collection: string, signal: AbortSignal): Promise<void> {
    const now = this.clock().toISOString();
    const pageSize = this.options.pageSize ?? 100;
    for (let skip = 0; ; skip += pageSize) {
      const page = await this.readModels.find<Deadline>(
        collection,
        { dueAt: { $lte: now } },
        {
          sort: [
            ['dueAt', 1],
            ['_id', 1],
          ],
          skip,
          limit: pageSize,
        },
      );
      for (const deadline of page) {
        if (signal.aborted) return;
        await this.fire(collection, deadline);
      }
      if (page.length < pageSize) return;
    }
  }

  private async fire(collection: string, deadline: Deadline): Promise<void> {
    const { store, handlers } = this.options;
    const runId = `${collection}:${deadline._id}@${deadline.dueAt}`;
    const previous = await store.get<DeadlineRun>(DEADLINE_RUNS_COLLECTION, runId);
    const now = this.clock();
    if (previous?.status === 'done' || (previous?.retryAt !== undefined && previous.retryAt > now.toISOString()))
      return;
    const attempts = (previous?.attempts ?? 0) + 1;
    const run = {
      _id: runId,
      collection,
      deadlineId: deadline._id,
      dueAt: deadline.dueAt,
      kind: deadline.kind,
      attempts,
      at: now.toISOString(),
    };
    let failed: DeadlineRun | undefined;
    try {
      const handler = Object.prototype.hasOwnProperty.call(handlers, deadline.kind)
        ? handlers[deadline.kind]
        : undefined;
      if (!handler) throw new Error(`no handler for deadline kind ${deadline.kind}`);
      await handler(deadline.payload, deadline);
    } catch (err) {
      const delay = Math.min((this.options.retryMs ?? 1000) * 2 ** (attempts - 1), MAX_RETRY_MS);
      failed = {
        ...run,
        status: 'failed',
        error: errorMessage(err),
        retryAt: new Date(now.getTime() + delay).toISOString(),
      };
      this.logger.warn(
        `deadline ${runId} (${deadline.kind}): attempt ${attempts} failed, retrying in ${delay} ms: ${failed.error}`,
      );
    }
    const record: DeadlineRun = failed ?? { ...run, status: 'done' };
    await store.write({ ops: [{ kind: 'put', collection: DEADLINE_RUNS_COLLECTION, doc: record }] });
  }
}

/** What one event means for one deadline: set it (new or rescheduled) or cancel it (null). */
export interface DeadlineChange {
  id: string;
  deadline: { dueAt: string; kind: string; payload: unknown } | null;
}

/**
 * A read model maintaining a deadline collection from a pure `schedule(event)` that lists the
 * deadlines an event sets or cancels; add it to the projection whose events decide the deadlines.
 */
export function deadlineReadModel(
  collection: string,
  schedule: (event: RecordedEvent) => DeadlineChange[],
): ReadModel<Deadline> {
  return {
    collection,
    indexes: DEADLINE_INDEXES,
    ids: (event) => schedule(event).map((change) => change.id),
    evolve: (_doc, event, id) => {
      const change = schedule(event).find((c) => c.id === id);
      return change?.deadline ? { _id: id, ...change.deadline } : null;
    },
  };
}
