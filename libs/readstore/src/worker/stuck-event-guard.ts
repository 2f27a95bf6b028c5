import type { EventStore, RecordedEvent } from '@gx/eventstore/event-store.port';
import { parkingStream, type ParkingEvent } from '@gx/domain/operations/parking.events';
import { AbortedError, errorMessage, errorTrace, sleep, type WorkerLogger } from './worker-logger';
import type { SubscriberReport } from './subscriber-report';

/** Options of a {@link StuckEventGuard}. */
export interface StuckEventGuardOptions {
  events: EventStore;
  report: SubscriberReport;
  logger: WorkerLogger;
  /** Pause after the first failure of an event; doubles per failure up to `maxRetryMs`. */
  retryMs: number;
  maxRetryMs?: number;
  /** While waiting to retry, how often the parking stream is read for an operator's park or retry. */
  controlPollMs?: number;
}

const MAX_RETRY_MS = 30_000;
const CONTROL_POLL_MS = 250;

/**
 * Retries the event a subscriber fails on, whatever the cause, with backoff and without ever
 * skipping it on its own; reports it (status document, /health, /metrics) while it fails; and
 * obeys the operator: a park (the subscriber skips that one event) or a retry now, both read from
 * the subscriber's parking stream in the log, where they are audited with actor and reason.
 */
export class StuckEventGuard {
  private parkedPositions = new Set<string>();
  /** Next revision of the parking stream to read. */
  private nextRevision = 0;

  constructor(private readonly options: StuckEventGuardOptions) {}

  /** Load every park so far; call at the start of each run (another worker may have run it meanwhile). */
  async load(): Promise<void> {
    this.parkedPositions = new Set();
    this.nextRevision = 0;
    await this.readControl();
  }

  /** True when an operator parked the event at `position` for this subscriber. */
  isParked(position: string): boolean {
    return this.parkedPositions.has(position);
  }

  /**
   * Run `attempt` for `event` until it succeeds, retrying with backoff. `attempt` must itself skip
   * the event when {@link isParked} says so (a projection still moves its checkpoint past it).
   * `onFirstFailure` runs once before the first wait (e.g. to save the progress made before).
   */
  async attempt(
    event: RecordedEvent,
    signal: AbortSignal,
    attempt: () => Promise<void>,
    onFirstFailure?: () => Promise<void>,
  ): Promise<void> {
    for (let failures = 0; ;) {
      try {
        await attempt();
        if (failures > 0 || this.options.report.failing?.position === event.position)
          await this.recovered(event, failures);
        return;
      } catch (err) {
        if (signal.aborted) throw new AbortedError();
        failures += 1;
        if (failures === 1) await onFirstFailure?.();
        await this.failed(event, err, signal);
      }
    }
  }

  /** Record a failure of `event`, then wait for its backoff, an operator's retry or park. */
  async failed(event: RecordedEvent, err: unknown, signal: AbortSignal): Promise<void> {
    const { report, logger, retryMs } = this.options;
    const previous = report.failing?.position === event.position ? report.failing : undefined;
    const attempts = (previous?.attempts ?? 0) + 1;
    const delay = Math.min(retryMs * 2 ** (attempts - 1), this.options.maxRetryMs ?? MAX_RETRY_MS);
    const now = Date.now();
    const error = errorMessage(err);
    await report.update({
      failing: {
        position: event.position,
        eventId: event.id,
        type: event.type,
        streamId: event.streamId,
        revision: event.revision,
        error,
        attempts,
        since: previous?.since ?? new Date(now).toISOString(),
        lastAttemptAt: new Date(now).toISOString(),
        nextAttemptAt: new Date(now + delay).toISOString(),
      },
    });
    const where = `${report.kind} ${report.name}: ${event.type} at position ${event.position} (${event.streamId}@${event.revision})`;
    // The stack once; afterwards one line per attempt, and attempts thin out with the backoff.
    if (attempts === 1)
      logger.error(`${where} failed, retrying until it passes or an operator parks it: ${error}`, errorTrace(err));
    else logger.warn(`${where} failed again (attempt ${attempts}), next in ${delay} ms: ${error}`);
    await this.waitForRetry(event, now + delay, signal);
  }

  private async waitForRetry(event: RecordedEvent, until: number, signal: AbortSignal): Promise<void> {
    const pollMs = this.options.controlPollMs ?? CONTROL_POLL_MS;
    for (let left = until - Date.now(); left > 0; left = until - Date.now()) {
      await sleep(Math.min(pollMs, left), signal);
      const actions = await this.readControl().catch(() => []);
      for (const action of actions) {
        if (action.data.event.position !== event.position) continue;
        const by = action.metadata.actor;
        if (action.type === 'SubscriberEventParked') {
          this.options.logger.warn(
            `${this.options.report.kind} ${this.options.report.name}: event at ${event.position} parked by ${by}: ${action.data.reason}`,
          );
        } else {
          this.options.logger.log(
            `${this.options.report.kind} ${this.options.report.name}: retry of ${event.position} requested by ${by}`,
          );
        }
        return;
      }
    }
  }

  private async recovered(event: RecordedEvent, failures: number): Promise<void> {
    const { report, logger } = this.options;
    const how = this.isParked(event.position) ? 'skipped (parked)' : `passed after ${failures} failed attempt(s)`;
    logger.log(`${report.kind} ${report.name}: event at ${event.position} ${how}`);
    await report.update({ failing: undefined });
  }

  /** Read the operator actions appended since the last read, remembering parks. */
  private async readControl(): Promise<Array<ParkingEvent & Pick<RecordedEvent, 'metadata'>>> {
    const { events, report } = this.options;
    const read = await events.readStream(parkingStream(report.kind, report.name), { fromRevision: this.nextRevision });
    this.nextRevision += read.length;
    // Only the parking decider appends to this stream, so its events have its shapes.
    const actions = read as unknown as Array<ParkingEvent & Pick<RecordedEvent, 'metadata'>>;
    for (const action of actions)
      if (action.type === 'SubscriberEventParked') this.parkedPositions.add(action.data.event.position);
    return actions;
  }
}
