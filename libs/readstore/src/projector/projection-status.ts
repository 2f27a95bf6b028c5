import type { EventStore } from '@gx/eventstore/event-store.port';
import type { DocumentStore } from '../document-store.port';
import type { TaskState } from '../worker/leased-task';
import type { StuckEvent } from '../worker/subscriber-report';
import type { WorkerLogger } from '../worker/worker-logger';

/** Tuning shared by the runners of one projector. */
export interface ProjectionRunnerOptions {
  events: EventStore;
  store: DocumentStore;
  owner: string;
  leaseTtlMs: number;
  batchSize: number;
  flushMs: number;
  idleProbeMs: number;
  rebuildBatchSize: number;
  retryMs: number;
  logger: WorkerLogger;
}

/** Where a projection stands, as `/health` and the admin API report it. */
export interface ProjectionStatus {
  name: string;
  /** Version of the projection code in this process. */
  version: number;
  /** Active generation (0 before the first build). */
  generation: number;
  checkpoint: string | null;
  head: string;
  /** head − checkpoint, in log positions. */
  lag: number;
  /** True when this process holds the lease and runs the projection. */
  running: boolean;
  owner?: string;
  state: TaskState | 'rebuilding' | 'failing';
  error?: string;
  /** The event it keeps failing on (retried with backoff until it passes or an operator parks it). */
  failing?: StuckEvent;
}
