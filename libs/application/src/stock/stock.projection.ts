import {
  batchIdsOf,
  evolveBatchTrace,
  evolveStockBatch,
  evolveStockLevel,
  evolveStockReservation,
  evolveTransfer,
  holderOf,
  stockBatchId,
  stockLevelId,
  stockReservationId,
  transferIdOf,
  type BatchTraceDoc,
  type StockBatchDoc,
  type StockEvent,
  type StockLevelDoc,
  type StockReservationDoc,
  type TransferDoc,
} from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import type { Doc, Projection, ReadModel } from '@gx/readstore';
import { DeclareProjection } from '../kernel/declarations';

/** Collections of the stock projection. */
export const STOCK = {
  levels: 'stock_levels',
  batches: 'stock_batches',
  reservations: 'stock_reservations',
  traces: 'batch_traces',
  transfers: 'transfers',
} as const;

/** Stock events are the only ones in `stock-` streams; anything else is ignored. */
const asStock = (event: RecordedEvent): StockEvent | undefined =>
  event.streamId.startsWith('stock-') ? ({ type: event.type, data: event.data } as StockEvent) : undefined;

/** A read model over stock events, typed by its document. */
function stockModel<D extends Doc>(
  collection: string,
  indexes: ReadModel['indexes'],
  ids: (e: StockEvent) => string[],
  evolve: (doc: D | null, e: StockEvent, id: string, raw: RecordedEvent) => D | null,
): ReadModel {
  return {
    collection,
    indexes,
    ids: (event) => {
      const e = asStock(event);
      return e ? ids(e) : [];
    },
    evolve: (doc, event, id) => {
      const e = asStock(event);
      // Documents are plain JSON of D: the projector stores what evolve returned.
      return e ? evolve(doc as D | null, e, id, event) : doc;
    },
  };
}

/** The stock ledger's read models: levels, batches, holders, batch traces and transfers. */
export const stockProjection: Projection = {
  name: 'stock',
  // 3: batch traces carry expiry, inspection, allocated and lost quantities.
  version: 3,
  filter: { streamPrefixes: ['stock-'] },
  readModels: [
    stockModel<StockLevelDoc>(
      STOCK.levels,
      [
        {
          fields: [
            ['warehouse', 1],
            ['sku', 1],
          ],
        },
        { fields: [['sku', 1]] },
      ],
      (e) => [stockLevelId(e.data.sku, e.data.warehouse)],
      (doc, e, _id, raw) => evolveStockLevel(doc, e, raw.metadata.occurredAt),
    ),
    stockModel<StockBatchDoc>(
      STOCK.batches,
      [
        { fields: [['expiryDate', 1]] },
        {
          fields: [
            ['warehouse', 1],
            ['sku', 1],
          ],
        },
        { fields: [['batchId', 1]] },
      ],
      (e) => batchIdsOf(e).map((b) => stockBatchId(e.data.warehouse, b)),
      (doc, e, id) => evolveStockBatch(doc, e, id.slice(id.indexOf('|') + 1)),
    ),
    stockModel<StockReservationDoc>(
      STOCK.reservations,
      [{ fields: [['since', 1]] }, { fields: [['holder', 1]] }],
      (e) => {
        const holder = holderOf(e);
        return holder === undefined ? [] : [stockReservationId(e.data.sku, e.data.warehouse, holder)];
      },
      (doc, e) => evolveStockReservation(doc, e),
    ),
    stockModel<BatchTraceDoc>(
      STOCK.traces,
      [],
      (e) => batchIdsOf(e),
      (doc, e, id, raw) =>
        evolveBatchTrace(doc, e, id, {
          position: raw.position,
          at: raw.metadata.occurredAt,
          actor: raw.metadata.actor,
        }),
    ),
    stockModel<TransferDoc>(
      STOCK.transfers,
      [
        {
          fields: [
            ['status', 1],
            ['sentAt', 1],
          ],
        },
        { fields: [['to', 1]] },
      ],
      (e) => {
        const id = transferIdOf(e);
        return id === undefined ? [] : [id];
      },
      (doc, e, _id, raw) => evolveTransfer(doc, e, raw.metadata.occurredAt),
    ),
  ],
};

/** Declares {@link stockProjection} (run by the worker, administered under `/projections`, checked by `/integrity`). */
@DeclareProjection()
export class StockProjection {
  readonly projection = stockProjection;
}
