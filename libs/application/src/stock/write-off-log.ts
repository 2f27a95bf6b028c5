import { Injectable, Module } from '@nestjs/common';
import {
  evolveWriteOff,
  shanghaiIso,
  type BaseUnit,
  type SaleUnit,
  type StockEvent,
  type WriteOffDoc,
} from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import { ReadModels, type Filter, type Projection } from '@gx/readstore';
import { CATALOG } from '../catalog/catalog.projection';
import { publicView, ReadGate } from '../kernel/read-gate';
import { DeclareProjection } from '../kernel/declarations';

export const WRITE_OFFS = 'stock_write_offs';

/**
 * The log of write-offs (报损), apart from the stock projection so that the ledger's read models need no
 * rebuild for it: one document per StockWrittenOff event, keyed by the event id.
 */
export const writeOffLogProjection: Projection = {
  name: 'write-off-log',
  version: 1,
  filter: { streamPrefixes: ['stock-'], eventTypes: ['StockWrittenOff'] },
  readModels: [
    {
      collection: WRITE_OFFS,
      indexes: [
        { fields: [['at', -1]] },
        {
          fields: [
            ['warehouse', 1],
            ['at', -1],
          ],
        },
      ],
      ids: (event: RecordedEvent) =>
        event.streamId.startsWith('stock-') && event.type === 'StockWrittenOff' ? [event.id] : [],
      evolve: (doc, event, id) =>
        evolveWriteOff(doc as WriteOffDoc | null, { type: event.type, data: event.data } as StockEvent, id, {
          position: event.position,
          at: event.metadata.occurredAt,
          actor: event.metadata.actor,
        }),
    },
  ],
};

/** Declares {@link writeOffLogProjection} (run by the worker, administered under `/projections`, checked by `/integrity`). */
@DeclareProjection()
export class WriteOffLogProjection {
  readonly projection = writeOffLogProjection;
}

/** Most write-offs a list answers; the latest first. */
const MAX_WRITE_OFFS = 500;

/** A write-off as listed: its documented fields and the SKU's first sale unit, to show the quantity in. */
export type WriteOffView = Omit<WriteOffDoc, '_id' | '_position'> & { baseUnit: BaseUnit; saleUnit: SaleUnit | null };

@Injectable()
export class WriteOffQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
  ) {}

  /** Write-offs, the latest first, optionally of one warehouse and SKU and between two instants [from, to). */
  async list(query: {
    warehouse?: string;
    sku?: string;
    from?: string;
    to?: string;
    after?: string;
  }): Promise<WriteOffView[]> {
    await this.gate.after(writeOffLogProjection.name, query.after);
    const filter: Filter = {};
    if (query.warehouse) filter.warehouse = query.warehouse;
    if (query.sku) filter.sku = query.sku;
    if (query.from || query.to)
      filter.at = { ...(query.from && { $gte: query.from }), ...(query.to && { $lt: query.to }) };
    const docs = await this.readModels.find<WriteOffDoc>(WRITE_OFFS, filter, {
      sort: [
        ['at', -1],
        ['_id', 1],
      ],
      limit: MAX_WRITE_OFFS,
    });
    const codes = [...new Set(docs.map((d) => d.sku))];
    const skus = await this.readModels.find<{ _id: string; baseUnit: BaseUnit; saleUnits: SaleUnit[] }>(
      CATALOG.skus,
      { _id: { $in: codes } },
      { limit: codes.length },
    );
    const skuOf = new Map(skus.map((s) => [s._id, s]));
    return docs.map((doc) => {
      const sku = skuOf.get(doc.sku);
      return {
        ...publicView(doc),
        at: shanghaiIso(doc.at),
        baseUnit: sku?.baseUnit ?? 'g',
        saleUnit: sku?.saleUnits[0] ?? null,
      };
    });
  }
}

@Module({ providers: [WriteOffLogProjection, WriteOffQueries], exports: [WriteOffQueries] })
export class WriteOffLogModule {}
