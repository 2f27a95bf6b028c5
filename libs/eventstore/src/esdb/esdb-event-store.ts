import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  jsonEvent,
  type AllStreamResolvedEvent,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  ConcurrencyError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import {
  accepts,
  checkCount,
  isStreamNotFound,
  isWrongExpectedVersion,
  parsePosition,
  serverFilter,
  toClientRevision,
  toRecordedEvent,
} from './esdb-mapping';
import { EsdbSubscription } from './esdb-subscription';
import { SubscriptionFeed } from './subscription-feed';
import { newEventId } from '../event-id';

function checkStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
}

function toEventData(streamId: string, event: NewEvent) {
  if (typeof event.type !== 'string' || event.type.length === 0)
    throw new TypeError(`event of ${streamId}: type must be a non-empty string`);
  if (JSON.stringify(event.data) === undefined)
    throw new TypeError(`event ${event.type} of ${streamId}: data is not JSON`);
  // The client serialises data and metadata with JSON.stringify; JSONType is only its static type.
  return jsonEvent({
    id: event.id ?? newEventId(),
    type: event.type,
    data: event.data as JSONType,
    metadata: event.metadata,
  });
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/**
 * The EventStore port on EventStoreDB (`@eventstore/db-client` 6.x, nodes from 23.10 on).
 *
 * - Appends go through the client's BatchAppend path when the node offers it; a failed revision
 *   check becomes a {@link ConcurrencyError}. `throwOnAppendFailure` must stay on: without it the
 *   BatchAppend path reports a wrong current revision (a client bug).
 * - Positions are commit positions as exact decimal strings; they have gaps.
 * - The client's `readAll` cannot filter, so `readAll` is a filtered catch-up subscription that ends
 *   once it has passed the head it saw at the start; system events are filtered by the node.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly reads = new Set<SubscriptionFeed>();
  /** Calls that close() lets finish before it disposes the client (see {@link close}). */
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  /** @param connectionString e.g. `esdb://host:2113?tls=false` or `esdb+discover://…` for a cluster. */
  constructor(connectionString: string) {
    if (/[?&]throwOnAppendFailure=false(?:&|$)/i.test(connectionString)) {
      throw new Error(
        'EVENTSTORE_URL: throwOnAppendFailure=false is not supported (revision conflicts would go unnoticed)',
      );
    }
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.checkOpen();
    checkStreamId(streamId);
    const expected = toClientRevision(expectedRevision);
    if (events.length === 0) return this.checkOnly(streamId, expectedRevision);
    const data = events.map((event) => toEventData(streamId, event));
    try {
      const result = await this.track(this.client.appendToStream(streamId, data, { expectedRevision: expected }));
      if (result.position === undefined)
        throw new Error(`EventStoreDB returned no position for an append to ${streamId}`);
      return { nextRevision: Number(result.nextExpectedRevision), position: result.position.commit.toString() };
    } catch (err) {
      if (isWrongExpectedVersion(err)) {
        const actual = err.actualVersion === 'no_stream' ? 'no_stream' : Number(err.actualVersion);
        throw new ConcurrencyError(streamId, expectedRevision, actual);
      }
      throw err;
    }
  }

  async readStream(streamId: string, options?: { fromRevision?: number; maxCount?: number }): Promise<RecordedEvent[]> {
    this.checkOpen();
    checkStreamId(streamId);
    checkCount('fromRevision', options?.fromRevision);
    checkCount('maxCount', options?.maxCount);
    if (options?.maxCount === 0) return [];
    const fromRevision = options?.fromRevision ? BigInt(options.fromRevision) : START;
    const read = this.client.readStream(streamId, { fromRevision, maxCount: options?.maxCount, direction: FORWARDS });
    return (await this.track(this.collectStream(read))).map(toRecordedEvent);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.checkOpen();
    checkCount('maxCount', options?.maxCount);
    const after = options?.after === undefined ? undefined : parsePosition(options.after);
    const maxCount = options?.maxCount ?? Number.POSITIVE_INFINITY;
    if (maxCount === 0) return [];
    const head = BigInt(await this.headPosition());
    if (head === 0n || (after !== undefined && after >= head)) return [];
    const feed = this.openFeed(after, options?.filter);
    this.reads.add(feed);
    const events: RecordedEvent[] = [];
    try {
      for (;;) {
        const item = await feed.next();
        if (item === undefined)
          throw new Error('the $all read ended before it reached the head of the log (store closed or node gone)');
        // CaughtUp ends the read; so does passing the head, for nodes that do not send CaughtUp.
        if (item.kind === 'caughtUp') return events;
        if (item.kind === 'checkpoint') {
          if (item.commit >= head) return events;
          continue;
        }
        const raw = item.resolved.event;
        if (raw !== undefined && accepts(options?.filter, raw.streamId, raw.type))
          events.push(toRecordedEvent(item.resolved));
        if (events.length >= maxCount || (item.resolved.commitPosition ?? 0n) >= head) return events;
      }
    } finally {
      this.reads.delete(feed);
      await feed.close();
    }
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    this.checkOpen();
    const after = options?.after === undefined ? undefined : parsePosition(options.after);
    const subscription = new EsdbSubscription(
      this.openFeed(after, options?.filter),
      options?.filter,
      options?.onCaughtUp,
      (stopped) => this.subscriptions.delete(stopped),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Commit position of the last record of $all (system records included), read backwards. */
  async headPosition(): Promise<string> {
    this.checkOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    const [last] = await this.track(collect<AllStreamResolvedEvent>(read));
    return (last?.commitPosition ?? last?.event?.position.commit ?? 0n).toString();
  }

  /** Fails when the node cannot be reached: it reads the head of $all. */
  async ping(): Promise<void> {
    await this.headPosition();
  }

  /**
   * Stops every subscription and $all read of this store (iterations end), lets appends and stream
   * reads in flight finish, then cancels the client's streams. Waiting matters: with client 6.2.1 a
   * read cancelled under it ends early without an error (a silently short result), and queued
   * BatchAppend writes are rejected in a promise nobody handles (the process dies of it). The idle connection itself is left to gRPC's idle timeout (the
   * client cannot close it); it does not keep the process alive.
   */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await Promise.all([...this.reads].map((feed) => feed.close()));
    await Promise.allSettled([...this.inFlight]);
    await this.client.dispose();
  }

  /**
   * A subscription from an exclusive position. Position 0 is "from the start": a node's log begins
   * with its epoch record, so no event has position 0, and a node would skip the first record it
   * finds at or after the given position.
   */
  private openFeed(after: bigint | undefined, filter: ReadAllOptions['filter']): SubscriptionFeed {
    let feed: SubscriptionFeed | undefined;
    const source = this.client.subscribeToAll({
      fromPosition: after === undefined || after === 0n ? START : { commit: after, prepare: after },
      filter: {
        ...serverFilter(filter),
        checkpointReached: (_subscription, position) => feed?.signal({ kind: 'checkpoint', commit: position.commit }),
      },
    });
    feed = new SubscriptionFeed(source);
    return feed;
  }

  /**
   * A node answers an empty append without a position, so the adapter checks the expectation itself
   * against the stream's last event: the same outcome, and the result the port promises.
   */
  private async checkOnly(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const read = this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    const [last] = (await this.track(this.collectStream(read))).map(toRecordedEvent);
    const actual = last === undefined ? 'no_stream' : last.revision;
    const holds =
      expected === 'any' ||
      (expected === 'no_stream' && last === undefined) ||
      (expected === 'stream_exists' && last !== undefined) ||
      expected === actual;
    if (!holds) throw new ConcurrencyError(streamId, expected, actual);
    return { nextRevision: last?.revision ?? -1, position: last?.position ?? '0' };
  }

  private track<T>(operation: Promise<T>): Promise<T> {
    this.inFlight.add(operation);
    const forget = (): void => {
      this.inFlight.delete(operation);
    };
    operation.then(forget, forget);
    return operation;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('EsdbEventStore is closed');
  }

  /** Drains a stream read; a stream that does not exist reads as no events. */
  private async collectStream(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
    try {
      return await collect(read);
    } catch (err) {
      if (isStreamNotFound(err)) return [];
      throw err;
    }
  }
}
