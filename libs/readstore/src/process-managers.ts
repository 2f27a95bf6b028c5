import type { EventStore } from '@gx/eventstore/event-store.port';
import type { DocumentStore } from './document-store.port';
import type { ProcessManager } from './projection';
import { pumpEvents } from './worker/event-pump';
import { defaultOwner, LeasedTask, type TaskState } from './worker/leased-task';
import { StuckEventGuard } from './worker/stuck-event-guard';
import { SubscriberReport, type StuckEvent } from './worker/subscriber-report';
import type { WorkerLogger } from './worker/worker-logger';

/** Options of a {@link ProcessManagerRunner}; everything but the stores and managers has a default. */
export interface ProcessManagerRunnerOptions {
  events: EventStore;
  store: DocumentStore;
  processManagers: ProcessManager[];
  owner?: string;
  /** Lease lifetime per process manager (default 15000 ms). */
  leaseTtlMs?: number;
  /** Events handled before the checkpoint is written (default 20): at most these repeat after a crash. */
  batchSize?: number;
  /** A batch is started at most this long after its first event arrived (default 20 ms). */
  flushMs?: number;
  /** How often an idle manager checks whether its checkpoint can pass skipped events (default 50 ms). */
  idleProbeMs?: number;
  /** First pause before a failed `handle` is retried (default 200 ms, doubling up to 30 s). */
  retryMs?: number;
  logger?: WorkerLogger;
}

/** Where a process manager stands. */
export interface ProcessManagerStatus {
  name: string;
  checkpoint: string | null;
  head: string;
  lag: number;
  running: boolean;
  owner?: string;
  state: TaskState | 'failing';
  /** The last error of `handle`, while it is being retried. */
  error?: string;
  /** The event `handle` keeps failing on (retried with backoff until it passes or an operator parks it). */
  failing?: StuckEvent;
}

/** Checkpoint and lease name of a process manager. */
export const processManagerCheckpoint = (name: string): string => `process-manager:${name}`;

/**
 * Delivers stored events to process managers in log order, at least once: each manager runs under
 * its own lease and checkpoint, and a failing `handle` is retried with backoff (never skipped), so
 * commands must be idempotent (deterministic command ids).
 */
export class ProcessManagerRunner {
  readonly owner: string;
  private readonly tasks = new Map<string, LeasedTask>();
  private readonly guards = new Map<string, { report: SubscriberReport; guard: StuckEventGuard }>();

  constructor(private readonly options: ProcessManagerRunnerOptions) {
    this.owner = options.owner ?? defaultOwner();
    for (const manager of options.processManagers) {
      if (this.tasks.has(manager.name)) throw new Error(`duplicate process manager name: ${manager.name}`);
      const logger = options.logger ?? console;
      const report = new SubscriberReport(options.store, 'process-manager', manager.name, this.owner, logger);
      const guard = new StuckEventGuard({ events: options.events, report, logger, retryMs: options.retryMs ?? 200 });
      this.guards.set(manager.name, { report, guard });
      const task = new LeasedTask(
        {
          store: options.store,
          lease: processManagerCheckpoint(manager.name),
          owner: this.owner,
          ttlMs: options.leaseTtlMs ?? 15_000,
          logger: options.logger ?? console,
          retryMs: options.retryMs ?? 200,
        },
        (signal) => this.run(manager, signal),
      );
      this.tasks.set(manager.name, task);
    }
  }

  start(): void {
    for (const task of this.tasks.values()) task.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.tasks.values()].map((task) => task.stop()));
  }

  async status(): Promise<ProcessManagerStatus[]> {
    const head = await this.options.events.headPosition();
    return Promise.all(
      [...this.tasks].map(async ([name, task]) => {
        const checkpoint = await this.options.store.getCheckpoint(processManagerCheckpoint(name));
        const lag = BigInt(head) - BigInt(checkpoint ?? '0');
        const running = task.state === 'running';
        const failing = running ? this.guards.get(name)?.report.failing : undefined;
        const error = failing?.error ?? task.error;
        return {
          name,
          checkpoint,
          head,
          lag: lag > 0n ? Number(lag) : 0,
          running,
          ...(running ? { owner: this.owner } : {}),
          state: failing ? 'failing' : task.state,
          ...(error === undefined ? {} : { error }),
          ...(failing ? { failing } : {}),
        };
      }),
    );
  }

  private async run(manager: ProcessManager, signal: AbortSignal): Promise<void> {
    const { events, store } = this.options;
    const { report, guard } = this.guards.get(manager.name) as { report: SubscriberReport; guard: StuckEventGuard }; // set per manager in the constructor
    await report.started();
    await guard.load();
    const checkpointName = processManagerCheckpoint(manager.name);
    const record = (position: string) => store.write({ ops: [], checkpoint: { name: checkpointName, position } });
    const end = await pumpEvents({
      events,
      after: await store.getCheckpoint(checkpointName),
      filter: manager.filter,
      batchSize: this.options.batchSize ?? 20,
      flushMs: this.options.flushMs ?? 20,
      idleProbeMs: this.options.idleProbeMs ?? 50,
      signal,
      onBatch: async (batch, position) => {
        for (const [index, event] of batch.entries()) {
          // Events handled before a failing one need not repeat while it is being retried.
          const saveProgress = () => (index > 0 ? record(batch[index - 1].position) : Promise.resolve());
          await guard.attempt(
            event,
            signal,
            async () => (guard.isParked(event.position) ? undefined : manager.handle(event)),
            saveProgress,
          );
        }
        await record(position);
      },
      onAdvance: record,
      onCaughtUp: () => void report.update({ caughtUp: true }),
    });
    if (end === 'ended' && !signal.aborted)
      throw new Error(`process manager ${manager.name}: the subscription ended unexpectedly`);
  }
}
