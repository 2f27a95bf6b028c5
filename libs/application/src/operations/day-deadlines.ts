import { Injectable, Module } from '@nestjs/common';
import {
  cutoffAt,
  isDeliveryDate,
  isPaused,
  lotPhase,
  plusDays,
  shanghaiIso,
  type CampaignDoc,
  type CampaignStatus,
  type DeliveryDoc,
  type LotDoc,
  type LotPhase,
  type StandingOrderDoc,
} from '@gx/domain';
import { ReadModels } from '@gx/readstore';
import { auctionProjection, AUCTION } from '../auction/auction.projection';
import { GROUP_BUY, groupBuyProjection } from '../group-buy/group-buy.projection';
import { ReadGate } from '../kernel/read-gate';
import { KITCHEN, kitchenProjection } from '../kitchen/kitchen.projection';

/** A campaign whose cut-off (截单) falls on the day. */
export interface CampaignCutoffOfDay {
  campaignId: string;
  title: string;
  sku: string;
  warehouse: string;
  pickupPoint: string;
  cutoffAt: string;
  status: CampaignStatus;
}

/** A wholesale lot whose close falls on the day (its close as extended by late bids). */
export interface LotClose {
  lotId: string;
  sku: string;
  warehouse: string;
  batchId: string;
  closesAt: string;
  phase: LotPhase;
}

/** A standing order's cut-off falling on the day: the delivery date it closes, and the delivery once generated. */
export interface KitchenCutoff {
  standingOrderId: string;
  kitchen: string;
  warehouse: string;
  deliveryDate: string;
  cutoffAt: string;
  /** The delivery the cut-off generated; null while the cut-off is ahead. */
  deliveryId: string | null;
}

export interface DayDeadlines {
  date: string;
  campaignCutoffs: CampaignCutoffOfDay[];
  lotCloses: LotClose[];
  kitchenCutoffs: KitchenCutoff[];
}

/** Most documents of one kind read for a day; a day has far fewer deadlines. */
const MAX_PER_KIND = 500;
/** A standing order's cut-off is at most this many days before its delivery date (validateCutoff). */
const MAX_DAYS_BEFORE = 14;

/** The instants [start, end) of a business date in Asia/Shanghai, as ISO UTC strings. */
function dayRange(date: string): { start: string; end: string } {
  const start = Date.parse(`${date}T00:00:00+08:00`);
  return { start: new Date(start).toISOString(), end: new Date(start + 86_400_000).toISOString() };
}

/**
 * The deadlines of one business day across the channels, for the operations dashboard: campaign
 * cut-offs, lot closes and kitchen cut-offs, each sorted by time. Read from the channels' read models
 * in the shared DocumentStore.
 */
@Injectable()
export class DayDeadlinesQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
  ) {}

  async on(date: string, now: Date, after?: string): Promise<DayDeadlines> {
    await this.gate.after([groupBuyProjection.name, auctionProjection.name, kitchenProjection.name], after);
    const range = dayRange(date);
    const [campaignCutoffs, lotCloses, kitchenCutoffs] = await Promise.all([
      this.campaigns(range),
      this.lots(range, now.toISOString()),
      this.kitchens(date, range),
    ]);
    // Sorted on the stored UTC instants; answered in Beijing time with the offset.
    return {
      date,
      campaignCutoffs: campaignCutoffs.map((c) => ({ ...c, cutoffAt: shanghaiIso(c.cutoffAt) })),
      lotCloses: lotCloses.map((l) => ({ ...l, closesAt: shanghaiIso(l.closesAt) })),
      kitchenCutoffs: kitchenCutoffs.map((k) => ({ ...k, cutoffAt: shanghaiIso(k.cutoffAt) })),
    };
  }

  private async campaigns(range: { start: string; end: string }): Promise<CampaignCutoffOfDay[]> {
    const docs = await this.readModels.find<CampaignDoc>(
      GROUP_BUY.campaigns,
      { cutoffAt: { $gte: range.start, $lt: range.end } },
      {
        sort: [
          ['cutoffAt', 1],
          ['_id', 1],
        ],
        limit: MAX_PER_KIND,
      },
    );
    return docs.map(({ campaignId, title, sku, warehouse, pickupPoint, cutoffAt, status }) => ({
      campaignId,
      title,
      sku,
      warehouse,
      pickupPoint,
      cutoffAt,
      status,
    }));
  }

  private async lots(range: { start: string; end: string }, now: string): Promise<LotClose[]> {
    const docs = await this.readModels.find<LotDoc>(
      AUCTION.lots,
      { closesAt: { $gte: range.start, $lt: range.end } },
      {
        sort: [
          ['closesAt', 1],
          ['_id', 1],
        ],
        limit: MAX_PER_KIND,
      },
    );
    return docs.map((doc) => ({
      lotId: doc.lotId,
      sku: doc.sku,
      warehouse: doc.warehouse,
      batchId: doc.batch.batchId,
      closesAt: doc.closesAt,
      phase: lotPhase(doc, now),
    }));
  }

  /**
   * A cut-off on `date` closes the delivery date `date + daysBefore`: generated ones are deliveries
   * (their cut-off recorded), pending ones are scheduled dates of active orders not yet generated.
   */
  private async kitchens(date: string, range: { start: string; end: string }): Promise<KitchenCutoff[]> {
    const [deliveries, orders] = await Promise.all([
      this.readModels.find<DeliveryDoc>(
        KITCHEN.deliveries,
        { date: { $gte: date, $lte: plusDays(date, MAX_DAYS_BEFORE) } },
        {
          sort: [
            ['date', 1],
            ['_id', 1],
          ],
          limit: MAX_PER_KIND,
        },
      ),
      this.readModels.find<StandingOrderDoc>(
        KITCHEN.standingOrders,
        { status: 'active' },
        { sort: [['_id', 1]], limit: MAX_PER_KIND },
      ),
    ]);
    const generated: KitchenCutoff[] = deliveries
      .filter((d) => d.cutoffAt >= range.start && d.cutoffAt < range.end)
      .map((d) => ({
        standingOrderId: d.standingOrderId,
        kitchen: d.kitchen,
        warehouse: d.warehouse,
        deliveryDate: d.date,
        cutoffAt: d.cutoffAt,
        deliveryId: d.deliveryId,
      }));
    const pending: KitchenCutoff[] = [];
    for (const order of orders) {
      const deliveryDate = plusDays(date, order.cutoff.daysBefore);
      const pendingOn =
        deliveryDate >= order.cursor &&
        deliveryDate <= order.endDate &&
        !order.skipped.includes(deliveryDate) &&
        !isPaused(order.pauses, deliveryDate) &&
        isDeliveryDate(order.schedule, order.startDate, deliveryDate);
      if (!pendingOn) continue;
      pending.push({
        standingOrderId: order.standingOrderId,
        kitchen: order.kitchen,
        warehouse: order.warehouse,
        deliveryDate,
        cutoffAt: cutoffAt(deliveryDate, order.cutoff),
        deliveryId: null,
      });
    }
    return [...generated, ...pending].sort(
      (a, b) => a.cutoffAt.localeCompare(b.cutoffAt) || a.standingOrderId.localeCompare(b.standingOrderId),
    );
  }
}

/** The day's deadlines across channels, for the operations app (read models only: no channel's commands). */
@Module({ providers: [DayDeadlinesQueries], exports: [DayDeadlinesQueries] })
export class DayDeadlinesModule {}
