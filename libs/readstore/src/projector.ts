import type { EventStore } from '@gx/eventstore/event-store.port';
import type { DocumentStore } from './document-store.port';
import type { Projection } from './projection';
import { ProjectionRunner, type ProjectionStatus } from './projector/projection-runner';
import { defaultOwner } from './worker/leased-task';
import type { WorkerLogger } from './worker/worker-logger';

export type { ProjectionStatus } from './projector/projection-runner';
export type { TaskState } from './worker/leased-task';
export type { WorkerLogger } from './worker/worker-logger';
export { EvolveError } from './projector/fold-batch';
export {
  GENERATIONS_COLLECTION,
  physicalCollection,
  projectionCheckpoint,
  projectionLease,
  type GenerationDoc,
} from './projector/generations';

/** Options of a {@link Projector}; everything but the stores and projections has a default. */
export interface ProjectorOptions {
  events: EventStore;
  store: DocumentStore;
  projections: Projection[];
  /** Identity of this process in leases (default `<host>:<pid>:<random>`). */
  owner?: string;
  /** Lease lifetime per projection (default 15000 ms); renewed every third of it. */
  leaseTtlMs?: number;
  /** Events per live batch (default 500). */
  batchSize?: number;
  /** A live batch is written at most this long after its first event (default 20 ms). */
  flushMs?: number;
  /** How often an idle projection checks whether its checkpoint can pass skipped events (default 50 ms). */
  idleProbeMs?: number;
  /** Events per page when building a generation (default 2000). */
  rebuildBatchSize?: number;
  /** First pause before a failed run is retried (default 1000 ms, doubling). */
  retryMs?: number;
  logger?: WorkerLogger;
}

/**
 * Runs projections from the event log into the document store: per projection a lease (one
 * process in the fleet runs it), a checkpoint, catch-up then live in batches, generational
 * collections for rebuilds without downtime, and status with lag. An event that fails (projection
 * code throws, or the store refuses its documents) holds up only that projection (status `failing`,
 * checkpoint just before it): it is retried with backoff until it passes or an operator parks it.
 */
export class Projector {
  /** Identity of this process in the leases. */
  readonly owner: string;
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly events: EventStore;

  constructor(options: ProjectorOptions) {
    this.owner = options.owner ?? defaultOwner();
    this.events = options.events;
    for (const projection of options.projections) {
      if (this.runners.has(projection.name)) throw new Error(`duplicate projection name: ${projection.name}`);
      this.runners.set(
        projection.name,
        new ProjectionRunner(projection, {
          events: options.events,
          store: options.store,
          owner: this.owner,
          leaseTtlMs: options.leaseTtlMs ?? 15_000,
          batchSize: options.batchSize ?? 500,
          flushMs: options.flushMs ?? 20,
          idleProbeMs: options.idleProbeMs ?? 50,
          rebuildBatchSize: options.rebuildBatchSize ?? 2000,
          retryMs: options.retryMs ?? 1000,
          logger: options.logger ?? console,
        }),
      );
    }
  }

  /** Start competing for every projection's lease; returns at once. */
  start(): void {
    for (const runner of this.runners.values()) runner.start();
  }

  /** Stop every projection and release its lease, so a standby process takes over at once. */
  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  /** Status of every projection, read from the store (so standby processes report progress too). */
  async status(): Promise<ProjectionStatus[]> {
    const head = await this.events.headPosition();
    return Promise.all([...this.runners.values()].map((runner) => runner.status(head)));
  }

  /**
   * Rebuild a projection into a new generation and switch to it; readers keep the old one meanwhile.
   * Rejects when this process does not hold the projection's lease.
   */
  rebuild(name: string): Promise<void> {
    const runner = this.runners.get(name);
    if (!runner) return Promise.reject(new Error(`unknown projection: ${name}`));
    return runner.rebuild();
  }
}
