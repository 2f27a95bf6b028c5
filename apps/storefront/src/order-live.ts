import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { asCampaignEvent, asOrderEvent, GROUP_BUY, groupBuyProjection } from '@gx/application';
import { orderIdsOf, type OrderDoc, type OrderStatus, type PaymentStatus } from '@gx/domain';
import { comparePositions, EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '@gx/eventstore';
import { CONFIG, type AppConfig } from '@gx/platform';
import { ReadModels } from '@gx/readstore';

/** What an order's live stream tells of it: enough to know whether to read it again, and whether it is settled. */
export interface OrderChange {
  orderId: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  /** Nothing more is expected of the order: its stream ends after this frame. */
  settled: boolean;
}

/** A frame of an order's live stream: the log position of the order's last change (SSE id) and the change. */
export interface OrderFrame {
  id: string;
  event: 'order';
  data: OrderChange;
}

/** Where a watcher's frames go; `end` once the order is settled (or the app stops). */
export interface OrderSink {
  send(frame: OrderFrame): void;
  end(): void;
}

const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['completed', 'cancelled', 'expired']);
/** Money still on the move: a payment awaited, or a refund owed and not yet made. */
const MOVING_PAYMENTS: ReadonlySet<PaymentStatus> = new Set(['awaiting', 'refund_pending']);

/**
 * Whether an order is settled: handed over, cancelled or expired, with no payment awaited and no refund
 * pending (refunded, refund failed, collected, or nothing owed). A gateway may still report a refund failed
 * later: that shows on the next read of the order, not live.
 */
export const isSettled = (doc: Pick<OrderDoc, 'status' | 'payment'>): boolean =>
  FINAL_STATUSES.has(doc.status) && !MOVING_PAYMENTS.has(doc.payment.status);

/** The frame of an order document as the read model holds it. */
export function orderFrame(doc: OrderDoc & { _position?: string }): OrderFrame {
  return {
    id: doc._position ?? '0',
    event: 'order',
    data: { orderId: doc._id, status: doc.status, paymentStatus: doc.payment.status, settled: isSettled(doc) },
  };
}

/** When a read model has not yet reached a change, try again after this long. */
const RETRY_MS = 500;

/** A watcher with the id of the last frame it was sent (frames only ever move forward). */
interface Watcher {
  sink: OrderSink;
  lastId?: string;
}

/**
 * Live changes of group-buy orders for their owners' screens: payment, expiry, the campaign's outcome,
 * refunds and hand-over. One subscription per process (from the head at the first watcher) marks a watched
 * order changed with the log position of the change; the order is then read from its read model once it has
 * passed that position, and every watcher of the order gets one frame of it (changes arriving meanwhile are
 * folded into the next read). A frame is what the order is now, so a reconnecting client just gets the
 * current one; the stream ends once the order is settled.
 */
@Injectable()
export class OrderLive implements OnModuleDestroy {
  private readonly logger = new Logger('OrderLive');
  private readonly watchers = new Map<string, Set<Watcher>>();
  /** The latest change of a watched order not yet read, by order id. */
  private readonly pending = new Map<string, string>();
  private readonly draining = new Set<string>();
  private readonly retries = new Set<NodeJS.Timeout>();
  private feed: Promise<Subscription> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly readModels: ReadModels,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** How many streams are open (for tests). */
  get size(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  /** The order document as the read model holds it now (null when there is none). */
  order(orderId: string): Promise<(OrderDoc & { _position?: string }) | null> {
    return this.readModels.get<OrderDoc>(GROUP_BUY.orders, orderId);
  }

  /** Watch an order: its current frame at once, then one per change until it is settled. Answers the detach function. */
  async watch(orderId: string, sink: OrderSink): Promise<() => void> {
    await this.startFeed();
    const watcher: Watcher = { sink };
    let set = this.watchers.get(orderId);
    if (!set) this.watchers.set(orderId, (set = new Set()));
    set.add(watcher);
    // The first frame is the order once its read model has passed the head of the log as of now (registered
    // first, so that a change from here on is read again, and one the feed saw before is not missed either).
    this.mark(orderId, await this.events.headPosition());
    return () => this.detach(orderId, watcher);
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    for (const set of this.watchers.values()) for (const w of set) w.sink.end();
    this.watchers.clear();
    this.pending.clear();
    const feed = this.feed;
    this.feed = undefined;
    if (feed) await (await feed).stop();
  }

  /** Send `frame` to one watcher unless it saw it (or a later one) already; end its stream once the order is settled. */
  private deliver(orderId: string, watcher: Watcher, frame: OrderFrame): void {
    if (watcher.lastId !== undefined && comparePositions(frame.id, watcher.lastId) <= 0) return;
    watcher.lastId = frame.id;
    watcher.sink.send(frame);
    if (frame.data.settled) {
      this.detach(orderId, watcher);
      watcher.sink.end();
    }
  }

  private detach(orderId: string, watcher: Watcher): void {
    const set = this.watchers.get(orderId);
    set?.delete(watcher);
    if (set?.size === 0) {
      this.watchers.delete(orderId);
      this.pending.delete(orderId);
    }
  }

  private changed(event: RecordedEvent): void {
    const e = asCampaignEvent(event) ?? asOrderEvent(event);
    if (!e) return;
    for (const orderId of orderIdsOf(e)) if (this.watchers.has(orderId)) this.mark(orderId, event.position);
  }

  /** An order changed at `position` (or must be read as of it): read it once, as of the latest such position. */
  private mark(orderId: string, position: string): void {
    const known = this.pending.get(orderId);
    if (known === undefined || comparePositions(position, known) > 0) this.pending.set(orderId, position);
    if (!this.draining.has(orderId)) void this.drain(orderId);
  }

  /** Read a changed order once its read model has passed the change, and tell its watchers; again while changes come. */
  private async drain(orderId: string): Promise<void> {
    this.draining.add(orderId);
    try {
      for (let position = this.pending.get(orderId); position !== undefined; position = this.pending.get(orderId)) {
        this.pending.delete(orderId);
        if (!(await this.readModels.waitFor(groupBuyProjection.name, position, this.config.readWaitTimeoutMs))) {
          this.retryLater(orderId, position);
          return;
        }
        const doc = await this.order(orderId);
        const set = this.watchers.get(orderId);
        if (!doc || !set) continue;
        const frame = orderFrame(doc);
        for (const watcher of [...set]) this.deliver(orderId, watcher, frame);
      }
    } catch (e) {
      this.logger.warn(`order ${orderId} live frame failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.draining.delete(orderId);
    }
  }

  /** The read model is behind: read the order again a little later (as of the latest change by then). */
  private retryLater(orderId: string, position: string): void {
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      if (this.watchers.has(orderId)) this.mark(orderId, position);
    }, RETRY_MS);
    this.retries.add(timer);
  }

  /** Subscribe once, from the head: a watcher's first frame is read from the read model itself. */
  private startFeed(): Promise<Subscription> {
    this.feed ??= (async () => {
      const after = await this.events.headPosition();
      const subscription = this.events.subscribeToAll({ after, filter: groupBuyProjection.filter });
      void (async () => {
        for await (const event of subscription) this.changed(event);
      })().catch((e: unknown) => {
        this.logger.error(`order live feed stopped: ${e instanceof Error ? e.message : String(e)}`);
        this.feed = undefined;
        // Streams end so that their clients reconnect onto a fresh feed.
        for (const set of this.watchers.values()) for (const w of set) w.sink.end();
        this.watchers.clear();
        this.pending.clear();
      });
      return subscription;
    })();
    return this.feed;
  }
}
