import { comparePositions, type AllFilter, type EventStore, type RecordedEvent } from '@gx/eventstore/event-store.port';

/** Options of {@link pumpEvents}. */
export interface PumpOptions {
  events: EventStore;
  /** Exclusive start position (the checkpoint); null = from the start of the log. */
  after: string | null;
  filter?: AllFilter;
  /** A batch is handed over once it has this many events… */
  batchSize: number;
  /** …or this long after its first event arrived. */
  flushMs: number;
  /** While idle, how often to check whether the checkpoint can move past events the filter skips. */
  idleProbeMs: number;
  signal: AbortSignal;
  /** Durably handle the events and record `checkpoint` (the last one's position) with them. */
  onBatch(events: RecordedEvent[], checkpoint: string): Promise<void>;
  /** Record `position` as the checkpoint: no event this pump would deliver lies at or below it. */
  onAdvance(position: string): Promise<void>;
  /** Told when the subscription has caught up with the log and follows it live. */
  onCaughtUp?(): void;
}

/** Why {@link pumpEvents} returned. */
export type PumpEnd = 'aborted' | 'ended';

type Pulled = { result: IteratorResult<RecordedEvent> } | { error: unknown };

/**
 * Pulls one event at a time from an iterator and lets the caller wait for it with a timeout.
 * One handler per `next()` call (not per wait) keeps long idle periods free of piled-up callbacks.
 */
class Puller {
  private pulled: Pulled | undefined;
  private notify: (() => void) | undefined;

  constructor(private readonly iterator: AsyncIterator<RecordedEvent>) {
    this.pull();
  }

  /** The next result, or 'timeout' / 'aborted' when neither arrives within `ms`. */
  async take(ms: number, signal: AbortSignal): Promise<IteratorResult<RecordedEvent> | 'timeout' | 'aborted'> {
    if (!this.pulled) {
      const outcome = await new Promise<'ready' | 'timeout' | 'aborted'>((resolve) => {
        const finish = (value: 'ready' | 'timeout' | 'aborted'): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          this.notify = undefined;
          resolve(value);
        };
        const onAbort = (): void => finish('aborted');
        const timer = setTimeout(() => finish('timeout'), Math.max(0, ms));
        signal.addEventListener('abort', onAbort, { once: true });
        this.notify = () => finish('ready');
        if (signal.aborted) finish('aborted');
      });
      if (outcome !== 'ready') return outcome;
    }
    const pulled = this.pulled as Pulled; // set: either already present or announced by notify
    this.pulled = undefined;
    if ('error' in pulled) throw pulled.error;
    if (!pulled.result.done) this.pull();
    return pulled.result;
  }

  private pull(): void {
    this.iterator.next().then(
      (result) => this.arrive({ result }),
      (error: unknown) => this.arrive({ error }),
    );
  }

  private arrive(pulled: Pulled): void {
    this.pulled = pulled;
    this.notify?.();
  }
}

/**
 * Feed a subscription to `onBatch` in batches (by size and time) until aborted, and move the
 * checkpoint past positions the subscription never delivers (filtered out, or system events) so
 * that read-your-writes waits end. The advance is safe because it is proven, not assumed: with
 * `head` read first, if no matching event lies in (checkpoint, head], none can appear there later.
 */
export async function pumpEvents(options: PumpOptions): Promise<PumpEnd> {
  const { events, filter, batchSize, flushMs, idleProbeMs, signal } = options;
  if (signal.aborted) return 'aborted';
  let checkpoint = options.after;
  let probeAt = Date.now() + idleProbeMs;
  const subscription = events.subscribeToAll({
    after: checkpoint ?? undefined,
    filter,
    // Probe right after catch-up instead of a full idle period later.
    onCaughtUp: () => {
      probeAt = 0;
      options.onCaughtUp?.();
    },
  });
  const puller = new Puller(subscription[Symbol.asyncIterator]());
  let batch: RecordedEvent[] = [];
  let flushAt = 0;

  const flush = async (): Promise<void> => {
    const delivered = batch;
    batch = [];
    const last = delivered[delivered.length - 1].position;
    await options.onBatch(delivered, last);
    checkpoint = last;
  };
  const probe = async (): Promise<void> => {
    const head = await events.headPosition();
    if (head === '0' || (checkpoint !== null && comparePositions(head, checkpoint) <= 0)) return;
    const next = await events.readAll({ after: checkpoint ?? undefined, filter, maxCount: 1 });
    // A matching event at or below head is still on its way through the subscription.
    if (next.length > 0 && comparePositions(next[0].position, head) <= 0) return;
    await options.onAdvance(head);
    checkpoint = head;
  };

  try {
    for (;;) {
      const wait = batch.length > 0 ? flushAt - Date.now() : probeAt - Date.now();
      const taken = await puller.take(wait, signal);
      if (taken === 'aborted') return 'aborted';
      if (taken === 'timeout') {
        if (batch.length > 0) await flush();
        else {
          await probe();
          probeAt = Date.now() + idleProbeMs;
        }
        continue;
      }
      if (taken.done) return signal.aborted ? 'aborted' : 'ended';
      if (batch.length === 0) flushAt = Date.now() + flushMs;
      batch.push(taken.value);
      if (batch.length >= batchSize) await flush();
    }
  } finally {
    await subscription.stop();
  }
}
