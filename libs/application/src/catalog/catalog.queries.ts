import { Injectable } from '@nestjs/common';
import type { Doc, Filter } from '@gx/readstore';
import { ReadModels } from '@gx/readstore';
import { publicView, ReadGate } from '../kernel/read-gate';
import { CATALOG, catalogProjection } from './catalog.projection';

type CatalogCollection = (typeof CATALOG)[keyof typeof CATALOG];

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
    return docs.map(publicView);
  }

  async get(collection: CatalogCollection, code: string, after?: string): Promise<Omit<Doc, '_id'> | null> {
    await this.gate.after(catalogProjection.name, after);
    const doc = await this.readModels.get(collection, code);
    return doc && publicView(doc);
  }
}
