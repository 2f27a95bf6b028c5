/**
 * One ordered sequence of what a client catch-up subscription to $all reports: events, the
 * caught-up signal and checkpoints, with backpressure towards the server.
 */
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';

/** An item of the feed, in the order the server sent it. */
export type FeedItem =
  { kind: 'event'; resolved: AllStreamResolvedEvent } | { kind: 'caughtUp' } | { kind: 'checkpoint'; commit: bigint };

/** Items buffered before the feed pauses the client stream (and thereby the server). */
const HIGH_WATER = 512;

/**
 * The client emits `caughtUp` (and calls `checkpointReached`) while it parses the message, but the
 * events parsed before it may still sit in its readable buffer. A signal is therefore placed after
 * exactly the events that were handed over or buffered at the time it came, which keeps the
 * server's order.
 */
export class SubscriptionFeed {
  private readonly items: FeedItem[] = [];
  /** Signals waiting for the event count to reach `after`. */
  private readonly signals: { after: number; item: FeedItem }[] = [];
  private received = 0;
  private ended = false;
  private closed = false;
  private failure: unknown;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly source: AllStreamSubscription) {
    source.on('data', (resolved: AllStreamResolvedEvent) => {
      this.received += 1;
      this.items.push({ kind: 'event', resolved });
      for (let next = this.signals[0]; next !== undefined && next.after <= this.received; next = this.signals[0]) {
        this.signals.shift();
        this.items.push(next.item);
      }
      if (this.items.length >= HIGH_WATER) source.pause();
      this.notify();
    });
    source.on('caughtUp', () => this.signal({ kind: 'caughtUp' }));
    source.on('error', (err: unknown) => {
      this.failure = err;
      this.notify();
    });
    const end = (): void => {
      this.ended = true;
      this.notify();
    };
    source.on('end', end);
    source.on('close', end);
  }

  /** Places a signal after every event the client has parsed so far. */
  signal(item: FeedItem): void {
    const after = this.received + this.source.readableLength;
    if (after <= this.received) this.items.push(item);
    else this.signals.push({ after, item });
    this.notify();
  }

  /** The next item; undefined once the feed is closed or the server ended the subscription. */
  async next(): Promise<FeedItem | undefined> {
    for (;;) {
      if (this.closed) return undefined;
      const item = this.items.shift();
      if (item !== undefined) {
        if (this.items.length < HIGH_WATER / 2 && this.source.isPaused()) this.source.resume();
        return item;
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  /** Cancels the server subscription; a pending and every later `next()` resolve undefined. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.items.length = 0;
    this.notify();
    try {
      await this.source.unsubscribe();
    } catch {
      // The call could not even be started (node unreachable): there is nothing left to cancel.
    }
    this.source.destroy();
  }

  private notify(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}
