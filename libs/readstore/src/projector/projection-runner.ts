import type { EventStore } from '@gx/eventstore/event-store.port';
import type { DocumentStore } from '../document-store.port';
import type { Projection } from '../projection';
import { pumpEvents, type PumpEnd } from '../worker/event-pump';
import { LeasedTask, type TaskState } from '../worker/leased-task';
import { AbortedError, type WorkerLogger } from '../worker/worker-logger';
import { EvolveError, foldBatch } from './fold-batch';
import { foldTargets, prepareGeneration, replayInto, switchGeneration, type BuildContext } from './generation-builder';
import { GENERATIONS_COLLECTION, isOutdated, projectionLease, type GenerationDoc } from './generations';

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
  state: TaskState | 'rebuilding';
  error?: string;
}

/** The last stretch of a rebuild, performed by the run loop while the active generation is paused. */
interface PendingSwitch {
  /** The run the rebuild started in; a later run (after the lease was lost) must not finish it. */
  signal: AbortSignal;
  run(): Promise<GenerationDoc>;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Runs one projection under its lease: builds a generation when there is none or the code changed,
 * then follows the log from the active generation's checkpoint. A rebuild fills the next generation
 * while the active one keeps following, then switches in one write.
 */
export class ProjectionRunner {
  private readonly task: LeasedTask;
  private active: GenerationDoc | undefined;
  private rebuilding = false;
  private pendingSwitch: PendingSwitch | undefined;
  private interruptPump: (() => void) | undefined;

  constructor(
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.task = new LeasedTask(
      {
        store: options.store,
        lease: projectionLease(projection.name),
        owner: options.owner,
        ttlMs: options.leaseTtlMs,
        logger: options.logger,
        retryMs: options.retryMs,
        isFatal: (err) => err instanceof EvolveError,
      },
      (signal) => this.run(signal),
    );
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  async status(head: string): Promise<ProjectionStatus> {
    const { store, owner } = this.options;
    const stored = await store.get<GenerationDoc>(GENERATIONS_COLLECTION, this.projection.name);
    const checkpoint = stored ? await store.getCheckpoint(stored.checkpoint) : null;
    const lag = BigInt(head) - BigInt(checkpoint ?? '0');
    const running = this.task.state === 'running';
    return {
      name: this.projection.name,
      version: this.projection.version,
      generation: stored?.generation ?? 0,
      checkpoint,
      head,
      lag: lag > 0n ? Number(lag) : 0,
      running,
      ...(running ? { owner } : {}),
      state: running && this.rebuilding ? 'rebuilding' : this.task.state,
      ...(this.task.error === undefined ? {} : { error: this.task.error }),
    };
  }

  /** Replay the whole log into the next generation, then switch to it; only where the lease is held. */
  async rebuild(): Promise<void> {
    const { name } = this.projection;
    const signal = this.task.signal;
    const from = this.active;
    if (!signal || !from || this.task.state !== 'running') {
      throw new Error(`projection ${name} does not run in this process: rebuild it where it holds the lease`);
    }
    if (this.rebuilding) throw new Error(`projection ${name} is already rebuilding`);
    this.rebuilding = true;
    try {
      const build = this.buildContext();
      const target = await prepareGeneration(build, from);
      // The active generation keeps following the log meanwhile; only the last stretch pauses it.
      const reached = await replayInto(build, target, null, signal);
      if (signal.aborted) throw new AbortedError();
      await new Promise<void>((resolve, reject) => {
        this.pendingSwitch = {
          signal,
          resolve,
          reject,
          run: async () => {
            const position = await replayInto(build, target, reached, signal);
            return this.activate(await switchGeneration(build, from, target, position));
          },
        };
        this.interruptPump?.();
      });
    } finally {
      this.rebuilding = false;
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    try {
      let active = await this.prepare(signal);
      while (!signal.aborted) {
        const pending = this.pendingSwitch;
        this.pendingSwitch = undefined;
        if (pending) {
          if (pending.signal !== signal) {
            pending.reject(new AbortedError());
            continue;
          }
          try {
            active = await pending.run();
          } catch (err) {
            pending.reject(err);
            throw err;
          }
          pending.resolve();
          continue;
        }
        const end = await this.follow(active, signal);
        if (end === 'ended' && !signal.aborted && !this.pendingSwitch) {
          throw new Error(`projection ${this.projection.name}: the subscription ended unexpectedly`);
        }
      }
    } finally {
      this.active = undefined;
      this.pendingSwitch?.reject(new AbortedError());
      this.pendingSwitch = undefined;
    }
  }

  private async prepare(signal: AbortSignal): Promise<GenerationDoc> {
    const { store, logger } = this.options;
    const { name, version } = this.projection;
    const stored = await store.get<GenerationDoc>(GENERATIONS_COLLECTION, name);
    let active = stored;
    if (!active || isOutdated(this.projection, active)) {
      logger.log(`projection ${name}: building version ${version} (stored: ${stored ? `version ${stored.version}` : 'none'})`);
      this.rebuilding = true;
      try {
        const build = this.buildContext();
        const target = await prepareGeneration(build, stored);
        active = await switchGeneration(build, stored, target, await replayInto(build, target, null, signal));
      } finally {
        this.rebuilding = false;
      }
    } else {
      // Indexes may have been added to the read models since the generation was built.
      for (const model of this.projection.readModels) {
        await store.ensureCollection({ name: active.collections[model.collection], indexes: model.indexes });
      }
    }
    return this.activate(active);
  }

  private activate(generation: GenerationDoc): GenerationDoc {
    this.active = generation;
    return generation;
  }

  private buildContext(): BuildContext {
    const { events, store, rebuildBatchSize, logger } = this.options;
    return { events, store, projection: this.projection, rebuildBatchSize, logger };
  }

  private async follow(active: GenerationDoc, signal: AbortSignal): Promise<PumpEnd> {
    const { events, store, batchSize, flushMs, idleProbeMs } = this.options;
    const interrupt = new AbortController();
    this.interruptPump = () => interrupt.abort();
    const targets = foldTargets(this.projection, active);
    const write = (ops: Parameters<DocumentStore['write']>[0]['ops'], position: string) =>
      store.write({ ops, checkpoint: { name: active.checkpoint, position } });
    try {
      return await pumpEvents({
        events,
        after: await store.getCheckpoint(active.checkpoint),
        filter: this.projection.filter,
        batchSize,
        flushMs,
        idleProbeMs,
        signal: AbortSignal.any([signal, interrupt.signal]),
        onBatch: async (batch, position) => write(await foldBatch(store, this.projection.name, targets, batch), position),
        onAdvance: (position) => write([], position),
      });
    } finally {
      this.interruptPump = undefined;
    }
  }
}
