import type { AllFilter, RecordedEvent, Subscription } from '../event-store.port';
import { accepts, toRecordedEvent } from './esdb-mapping';
import type { SubscriptionFeed } from './subscription-feed';

/**
 * The port's catch-up-then-live subscription over a client subscription to $all. `onCaughtUp`
 * runs when the consumer has taken every event sent before the server's CaughtUp message.
 */
export class EsdbSubscription implements Subscription {
  private stopped = false;
  private caughtUp = false;

  constructor(
    private readonly feed: SubscriptionFeed,
    private readonly filter: AllFilter | undefined,
    private readonly onCaughtUp: (() => void) | undefined,
    private readonly onStopped: (subscription: EsdbSubscription) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.stop();
        return { done: true, value: undefined };
      },
    };
  }

  /** Ends the iteration: a pending `next()` resolves as done and nothing is delivered afterwards. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.onStopped(this);
    await this.feed.close();
  }

  private async next(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      const item = this.stopped ? undefined : await this.feed.next();
      if (item === undefined || this.stopped) return { done: true, value: undefined };
      if (item.kind === 'caughtUp') {
        if (!this.caughtUp) {
          this.caughtUp = true;
          this.onCaughtUp?.();
        }
        continue;
      }
      if (item.kind !== 'event') continue;
      // Checked before converting: system events need not be JSON (links carry text data).
      const raw = item.resolved.event;
      if (raw !== undefined && accepts(this.filter, raw.streamId, raw.type))
        return { done: false, value: toRecordedEvent(item.resolved) };
    }
  }
}
