import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { comparePositions, type EventStore } from '@gx/eventstore/event-store.port';
import type { DocumentStore } from '../document-store.port';
import type { Projection } from '../projection';
import { pumpEvents, type PumpEnd } from '../worker/event-pump';
import { LeasedTask, type TaskState } from '../worker/leased-task';
import { AbortedError, type WorkerLogger } from '../worker/worker-logger';
import { EvolveError, foldBatch, type FoldTarget } from './fold-batch';
import { generationDoc, GENERATIONS_COLLECTION, isOutdated, projectionLease, type GenerationDoc } from './generations';

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

interface PendingSwitch {
  run(signal: AbortSignal): Promise<GenerationDoc>;
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
      const target = await this.prepareTarget(from);
      // The active generation keeps following the log meanwhile; only the last stretch pauses it.
      const reached = await this.replayInto(target, null, signal);
      await new Promise<void>((resolve, reject) => {
        this.pendingSwitch = {
          resolve,
          reject,
          run: async (runSignal) => this.switchTo(from, target, await this.replayInto(target, reached, runSignal)),
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
          try {
            active = await pending.run(signal);
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
        const target = await this.prepareTarget(stored);
        active = await this.switchTo(stored, target, await this.replayInto(target, null, signal));
      } finally {
        this.rebuilding = false;
      }
    } else {
      // Indexes may have been added to the read models since the generation was built.
      for (const model of this.projection.readModels) {
        await store.ensureCollection({ name: active.collections[model.collection], indexes: model.indexes });
      }
    }
    this.active = active;
    return active;
  }

  private async follow(active: GenerationDoc, signal: AbortSignal): Promise<PumpEnd> {
    const { events, store, batchSize, flushMs, idleProbeMs } = this.options;
    const interrupt = new AbortController();
    this.interruptPump = () => interrupt.abort();
    const targets = this.targets(active);
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

  /** Fresh, empty physical collections for the generation after `from`. */
  private async prepareTarget(from: GenerationDoc | null): Promise<GenerationDoc> {
    const target = generationDoc(this.projection, (from?.generation ?? 0) + 1, from);
    for (const model of this.projection.readModels) {
      const physical = target.collections[model.collection];
      // Leftovers of an interrupted rebuild must not leak into the new generation.
      await this.options.store.dropCollection(physical);
      await this.options.store.ensureCollection({ name: physical, indexes: model.indexes });
    }
    return target;
  }

  /** Fold the log after `after` into `target` in large pages; returns the position it is complete up to. */
  private async replayInto(target: GenerationDoc, after: string | null, signal: AbortSignal): Promise<string | null> {
    const { events, store, rebuildBatchSize } = this.options;
    const targets = this.targets(target);
    let position = after;
    for (;;) {
      if (signal.aborted) throw new AbortedError();
      const head = await events.headPosition();
      const page = await events.readAll({ after: position ?? undefined, filter: this.projection.filter, maxCount: rebuildBatchSize });
      if (page.length === 0) {
        // Nothing matched up to `head` (read first), so the generation is complete up to it.
        return head !== '0' && (position === null || comparePositions(head, position) > 0) ? head : position;
      }
      position = page[page.length - 1].position;
      await store.write({ ops: await foldBatch(store, this.projection.name, targets, page) });
      // Pages are synchronous work on the embedded stores; let requests in between.
      await yieldToLoop();
    }
  }

  private async switchTo(from: GenerationDoc | null, target: GenerationDoc, position: string | null): Promise<GenerationDoc> {
    const { store, logger } = this.options;
    await store.write({
      ops: [{ kind: 'put', collection: GENERATIONS_COLLECTION, doc: target }],
      ...(position === null ? {} : { checkpoint: { name: target.checkpoint, position } }),
    });
    const keep = new Set([...Object.values(target.collections), ...Object.values(target.previous ?? {})]);
    for (const physical of Object.values(from?.previous ?? {})) {
      if (!keep.has(physical)) await store.dropCollection(physical);
    }
    logger.log(`projection ${target.projection}: generation ${target.generation} active at position ${position ?? 'start'}`);
    this.active = target;
    return target;
  }

  private targets(generation: GenerationDoc): FoldTarget[] {
    return this.projection.readModels.map((model) => ({ model, physical: generation.collections[model.collection] }));
  }
}
