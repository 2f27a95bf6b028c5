/**
 * One ordered sequence of what a client catch-up subscription to $all reports: events, the
 * caught-up signal and checkpoints, with backpressure towards the server.
 */
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';

/** An item of the feed, in the order the server sent it. */
export type FeedItem =
  | { kind: 'event'; resolved: AllStreamResolvedEvent }
  | { kind: 'caughtUp' }
  | { kind: 'checkpoint'; commit: bigint };

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
  private wake: (() => void) | undefined;

  constructor(private readonly source: AllStreamSubscription) {
    source.on('data', (resolved: AllStreamResolvedEvent) => {
      this.received += 1;
      this.items.push({ kind: 'event', resolved });
      while (this.signals.length > 0 && (this.signals[0] as { after: number }).after <= this.received) {
        this.items.push((this.signals.shift() as { item: FeedItem }).item);
      }
      if (this.items.length >= HIGH_WATER) source.pause();
      this.notify();
    });
    source.on('caughtUp', () => this.signal({ kind: 'caughtUp' }));
    source.on('error', (err: unknown) => {
      this.failure = err;
      this.notify();
    });
    source.on('end', () => {
      this.ended = true;
      this.notify();
    });
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
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Cancels the server subscription; a pending and every later `next()` resolve undefined. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.items.length = 0;
    this.notify();
    await this.source.unsubscribe();
    this.source.destroy();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
