import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { committedOf, type CampaignEvent, type CampaignState, type CampaignStatus, type SaleUnit } from '@gx/domain';
import { EVENT_STORE, type EventStore, type Subscription } from '@gx/eventstore';
import { CampaignCommands } from './campaign.commands';

/** What a shopper's screen shows live of a campaign; quantities in the campaign's sale units. */
export interface CampaignProgress {
  campaignId: string;
  status: CampaignStatus;
  quota: number;
  held: number;
  remaining: number;
  /** Paid online plus held for payment at pickup: what counts towards the minimum (成团量). */
  committed: number;
  minimum: number;
  percent: number;
  reached: boolean;
  /** The unit every quantity above is in (`base`: base units in one). */
  saleUnit: SaleUnit;
}

/** A frame of a campaign's live stream: the SSE event name, the log position it reflects (SSE id), the figures. */
export interface CampaignFrame {
  id: string;
  event: 'progress' | 'sold_out' | 'succeeded' | 'failed';
  data: CampaignProgress;
}

/** Where a watcher's frames go; `end` once the campaign has closed (or the app stops). */
export interface CampaignSink {
  send(frame: CampaignFrame): void;
  end(): void;
}

/** Events that change what a shopper sees. */
const LIVE_TYPES: Array<CampaignEvent['type']> = [
  'CampaignPublished',
  'CampaignJoined',
  'CampaignOrderPaid',
  'CampaignOrderReleased',
  'CampaignSucceeded',
  'CampaignFailed',
];
/** Joins of a flash sale come in thousands per second: frames of one campaign are coalesced over this long. */
const COALESCE_MS = 200;

/** The frame of a campaign's state at `position` (null for a campaign the public may not see). */
export function campaignFrame(state: CampaignState, position: string): CampaignFrame | null {
  const terms = state.terms;
  if (!terms || state.status === 'none' || state.status === 'draft' || state.status === 'publishing') return null;
  const committed = committedOf(state);
  const data: CampaignProgress = {
    campaignId: terms.campaignId,
    status: state.status,
    quota: terms.quota,
    held: state.held,
    remaining: terms.quota - state.held,
    committed,
    minimum: terms.minQuantity,
    percent: Math.min(100, Math.floor((committed * 100) / terms.minQuantity)),
    reached: committed >= terms.minQuantity,
    saleUnit: { unit: terms.saleUnit.unit, base: terms.saleUnit.base },
  };
  const event =
    state.status === 'succeeded' || state.status === 'failed'
      ? state.status
      : data.remaining <= 0
        ? 'sold_out'
        : 'progress';
  return { id: position, event, data };
}

export const isFinalFrame = (frame: CampaignFrame): boolean => frame.event === 'succeeded' || frame.event === 'failed';

/**
 * Live progress of campaigns for shoppers' screens, driven by the event log: one subscription per
 * process (from the head at the first watcher) marks a watched campaign changed, and after a short
 * coalescing delay every watcher of it gets one frame of the campaign's write-side state (cached by
 * the runner), so joins through any process and the cut-off decided by the worker reach every screen
 * without polling. A frame is the whole picture, so a reconnecting client just gets the current one.
 */
@Injectable()
export class CampaignLive implements OnModuleDestroy {
  private readonly logger = new Logger('CampaignLive');
  private readonly watchers = new Map<string, Set<CampaignSink>>();
  private readonly due = new Map<string, NodeJS.Timeout>();
  private feed: Promise<Subscription> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly campaigns: CampaignCommands,
  ) {}

  /** How many streams are open (for tests). */
  get size(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  /** The current frame of a campaign, or null when there is none the public may see. */
  async current(campaignId: string): Promise<CampaignFrame | null> {
    const { state, position } = await this.campaigns.load(campaignId);
    return campaignFrame(state, position);
  }

  /** Watch a campaign: its current frame at once, then one per change until it closes. Answers the detach function. */
  async watch(campaignId: string, sink: CampaignSink): Promise<() => void> {
    await this.startFeed();
    let set = this.watchers.get(campaignId);
    if (!set) this.watchers.set(campaignId, (set = new Set()));
    set.add(sink);
    const detach = () => this.detach(campaignId, sink);
    const frame = await this.current(campaignId);
    if (!frame || isFinalFrame(frame)) {
      if (frame) sink.send(frame);
      detach();
      sink.end();
    } else sink.send(frame);
    return detach;
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
    for (const set of this.watchers.values()) for (const sink of set) sink.end();
    this.watchers.clear();
    const feed = this.feed;
    this.feed = undefined;
    if (feed) await (await feed).stop();
  }

  private detach(campaignId: string, sink: CampaignSink): void {
    const set = this.watchers.get(campaignId);
    set?.delete(sink);
    if (set?.size === 0) this.watchers.delete(campaignId);
  }

  private changed(campaignId: string): void {
    if (!this.watchers.has(campaignId) || this.due.has(campaignId)) return;
    this.due.set(
      campaignId,
      setTimeout(() => {
        this.due.delete(campaignId);
        this.flush(campaignId).catch((e: unknown) =>
          this.logger.warn(`campaign ${campaignId} live frame failed: ${e instanceof Error ? e.message : String(e)}`),
        );
      }, COALESCE_MS),
    );
  }

  private async flush(campaignId: string): Promise<void> {
    const set = this.watchers.get(campaignId);
    if (!set) return;
    const frame = await this.current(campaignId);
    if (!frame) return;
    for (const sink of [...set]) {
      sink.send(frame);
      if (isFinalFrame(frame)) {
        this.detach(campaignId, sink);
        sink.end();
      }
    }
  }

  /** Subscribe once, from the head: a watcher's first frame is read from the campaign stream itself. */
  private startFeed(): Promise<Subscription> {
    this.feed ??= (async () => {
      const after = await this.events.headPosition();
      const subscription = this.events.subscribeToAll({
        after,
        filter: { streamPrefixes: ['campaign-'], eventTypes: LIVE_TYPES },
      });
      void (async () => {
        for await (const event of subscription) this.changed(event.streamId.slice('campaign-'.length));
      })().catch((e: unknown) => {
        this.logger.error(`campaign live feed stopped: ${e instanceof Error ? e.message : String(e)}`);
        this.feed = undefined;
        // Streams end so that their clients reconnect onto a fresh feed.
        for (const set of this.watchers.values()) for (const sink of set) sink.end();
        this.watchers.clear();
      });
      return subscription;
    })();
    return this.feed;
  }
}
