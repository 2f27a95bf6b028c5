import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { lotStream, type LotDoc, type LotEvent } from '@gx/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '@gx/eventstore';
import {
  CLOCK,
  CONFIG,
  METRICS_REGISTRY,
  StreamAdmission,
  type Admission,
  type AppConfig,
  type Clock,
  type LiveLimits,
} from '@gx/platform';
import { ReadModels } from '@gx/readstore';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { AUCTION, type BuyerNameDoc } from './auction.projection';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import type { Viewer } from './auction.queries';
import { eventFrameText, frameText, snapshotOf, variantOf, type LiveSnapshot, type Variant } from './live-frames';
import { LotCommands } from './lot.commands';

/**
 * Where a stream's frames go, already serialised. `write` answers false when the client has left more
 * unread than it may (the stream is then ended as `slow_client`); `end` comes once the lot closed, the
 * client left or was dropped, or the app stops.
 */
export interface StreamSink {
  write(text: string): boolean;
  end(reason: StreamEnd): void;
}

/** Why a stream ended (logged, and counted in /metrics). */
export type StreamEnd = 'closed' | 'client_left' | 'slow_client' | 'feed_lost' | 'shutdown';

/** An open stream; `close` detaches it (the client left). */
export interface OpenStream {
  close(): void;
}

/** Key of the market-wide board (every open lot) among the per-lot keys. */
export const MARKET = '*';

/** A comment line every so often keeps proxies from closing an idle stream; the clock frame also feeds countdowns. */
export const CLOCK_MS = 15_000;

const NAME_RETRY_MS = 5_000;
/** How long a known name is kept before it is opened again (a buyer's name reads 已删除 this long after an erasure at most). */
const NAME_TTL_MS = 60_000;

interface Watcher {
  key: string;
  viewer: Viewer;
  sink: StreamSink;
  /** Per lot, the revision of the last event accounted for; live events at or below it are duplicates. */
  last: Map<string, number>;
  /** Live events that arrived before the opening frames were sent. */
  pending: RecordedEvent[] | null;
  closed: boolean;
}

/** Event types that change what a board shows. */
const BOARD_TYPES: Array<LotEvent['type']> = [
  'LotListed',
  'BidPlaced',
  'BidOutbid',
  'LotExtended',
  'LotSold',
  'LotUnsold',
  'LotWithdrawn',
];
const isFinal = (type: string): boolean => type === 'LotSold' || type === 'LotUnsold' || type === 'LotWithdrawn';
const lotIdOf = (event: RecordedEvent): string => event.streamId.slice('lot-'.length);

/**
 * Live boards, driven by the event log: one subscription per process (from the head at the first watcher)
 * fans stored lot events out to the watchers of their lot and of the market board, so bids placed through
 * any process, and closes decided by the worker, reach every watcher without polling. A lot board opens
 * with a snapshot at revision R (or, on reconnection, the events after the client's Last-Event-ID) and then
 * forwards only events after it. Each frame an event means is serialised once and written to every watcher
 * it concerns. Streams are admitted within per-user, per-lot and per-process bounds, and a client that stops
 * reading is dropped once its unread frames pass LIVE_MAX_BUFFER_BYTES (the sink enforces it).
 */
@Injectable()
export class LiveBoard implements OnModuleDestroy {
  private readonly logger = new Logger('LiveBoard');
  private readonly watchers = new Map<string, Set<Watcher>>();
  /** Buyers' names for operators' frames; an unknown one is asked again after NAME_RETRY_MS, not at every event. */
  private readonly names = new Map<string, { name: string | null; at: number }>();
  private feed: Promise<Subscription> | undefined;
  private clock: NodeJS.Timeout | undefined;
  private readonly limits: LiveLimits;
  private readonly framesSent: Counter<'stream'>;
  /** Frames serialised: at most one per variant of each event, however many watchers get it. */
  private readonly framesSerialised: Counter;
  private readonly ended: Counter<'reason'>;
  private readonly admission: StreamAdmission;
  private readonly fanout: Histogram;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly lots: LotCommands,
    private readonly readModels: ReadModels,
    private readonly vault: PersonalDataVault,
    @Inject(CONFIG) config: AppConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
    /** The clock that decides bids and closes: `serverTime` of the frames, which the countdowns follow. */
    @Inject(CLOCK) private readonly serverClock: Clock,
  ) {
    this.limits = config.live;
    const count = (key: string) => (key === MARKET ? 'market' : 'lot');
    const watchers = this.watchers;
    new Gauge({
      name: 'live_streams_open',
      help: 'Open live board streams, by kind (lot, market)',
      labelNames: ['stream'],
      registers: [registry],
      collect(this: Gauge<'stream'>) {
        const open = { lot: 0, market: 0 };
        for (const [key, set] of watchers) open[count(key)] += set.size;
        this.set({ stream: 'lot' }, open.lot);
        this.set({ stream: 'market' }, open.market);
      },
    });
    this.framesSent = new Counter({
      name: 'live_frames_sent_total',
      help: 'Frames written to live board streams',
      labelNames: ['stream'],
      registers: [registry],
    });
    this.framesSerialised = new Counter({
      name: 'live_frames_serialised_total',
      help: 'Event frames serialised (once per variant of an event, shared by every watcher of that variant)',
      registers: [registry],
    });
    this.ended = new Counter({
      name: 'live_streams_ended_total',
      help: 'Live board streams ended, by reason (slow_client = dropped for not reading)',
      labelNames: ['reason'],
      registers: [registry],
    });
    const refused = new Counter({
      name: 'live_streams_refused_total',
      help: 'Live board streams refused by admission control, by bound',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.admission = new StreamAdmission(
      { perUser: this.limits.perUser, perKey: this.limits.perLot, total: this.limits.perProcess },
      {
        perUser: (limit) => `at most ${limit} live streams per user are open at once; close one first`,
        perKey: 'this board has as many watchers as it can serve; try again shortly',
        total: 'the live board is at capacity; try again shortly',
      },
      (reason) => refused.inc({ reason: reason === 'per_key' ? 'per_lot' : reason }),
    );
    this.fanout = new Histogram({
      name: 'live_fanout_seconds',
      help: 'Time to write one stored event to every watcher of its lot and of the market board',
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    });
  }

  /** How many streams are open. */
  get size(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  /**
   * Admit one more stream of `key` (a lot id or MARKET) for `user`, or refuse it: 429 beyond the user's
   * bound, 503 beyond the lot's or the process's, each with Retry-After.
   */
  admit(key: string, user: string): Admission {
    return this.admission.admit(key, user);
  }

  /** Open the board of `lotId` for `viewer`. Resolves once its opening frames are written. */
  async openLot(lotId: string, viewer: Viewer, lastEventId: number | undefined, sink: StreamSink): Promise<OpenStream> {
    return this.open(lotId, viewer, sink, async (watcher) => {
      const { state, revision } = await this.lots.state(lotId);
      if (viewer.operator && state.leader) await this.loadName(state.leader.buyerId);
      // A Last-Event-ID beyond the lot's revision (another lot's, or a store restored from backup) gets a snapshot.
      if (lastEventId !== undefined && lastEventId <= revision) return this.sendSince(watcher, lotId, lastEventId);
      const snapshot = snapshotOf(state, viewer, (id) => this.nameOf(id), this.serverTime());
      if (!snapshot) return true;
      watcher.last.set(lotId, revision);
      this.write(watcher, frameText({ id: revision, event: 'snapshot', data: snapshot }));
      return state.status !== 'listed';
    });
  }

  /** Open the market board: every listed lot (scheduled or open) as one `market` frame, then their live events. */
  async openMarket(viewer: Viewer, sink: StreamSink): Promise<OpenStream> {
    return this.open(MARKET, viewer, sink, async (watcher) => {
      const docs = await this.readModels.find<LotDoc>(
        AUCTION.lots,
        { status: 'listed' },
        { sort: [['closesAt', 1]], limit: 500 },
      );
      const now = this.serverTime();
      const lots: LiveSnapshot[] = [];
      for (const doc of docs) {
        const { state, revision } = await this.lots.state(doc._id);
        if (viewer.operator && state.leader) await this.loadName(state.leader.buyerId);
        const snapshot = state.status === 'listed' ? snapshotOf(state, viewer, (id) => this.nameOf(id), now) : null;
        watcher.last.set(doc._id, revision);
        if (snapshot) lots.push(snapshot);
      }
      this.write(watcher, frameText({ event: 'market', data: { serverTime: now, lots } }));
      return false;
    });
  }

  async onModuleDestroy(): Promise<void> {
    for (const set of this.watchers.values()) for (const watcher of set) this.finish(watcher, 'shutdown');
    const feed = this.feed;
    this.feed = undefined;
    if (feed) await (await feed).stop();
  }

  private async open(
    key: string,
    viewer: Viewer,
    sink: StreamSink,
    opening: (w: Watcher) => Promise<boolean>,
  ): Promise<OpenStream> {
    await this.startFeed();
    const watcher: Watcher = { key, viewer, sink, last: new Map(), pending: [], closed: false };
    let set = this.watchers.get(key);
    if (!set) this.watchers.set(key, (set = new Set()));
    set.add(watcher);
    this.startClock();
    try {
      const ended = await opening(watcher);
      // Events that arrived meanwhile, in order; more may arrive while these are written, so drain until none is left.
      const pending = watcher.pending ?? [];
      for (let event = pending.shift(); event && !ended; event = pending.shift())
        await this.deliver(event, new Map(), [watcher]);
      watcher.pending = null;
      if (ended) this.finish(watcher, 'closed');
    } catch (e) {
      this.detach(watcher);
      throw e;
    }
    return { close: () => this.finish(watcher, 'client_left') };
  }

  /** The events after `lastEventId` (a reconnection); true when they end with the close. */
  private async sendSince(watcher: Watcher, lotId: string, lastEventId: number): Promise<boolean> {
    watcher.last.set(lotId, lastEventId);
    const missed = await this.events.readStream(lotStream(lotId), { fromRevision: lastEventId + 1 });
    for (const event of missed)
      if (BOARD_TYPES.includes(event.type as LotEvent['type'])) await this.deliver(event, new Map(), [watcher]);
    return watcher.closed;
  }

  /** Write `event` to `targets`, each variant of its frame serialised once (into `texts`). */
  private async deliver(
    event: RecordedEvent,
    texts: Map<Variant, string | null>,
    targets: Iterable<Watcher>,
  ): Promise<void> {
    const lotId = lotIdOf(event);
    const buyerId = (event.data as { buyerId?: unknown }).buyerId;
    const now = this.serverTime();
    for (const watcher of targets) {
      if (watcher.closed || event.revision <= (watcher.last.get(lotId) ?? -1)) continue;
      // A market board learns of lots as they are listed; a lot its opening read model did not show yet is introduced
      // by a `listed` frame of its state now, and events up to that state's revision are in it already.
      if (watcher.key === MARKET && !watcher.last.has(lotId) && event.type !== 'LotListed') {
        await this.introduce(watcher, lotId);
        if (watcher.closed || event.revision <= (watcher.last.get(lotId) ?? -1)) continue;
      }
      watcher.last.set(lotId, event.revision);
      const variant = variantOf(event, watcher.viewer);
      if (variant === 'op' && typeof buyerId === 'string') await this.loadName(buyerId);
      let text = texts.get(variant);
      if (text === undefined) {
        texts.set(variant, (text = eventFrameText(event, variant, (id) => this.nameOf(id), now)));
        if (text) this.framesSerialised.inc();
      }
      if (text) this.write(watcher, text);
      if (watcher.key !== MARKET && isFinal(event.type) && !watcher.closed) this.finish(watcher, 'closed');
    }
  }

  /** Send a market watcher a lot it has not seen: a `listed` frame of the lot's state now (if still listed). */
  private async introduce(watcher: Watcher, lotId: string): Promise<void> {
    const { state, revision } = await this.lots.state(lotId);
    if (watcher.viewer.operator && state.leader) await this.loadName(state.leader.buyerId);
    watcher.last.set(lotId, revision);
    const snapshot =
      state.status === 'listed' ? snapshotOf(state, watcher.viewer, (id) => this.nameOf(id), this.serverTime()) : null;
    if (snapshot) this.write(watcher, frameText({ id: revision, event: 'listed', data: snapshot }));
  }

  private async dispatch(event: RecordedEvent): Promise<void> {
    const started = process.hrtime.bigint();
    const targets: Watcher[] = [];
    for (const key of [lotIdOf(event), MARKET]) {
      for (const watcher of this.watchers.get(key) ?? []) {
        if (watcher.pending) watcher.pending.push(event);
        else targets.push(watcher);
      }
    }
    await this.deliver(event, new Map(), targets);
    this.fanout.observe(Number(process.hrtime.bigint() - started) / 1e9);
  }

  private write(watcher: Watcher, text: string): void {
    if (watcher.closed) return;
    if (!watcher.sink.write(text)) {
      this.finish(watcher, 'slow_client');
      return;
    }
    this.framesSent.inc({ stream: watcher.key === MARKET ? 'market' : 'lot' });
  }

  /** End a stream (idempotent): detach it and tell its sink why. */
  private finish(watcher: Watcher, reason: StreamEnd): void {
    if (watcher.closed) return;
    this.detach(watcher);
    this.ended.inc({ reason });
    watcher.sink.end(reason);
  }

  private detach(watcher: Watcher): void {
    watcher.closed = true;
    const set = this.watchers.get(watcher.key);
    set?.delete(watcher);
    if (set?.size === 0) this.watchers.delete(watcher.key);
    if (this.watchers.size === 0 && this.clock) {
      clearInterval(this.clock);
      this.clock = undefined;
    }
  }

  private serverTime(): string {
    return this.serverClock.now().toISOString();
  }

  /** One clock frame for every stream (serialised once): keeps proxies from idling streams out and feeds countdowns. */
  private startClock(): void {
    this.clock ??= setInterval(() => {
      const text = frameText({ event: 'clock', data: { serverTime: this.serverTime() } });
      for (const set of this.watchers.values())
        for (const watcher of set) if (!watcher.pending) this.write(watcher, text);
    }, CLOCK_MS);
    this.clock.unref();
  }

  private nameOf(buyerId: string): string | null {
    return this.names.get(buyerId)?.name ?? null;
  }

  /** Make sure the name of `buyerId` is known (an absent one may appear once its login is projected; a known one is erased with its person). */
  private async loadName(buyerId: string): Promise<void> {
    const known = this.names.get(buyerId);
    if (known && Date.now() - known.at < (known.name !== null ? NAME_TTL_MS : NAME_RETRY_MS)) return;
    const doc = await this.readModels.get<BuyerNameDoc>(AUCTION.buyerNames, buyerId);
    this.names.set(buyerId, { name: (await this.vault.open(doc?.name)) ?? null, at: Date.now() });
  }

  /**
   * Subscribe once, from the head: boards read everything before it from the lot streams themselves. A feed
   * that cannot start (the log unreadable) is not kept, so the next stream tries again once the store reads.
   */
  private startFeed(): Promise<Subscription> {
    if (this.feed) return this.feed;
    const feed = (async () => {
      const after = await this.events.headPosition();
      const subscription = this.events.subscribeToAll({
        after,
        filter: { streamPrefixes: ['lot-'], eventTypes: BOARD_TYPES },
      });
      void (async () => {
        for await (const event of subscription) {
          await this.dispatch(event);
          // Let the sockets flush before the next event: a burst of events handed over as one batch would otherwise
          // stay corked in the process and count against every client's buffer bound, dropping healthy ones.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      })().catch((e: unknown) => {
        this.logger.error(`live board feed stopped: ${e instanceof Error ? e.message : String(e)}`);
        this.feed = undefined;
        // Streams end so that their clients reconnect (Last-Event-ID) onto a fresh feed.
        for (const set of this.watchers.values()) for (const watcher of set) this.finish(watcher, 'feed_lost');
      });
      return subscription;
    })();
    this.feed = feed;
    feed.catch(() => {
      if (this.feed === feed) this.feed = undefined;
    });
    return feed;
  }
}
