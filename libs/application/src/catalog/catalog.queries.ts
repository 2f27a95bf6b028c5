import { Injectable } from '@nestjs/common';
import type { BaseUnit, UnitCost } from '@gx/domain';
import type { Doc, Filter } from '@gx/readstore';
import { ReadModels } from '@gx/readstore';
import { publicView, ReadGate } from '../kernel/read-gate';
import { CATALOG, catalogProjection } from './catalog.projection';

type CatalogCollection = (typeof CATALOG)[keyof typeof CATALOG];

/** The base unit of each of `skus` from the catalog read model (SKUs are registered once: it never changes). */
export async function baseUnitLookup(
  readModels: ReadModels,
  skus: readonly string[],
): Promise<(sku: string) => BaseUnit> {
  const codes = [...new Set(skus)];
  const docs =
    codes.length === 0
      ? []
      : await readModels.find<Doc & { baseUnit: BaseUnit }>(
          CATALOG.skus,
          { _id: { $in: codes } },
          { limit: codes.length },
        );
  const byCode = new Map(docs.map((d) => [d._id, d.baseUnit]));
  // Every stock and campaign names a registered SKU; grams, should the catalog read model lag behind.
  return (sku) => byCode.get(sku) ?? 'g';
}

/** Cost as answers give it: `costFen` fen per `costPerBase` base units. */
export const costView = (cost: UnitCost): { costFen: number; costPerBase: number } => ({
  costFen: cost.fen,
  costPerBase: cost.per,
});

/** A catalog document as answers give it (a SKU's cost as `costFen` per `costPerBase`). */
function catalogView(collection: CatalogCollection, doc: Doc): Omit<Doc, '_id'> {
  const view = publicView(doc);
  if (collection !== CATALOG.skus) return view;
  const { cost, ...sku } = view as Omit<Doc, '_id'> & { cost: UnitCost };
  return { ...sku, ...costView(cost) };
}

/** Lists of master data from the catalog read models. */
@Injectable()
export class CatalogQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
  ) {}

  async list(collection: CatalogCollection, filter: Filter, after?: string): Promise<Array<Omit<Doc, '_id'>>> {
    await this.gate.after(catalogProjection.name, after);
    const docs = await this.readModels.find(collection, filter, { sort: [['_id', 1]], limit: 1000 });
    return docs.map((d) => catalogView(collection, d));
  }

  async get(collection: CatalogCollection, code: string, after?: string): Promise<Omit<Doc, '_id'> | null> {
    await this.gate.after(catalogProjection.name, after);
    const doc = await this.readModels.get(collection, code);
    return doc && catalogView(collection, doc);
  }
}
