import { Injectable } from '@nestjs/common';
import type { SkuData, WarehouseData } from '@gx/domain';
import { CATALOG } from '../catalog/catalog.projection';
import { CatalogQueries } from '../catalog/catalog.queries';
import { StockQueries } from '../stock/stock.queries';

/** A batch at a market warehouse that a lot can be cut from: sellable today, with free stock. */
export interface MarketBatch {
  warehouse: string;
  warehouseName: string;
  sku: string;
  skuName: string;
  /** The SKU's sale units: a lot trades in one of them. */
  saleUnits: Array<{ unit: string; base: number }>;
  batchId: string;
  producer: string;
  origin: { village: string; plot?: string };
  grade: string;
  harvestDate: string;
  expiryDate: string;
  inspection: { result: string; testId?: string };
  /** Free stock of the batch, base units (g or pieces: `baseUnit`). */
  freeBase: number;
  baseUnit: SkuData['baseUnit'];
}

/** What operators list lots from: the sellable batches at every market warehouse (the stock ledger's read models). */
@Injectable()
export class MarketBatches {
  constructor(
    private readonly catalog: CatalogQueries,
    private readonly stock: StockQueries,
  ) {}

  async list(now: Date): Promise<MarketBatch[]> {
    const warehouses = (await this.catalog.list(CATALOG.warehouses, { kind: 'market' })) as unknown as WarehouseData[];
    const skus = new Map(((await this.catalog.list(CATALOG.skus, {})) as unknown as SkuData[]).map((s) => [s.code, s]));
    const out: MarketBatch[] = [];
    for (const warehouse of warehouses) {
      for (const level of await this.stock.levels({ warehouse: warehouse.code }, now)) {
        const sku = skus.get(level.sku);
        for (const b of level.batches) {
          if (!b.sellable || b.freeBase <= 0 || !sku) continue;
          const { batchId, producer, origin, grade, harvestDate, expiryDate, inspection } = b;
          out.push({
            warehouse: warehouse.code,
            warehouseName: warehouse.name,
            sku: sku.code,
            skuName: sku.name,
            saleUnits: sku.saleUnits,
            batchId,
            producer,
            origin,
            grade,
            harvestDate,
            expiryDate,
            inspection,
            freeBase: b.freeBase,
            baseUnit: sku.baseUnit,
          });
        }
      }
    }
    return out;
  }
}
