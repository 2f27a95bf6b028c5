import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DocumentStore } from '../document-store.port';
import { clearLeaseError, recordLeaseError } from './lease-errors';
import { AbortedError, errorMessage, errorTrace, type WorkerLogger } from './worker-logger';

/** Where a leased task stands in this process. */
export type TaskState = 'stopped' | 'standby' | 'running' | 'failed';

/** Options of a {@link LeasedTask}. */
export interface LeasedTaskOptions {
  store: DocumentStore;
  /** Lease name, e.g. `projection:stock`. */
  lease: string;
  /** Identity of this process in the lease. */
  owner: string;
  /** Lease lifetime; renewed every third of it, and standby processes retry at the same pace. */
  ttlMs: number;
  logger: WorkerLogger;
  /** First pause after a failed run before it is started again; doubles per failure up to 30 s. */
  retryMs?: number;
  /** Errors that no retry can cure: the task stops as `failed` and gives up its lease. */
  isFatal?: (err: unknown) => boolean;
}

/** A process-unique lease owner id: `<host>:<pid>:<random>`. */
export function defaultOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

const MAX_RETRY_MS = 30_000;
// A run that lasted this long counts as healthy again, so an occasional failure restarts quickly.
const HEALTHY_RUN_MS = 60_000;

/**
 * Runs `work` only while this process holds the lease, so that one process in a fleet runs it.
 * `work` receives a signal that aborts when the lease is lost or the task stops; it must return
 * (or throw) soon after. A failed run is retried with backoff while the lease is held.
 */
export class LeasedTask {
  private stateValue: TaskState = 'stopped';
  private lastError: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private renewedAt = 0;
  private failures = 0;
  private retryAt = 0;

  constructor(
    private readonly options: LeasedTaskOptions,
    private readonly work: (signal: AbortSignal) => Promise<void>,
  ) {}

  get state(): TaskState {
    return this.stateValue;
  }

  /** Message of the last failure of a run, if any. */
  get error(): string | undefined {
    return this.lastError;
  }

  /** The abort signal of the current run, when one is running. */
  get signal(): AbortSignal | undefined {
    return this.controller?.signal;
  }

  /** Begin competing for the lease. */
  start(): void {
    if (this.stateValue !== 'stopped') return;
    this.stateValue = 'standby';
    this.schedule(0);
  }

  /** Stop the run, stop competing, and release the lease if held. */
  async stop(): Promise<void> {
    if (this.stateValue === 'stopped') return;
    clearLeaseError(this.options.store, this.options.lease);
    // Set first: a tick in flight or a run ending now must not reschedule or relaunch.
    if (this.stateValue !== 'failed') this.stateValue = 'stopped';
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.abortRun();
    await this.release();
    // A failure stays visible after stopping; only a new task instance runs the work again.
    if (this.stateValue !== 'failed') this.stateValue = 'stopped';
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        if (this.stateValue === 'standby' || this.stateValue === 'running') this.schedule(this.options.ttlMs / 3);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const { store, lease, owner, ttlMs, logger } = this.options;
    let held: boolean;
    try {
      held = await store.acquireLease(lease, owner, ttlMs);
      clearLeaseError(store, lease);
      if (held) this.renewedAt = Date.now();
    } catch (err) {
      // Not stand-by: nobody may hold the lease at all. Health reports it until an attempt gets an answer.
      recordLeaseError(store, lease, errorMessage(err), new Date());
      logger.warn(`lease ${lease}: renewal failed: ${errorMessage(err)}`);
      // Keep running only while the last successful renewal certainly still protects us.
      held = this.controller !== undefined && Date.now() < this.renewedAt + ttlMs / 2;
    }
    if (this.stateValue !== 'standby' && this.stateValue !== 'running') return;
    if (held && !this.controller && Date.now() >= this.retryAt) this.launch();
    else if (!held && this.controller) {
      logger.warn(`lease ${lease}: lost, stopping`);
      await this.abortRun();
    }
  }

  private launch(): void {
    const controller = new AbortController();
    const startedAt = Date.now();
    this.controller = controller;
    this.stateValue = 'running';
    this.running = this.work(controller.signal)
      .then(
        () => {
          this.failures = 0;
        },
        (err: unknown) => this.onFailure(err, controller, startedAt),
      )
      .finally(() => {
        if (this.controller === controller) this.controller = undefined;
        if (this.stateValue === 'running') this.stateValue = 'standby';
        this.running = undefined;
      });
  }

  private async onFailure(err: unknown, controller: AbortController, startedAt: number): Promise<void> {
    const { lease, logger } = this.options;
    if (err instanceof AbortedError && controller.signal.aborted) return;
    this.lastError = errorMessage(err);
    if (this.options.isFatal?.(err)) {
      this.stateValue = 'failed';
      clearTimeout(this.timer);
      logger.error(`${lease}: failed, giving up: ${this.lastError}`, errorTrace(err));
      await this.release();
      return;
    }
    this.failures = Date.now() - startedAt > HEALTHY_RUN_MS ? 1 : this.failures + 1;
    const delay = Math.min((this.options.retryMs ?? 1000) * 2 ** (this.failures - 1), MAX_RETRY_MS);
    this.retryAt = Date.now() + delay;
    logger.warn(`${lease}: run failed, retrying in ${delay} ms: ${this.lastError}`);
  }

  private async abortRun(): Promise<void> {
    this.controller?.abort();
    await this.running;
  }

  private async release(): Promise<void> {
    try {
      await this.options.store.releaseLease(this.options.lease, this.options.owner);
    } catch (err) {
      this.options.logger.warn(`lease ${this.options.lease}: release failed: ${errorMessage(err)}`);
    }
  }
}
