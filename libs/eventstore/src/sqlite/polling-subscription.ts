import type { AllFilter, RecordedEvent, Subscription } from '../event-store.port';

/** What a polling subscription needs from the log. Both calls are synchronous snapshots. */
export interface PollableLog {
  /** Highest position currently visible. */
  head(): bigint;
  /** Events matching the filter with `after < position <= upTo`, in position order, at most `limit`. */
  readRange(after: bigint, upTo: bigint, limit: number, filter: AllFilter | undefined): RecordedEvent[];
}

/** Tuning of a {@link PollingSubscription}. */
export interface PollingOptions {
  after: bigint;
  filter?: AllFilter;
  onCaughtUp?: () => void;
  pollIntervalMs: number;
  pageSize: number;
  /** Called once the subscription is stopped, so that the owner forgets it. */
  onStopped: (subscription: PollingSubscription) => void;
}

/**
 * Catch-up then live subscription over a log that other processes may append to.
 *
 * Why order is exact: every append runs in a `BEGIN IMMEDIATE` transaction, so writers (of all
 * processes) hold the single write lock one after another and AUTOINCREMENT hands out positions
 * inside that lock. Commits therefore become visible in position order: once position P is visible,
 * every position below P is visible too (or never existed). So the cursor can jump to the `head()`
 * it read before scanning: nothing at or below it can show up later, and nothing above it was read.
 * The cursor also advances past filtered-out events, so an idle poll costs one `max(position)`.
 *
 * Live latency: appends through the owning store call {@link wake}; appends by other processes or
 * other connections are found by polling every `pollIntervalMs` while idle.
 */
export class PollingSubscription implements Subscription {
  private stopped = false;
  /** Set by a wake-up that arrived while the loop was busy, so the next idle wait is skipped. */
  private pending = false;
  private timer: NodeJS.Timeout | undefined;
  private resolveWait: (() => void) | undefined;
  private iterator: AsyncGenerator<RecordedEvent> | undefined;

  constructor(
    private readonly log: PollableLog,
    private readonly options: PollingOptions,
  ) {}

  /** The single iterator of this subscription (a second `for await` continues the same one). */
  [Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
    this.iterator ??= this.run();
    return this.iterator;
  }

  /** Ends the iteration: a pending `next()` resolves as done and no event is delivered afterwards. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.endWait();
    this.options.onStopped(this);
  }

  /** New events may be visible: poll now instead of at the next tick. */
  wake(): void {
    if (this.resolveWait) this.endWait();
    else this.pending = true;
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    const { filter, pageSize } = this.options;
    let cursor = this.options.after;
    let caughtUp = false;
    try {
      while (!this.stopped) {
        this.pending = false;
        const head = this.log.head();
        let fullPage = false;
        if (head > cursor) {
          const page = this.log.readRange(cursor, head, pageSize, filter);
          for (const event of page) {
            yield event;
            if (this.stopped) return;
          }
          fullPage = page.length === pageSize;
          cursor = fullPage ? BigInt(page[page.length - 1].position) : head;
        }
        if (fullPage) {
          // Let timers and I/O run between pages of a long catch-up.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        if (!caughtUp) {
          caughtUp = true;
          this.options.onCaughtUp?.();
        }
        await this.idle();
      }
    } finally {
      // Reached by stop(), by the consumer leaving its loop (return()), or by an error.
      await this.stop();
    }
  }

  private idle(): Promise<void> {
    if (this.pending || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.resolveWait = resolve;
      this.timer = setTimeout(() => this.endWait(), this.options.pollIntervalMs);
    });
  }

  private endWait(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const resolve = this.resolveWait;
    this.resolveWait = undefined;
    resolve?.();
  }
}
