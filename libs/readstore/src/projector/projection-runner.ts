import type { RecordedEvent } from '@gx/eventstore/event-store.port';
import type { Projection } from '../projection';
import { pumpEvents, type PumpEnd } from '../worker/event-pump';
import { LeasedTask } from '../worker/leased-task';
import { StuckEventGuard } from '../worker/stuck-event-guard';
import { SubscriberReport } from '../worker/subscriber-report';
import { AbortedError, errorMessage } from '../worker/worker-logger';
import { EvolveError, foldBatch } from './fold-batch';
import { foldTargets, prepareGeneration, replayInto, switchGeneration, type BuildContext } from './generation-builder';
import { GENERATIONS_COLLECTION, isOutdated, projectionLease, type GenerationDoc } from './generations';
import type { ProjectionRunnerOptions, ProjectionStatus } from './projection-status';

export type { ProjectionRunnerOptions, ProjectionStatus } from './projection-status';

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
  private readonly report: SubscriberReport;
  private readonly guard: StuckEventGuard;
  private active: GenerationDoc | undefined;
  private rebuilding = false;
  private pendingSwitch: PendingSwitch | undefined;
  private interruptPump: (() => void) | undefined;

  constructor(
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.report = new SubscriberReport(options.store, 'projection', projection.name, options.owner, options.logger);
    this.guard = new StuckEventGuard({
      events: options.events,
      report: this.report,
      logger: options.logger,
      retryMs: options.retryMs,
    });
    this.task = new LeasedTask(
      {
        store: options.store,
        lease: projectionLease(projection.name),
        owner: options.owner,
        ttlMs: options.leaseTtlMs,
        logger: options.logger,
        retryMs: options.retryMs,
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
    const failing = running ? this.report.failing : undefined;
    return {
      name: this.projection.name,
      version: this.projection.version,
      generation: stored?.generation ?? 0,
      checkpoint,
      head,
      lag: lag > 0n ? Number(lag) : 0,
      running,
      ...(running ? { owner } : {}),
      state: failing ? 'failing' : running && this.rebuilding ? 'rebuilding' : this.task.state,
      ...(this.task.error === undefined ? {} : { error: this.task.error }),
      ...(failing ? { failing } : {}),
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
    await this.setRebuilding(true);
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
      await this.setRebuilding(false);
    }
  }

  private async setRebuilding(rebuilding: boolean): Promise<void> {
    this.rebuilding = rebuilding;
    await this.report.update({ rebuilding });
  }

  private async run(signal: AbortSignal): Promise<void> {
    try {
      await this.report.started();
      await this.guard.load();
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
      logger.log(
        `projection ${name}: building version ${version} (stored: ${stored ? `version ${stored.version}` : 'none'})`,
      );
      await this.setRebuilding(true);
      try {
        active = await this.build(stored, signal);
      } finally {
        await this.setRebuilding(false);
      }
    } else {
      // Indexes may have been added to the read models since the generation was built.
      for (const model of this.projection.readModels) {
        await store.ensureCollection({ name: active.collections[model.collection], indexes: model.indexes });
      }
    }
    return this.activate(active);
  }

  /** Build the first generation of this version; an event that fails is retried (or parked) like a live one. */
  private async build(stored: GenerationDoc | null, signal: AbortSignal): Promise<GenerationDoc> {
    for (;;) {
      try {
        const build = this.buildContext();
        const target = await prepareGeneration(build, stored);
        const built = await switchGeneration(build, stored, target, await replayInto(build, target, null, signal));
        if (this.report.failing) await this.report.update({ failing: undefined });
        return built;
      } catch (err) {
        if (!(err instanceof EvolveError) || signal.aborted) throw err;
        // The build starts over: pages are written without checkpoints.
        await this.guard.failed(err.event, err, signal);
      }
    }
  }

  private activate(generation: GenerationDoc): GenerationDoc {
    this.active = generation;
    return generation;
  }

  private buildContext(): BuildContext {
    const { events, store, rebuildBatchSize, logger } = this.options;
    return {
      events,
      store,
      projection: this.projection,
      rebuildBatchSize,
      logger,
      isParked: (position) => this.guard.isParked(position),
    };
  }

  private async follow(active: GenerationDoc, signal: AbortSignal): Promise<PumpEnd> {
    const { events, store, batchSize, flushMs, idleProbeMs } = this.options;
    const interrupt = new AbortController();
    this.interruptPump = () => interrupt.abort();
    const pumpSignal = AbortSignal.any([signal, interrupt.signal]);
    const targets = foldTargets(this.projection, active);
    const write = async (batch: RecordedEvent[], position: string) => {
      const folded = batch.filter((event) => !this.guard.isParked(event.position));
      const ops = folded.length === 0 ? [] : await foldBatch(store, this.projection.name, targets, folded);
      await store.write({ ops, checkpoint: { name: active.checkpoint, position } });
    };
    try {
      return await pumpEvents({
        events,
        after: await store.getCheckpoint(active.checkpoint),
        filter: this.projection.filter,
        batchSize,
        flushMs,
        idleProbeMs,
        signal: pumpSignal,
        onBatch: async (batch, position) => {
          try {
            return await write(batch, position);
          } catch (err) {
            if (pumpSignal.aborted) throw err;
            if (batch.length > 1)
              this.options.logger.warn(
                `projection ${this.projection.name}: a batch of ${batch.length} failed, applying it event by event: ${errorMessage(err)}`,
              );
          }
          // Pin the failure on one event: apply the batch event by event, each retried until it passes or is parked.
          for (const event of batch) await this.guard.attempt(event, pumpSignal, () => write([event], event.position));
        },
        onAdvance: (position) => write([], position),
        onCaughtUp: () => void this.report.update({ caughtUp: true }),
      });
    } catch (err) {
      // Interrupted for a rebuild's switch while retrying an event: the run goes on after the switch.
      if (err instanceof AbortedError && interrupt.signal.aborted && !signal.aborted) return 'aborted';
      throw err;
    } finally {
      this.interruptPump = undefined;
    }
  }
}
