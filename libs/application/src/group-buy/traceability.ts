import { Injectable } from '@nestjs/common';
import {
  hopsTo,
  shanghaiIso,
  stockLevelId,
  type BaseUnit,
  type BatchTraceDoc,
  type CampaignDoc,
  type Inspection,
  type OrderDoc,
  type StockLevelDoc,
} from '@gx/domain';
import { ReadModels, type Doc } from '@gx/readstore';
import { CATALOG } from '../catalog/catalog.projection';
import { STOCK } from '../stock/stock.projection';
import { GROUP_BUY } from './group-buy.projection';
import { canSeeCampaign } from './group-buy-access';
import { isTraceToken } from './group-buy.ids';

type ProducerDoc = Doc & { code: string; name: string; county: string };
type WarehouseDoc = Doc & { code: string; name: string; kind: string };
type SkuDoc = Doc & { code: string; name: string; baseUnit?: BaseUnit; regionalBrand?: boolean };

/** A producer as the public sees it: a cooperative (or 为农服务中心) and its county. */
export interface PublicProducer {
  code: string;
  name: string | null;
  county: string | null;
}

/** One batch that supplied an order, for its public traceability page (溯源). */
export interface TracedBatch {
  batchId: string;
  /** Of this batch in the order, in the SKU's base units (grams or pieces, see the page's `baseUnit`). */
  quantityBase: number;
  producer: PublicProducer;
  origin: { village: string; plot?: string };
  harvestDate: string;
  grade: string;
  inspection: Inspection;
  /** The warehouses it passed through to the pickup point, oldest first (hub → township → village point). */
  hops: Array<{
    warehouse: string;
    name: string | null;
    kind: string | null;
    at: string;
    arrival: 'received' | 'transferred';
  }>;
}

/** The public traceability page of an order: what it was and where its food came from; nothing about who bought it. */
export interface OrderTrace {
  sku: string;
  skuName: string | null;
  regionalBrand: boolean;
  campaignTitle: string | null;
  /** Whole sale units of `saleUnit` (`base`: base units in one). */
  quantity: number;
  saleUnit: { unit: string; base: number };
  baseUnit: BaseUnit | null;
  /** When the goods were handed over (Beijing time with its offset). */
  issuedAt: string;
  batches: TracedBatch[];
}

/** Where a campaign's goods come from: the producers and villages of the batches its supplying warehouse holds. */
export interface CampaignOrigin {
  campaignId: string;
  sku: string;
  skuName: string | null;
  regionalBrand: boolean;
  producers: PublicProducer[];
  origins: Array<{ village: string; plot?: string }>;
}

/** Traceability a consumer can see (扫码溯源): an order's batches behind an unguessable token, and a campaign's origin. */
@Injectable()
export class OrderTraceability {
  constructor(private readonly readModels: ReadModels) {}

  private byCode<T extends Doc>(collection: string, codes: string[]): Promise<Map<string, T>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return Promise.resolve(new Map());
    return this.readModels
      .find<T>(collection, { _id: { $in: unique } }, { limit: unique.length })
      .then((docs) => new Map(docs.map((d) => [d._id, d])));
  }

  private producersOf(codes: string[]): Promise<(code: string) => PublicProducer> {
    return this.byCode<ProducerDoc>(CATALOG.producers, codes).then((found) => (code) => {
      const p = found.get(code);
      return { code, name: p?.name ?? null, county: p?.county ?? null };
    });
  }

  /** The page behind `token`, or null when no handed-over order has it (an unknown token looks like any other). */
  async trace(token: string): Promise<OrderTrace | null> {
    if (!isTraceToken(token)) return null;
    const [order] = await this.readModels.find<OrderDoc>(GROUP_BUY.orders, { traceToken: token }, { limit: 1 });
    if (!order?.supply) return null;
    const { supply } = order;
    const [campaign, skus, traces] = await Promise.all([
      this.readModels.get<CampaignDoc>(GROUP_BUY.campaigns, order.campaignId),
      this.byCode<SkuDoc>(CATALOG.skus, [order.sku]),
      this.byCode<BatchTraceDoc>(
        STOCK.traces,
        supply.batches.map((b) => b.batchId),
      ),
    ]);
    const destination = campaign?.pickupWarehouse;
    const hopsOf = (trace: BatchTraceDoc) => (destination ? hopsTo(trace.movements, destination) : []);
    const hopCodes = [...traces.values()].flatMap((t) => hopsOf(t).map((h) => h.warehouse));
    const [producer, warehouses] = await Promise.all([
      this.producersOf([...traces.values()].map((t) => t.producer)),
      this.byCode<WarehouseDoc>(CATALOG.warehouses, hopCodes),
    ]);
    const batches: TracedBatch[] = [];
    for (const { batchId, baseUnits: quantityBase } of supply.batches) {
      const trace = traces.get(batchId);
      if (!trace) continue;
      const hops = hopsOf(trace).map((h) => ({
        ...h,
        at: shanghaiIso(h.at),
        name: warehouses.get(h.warehouse)?.name ?? null,
        kind: warehouses.get(h.warehouse)?.kind ?? null,
      }));
      const { origin, harvestDate, grade, inspection } = trace;
      batches.push({
        batchId,
        quantityBase,
        producer: producer(trace.producer),
        origin,
        harvestDate,
        grade,
        inspection,
        hops,
      });
    }
    const sku = skus.get(order.sku);
    return {
      sku: order.sku,
      skuName: sku?.name ?? null,
      regionalBrand: sku?.regionalBrand === true,
      campaignTitle: campaign?.title ?? null,
      quantity: order.quantity,
      saleUnit: {
        unit: order.saleUnit,
        base: campaign?.saleUnitBase ?? supply.batches.reduce((n, b) => n + b.baseUnits, 0) / order.quantity,
      },
      baseUnit: sku?.baseUnit ?? null,
      issuedAt: shanghaiIso(supply.issuedAt),
      batches,
    };
  }

  /** Producers and villages of the sellable batches at the campaign's supplying warehouse, first expiry first (what its quota is picked from). */
  async origin(campaignId: string): Promise<CampaignOrigin | null> {
    const campaign = await this.readModels.get<CampaignDoc>(GROUP_BUY.campaigns, campaignId);
    if (!campaign || !canSeeCampaign(campaign)) return null;
    const [level, skus] = await Promise.all([
      this.readModels.get<StockLevelDoc>(STOCK.levels, stockLevelId(campaign.sku, campaign.warehouse)),
      this.byCode<SkuDoc>(CATALOG.skus, [campaign.sku]),
    ]);
    const batches = (level?.batches ?? [])
      .filter((b) => b.onHand > 0 && b.inspection.result === 'pass')
      .sort((a, b) => a.expiryDate.localeCompare(b.expiryDate));
    const producer = await this.producersOf(batches.map((b) => b.producer));
    const producerCodes = [...new Set(batches.map((b) => b.producer))];
    const origins = new Map(batches.map((b) => [`${b.origin.village}|${b.origin.plot ?? ''}`, b.origin]));
    const sku = skus.get(campaign.sku);
    return {
      campaignId,
      sku: campaign.sku,
      skuName: sku?.name ?? campaign.skuName,
      regionalBrand: sku?.regionalBrand === true,
      producers: producerCodes.map(producer),
      origins: [...origins.values()],
    };
  }
}
