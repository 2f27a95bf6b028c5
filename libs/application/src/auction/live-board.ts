import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { boardEventFor, boardSnapshot, lotStream, type BoardEvent, type BoardSnapshot, type LotEvent } from '@gx/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '@gx/eventstore';
import { LotCommands } from './lot.commands';

/** One frame of a live board: `id` is the lot stream revision it reflects (SSE `id:`, for Last-Event-ID). */
export type BoardFrame = { id: number; event: 'snapshot'; data: BoardSnapshot } | { id: number; event: BoardEvent['type']; data: BoardEvent };

/** Where a board goes: frames in order, then `end` once the lot has closed (or the app stops). */
export interface BoardSink {
  send(frame: BoardFrame): void;
  end(): void;
}

/** An open board; `close` detaches it (client gone). */
export interface OpenBoard {
  close(): void;
}

interface Watcher {
  lotId: string;
  viewer?: string;
  sink: BoardSink;
  /** Revision of the last event accounted for; live events at or below it are duplicates. */
  last: number;
  /** Live events that arrived before the opening frames were sent. */
  pending: RecordedEvent[] | null;
  closed: boolean;
}

/** Event types that change what a board shows. */
const BOARD_TYPES: Array<LotEvent['type']> = ['BidPlaced', 'BidOutbid', 'LotExtended', 'LotSold', 'LotUnsold'];
const isFinal = (type: string): boolean => type === 'LotSold' || type === 'LotUnsold';

/**
 * Live boards of lots, driven by the event log: one subscription per process (from the head at
 * the first watcher) fans stored lot events out to the boards of their lot, so bids placed through
 * any process, and closes decided by the worker, reach every watcher without polling the read model.
 * A board opens with a snapshot of the lot's write-side state at revision R (or, on reconnection,
 * the events after the client's Last-Event-ID) and then forwards only events after it.
 */
@Injectable()
export class LiveBoard implements OnModuleDestroy {
  private readonly logger = new Logger('LiveBoard');
  private readonly watchers = new Map<string, Set<Watcher>>();
  private feed: Promise<Subscription> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly lots: LotCommands,
  ) {}

  /** How many boards are open (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  /** Open the board of `lotId` for `viewer` (a buyer id; undefined for staff). Resolves once its opening frames are sent. */
  async open(lotId: string, viewer: string | undefined, lastEventId: number | undefined, sink: BoardSink): Promise<OpenBoard> {
    await this.startFeed();
    const watcher: Watcher = { lotId, ...(viewer ? { viewer } : {}), sink, last: -1, pending: [], closed: false };
    let set = this.watchers.get(lotId);
    if (!set) this.watchers.set(lotId, (set = new Set()));
    set.add(watcher);
    const board: OpenBoard = { close: () => this.detach(watcher) };
    try {
      const ended = lastEventId === undefined ? await this.sendSnapshot(watcher) : await this.sendSince(watcher, lastEventId);
      const pending = watcher.pending ?? [];
      watcher.pending = null;
      if (ended) this.finish(watcher);
      else for (const event of pending) this.forward(watcher, event);
    } catch (e) {
      this.detach(watcher);
      throw e;
    }
    return board;
  }

  async onModuleDestroy(): Promise<void> {
    for (const set of this.watchers.values()) for (const watcher of set) this.finish(watcher);
    const feed = this.feed;
    this.feed = undefined;
    if (feed) await (await feed).stop();
  }

  /** The snapshot frame; true when the lot has already closed (nothing more will come). */
  private async sendSnapshot(watcher: Watcher): Promise<boolean> {
    const { state, revision } = await this.lots.state(watcher.lotId);
    const snapshot = boardSnapshot(state, watcher.viewer);
    if (!snapshot) return true;
    watcher.last = revision;
    watcher.sink.send({ id: revision, event: 'snapshot', data: snapshot });
    return state.status !== 'listed';
  }

  /** The events after `lastEventId` (a reconnection); true when they end with the close. */
  private async sendSince(watcher: Watcher, lastEventId: number): Promise<boolean> {
    watcher.last = lastEventId;
    const missed = await this.events.readStream(lotStream(watcher.lotId), { fromRevision: lastEventId + 1 });
    let ended = false;
    for (const event of missed) ended = this.emit(watcher, event) || ended;
    return ended;
  }

  private forward(watcher: Watcher, event: RecordedEvent): void {
    if (watcher.closed || event.revision <= watcher.last) return;
    if (this.emit(watcher, event)) this.finish(watcher);
  }

  /** Send the frame an event means for the watcher; true when it was the close. */
  private emit(watcher: Watcher, event: RecordedEvent): boolean {
    watcher.last = event.revision;
    const frame = boardEventFor({ type: event.type, data: event.data } as LotEvent, watcher.viewer);
    if (frame) watcher.sink.send({ id: event.revision, event: frame.type, data: frame });
    return isFinal(event.type);
  }

  private dispatch(event: RecordedEvent): void {
    const set = this.watchers.get(event.streamId.slice('lot-'.length));
    if (!set) return;
    for (const watcher of set) {
      if (watcher.pending) watcher.pending.push(event);
      else this.forward(watcher, event);
    }
  }

  private finish(watcher: Watcher): void {
    if (watcher.closed) return;
    this.detach(watcher);
    watcher.sink.end();
  }

  private detach(watcher: Watcher): void {
    watcher.closed = true;
    const set = this.watchers.get(watcher.lotId);
    set?.delete(watcher);
    if (set?.size === 0) this.watchers.delete(watcher.lotId);
  }

  /** Subscribe once, from the head: boards read everything before it from the lot stream itself. */
  private startFeed(): Promise<Subscription> {
    this.feed ??= (async () => {
      const after = await this.events.headPosition();
      const subscription = this.events.subscribeToAll({ after, filter: { streamPrefixes: ['lot-'], eventTypes: BOARD_TYPES } });
      void (async () => {
        for await (const event of subscription) this.dispatch(event);
      })().catch((e: unknown) => {
        this.logger.error(`live board feed stopped: ${e instanceof Error ? e.message : String(e)}`);
        this.feed = undefined;
        // Boards end so that their clients reconnect (Last-Event-ID) onto a fresh feed.
        for (const set of this.watchers.values()) for (const watcher of set) this.finish(watcher);
      });
      return subscription;
    })();
    return this.feed;
  }
}
