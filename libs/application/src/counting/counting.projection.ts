import {
  evolveCountDoc,
  evolveStockVariance,
  stockVarianceIdOf,
  VARIANCE_EVENT_TYPES,
  type CountDoc,
  type CountEvent,
  type StockEvent,
  type StockVarianceDoc,
} from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import type { Projection } from '@gx/readstore';
import { eventNarrower } from '../kernel/event-narrowing';
import { DeclareProjection } from '../kernel/declarations';

/** Collections of the counting projection. */
export const COUNTING = { counts: 'counts', variances: 'stock_variances' } as const;

/** Every count event type (a record, so that a new event type cannot be forgotten here). */
const COUNT_EVENT_TYPES: Record<CountEvent['type'], true> = {
  CountOpened: true,
  CountLinesRecorded: true,
  CountSubmitted: true,
  CountApprovalRecorded: true,
  CountApproved: true,
  CountAdjustmentPosted: true,
  CountAdjustmentBlocked: true,
  CountCancelled: true,
};
/** The stock movements the variance report is made of. */

/** Narrows a recorded event to the count's union (the count-adjustments process manager routes with it too). */
export const asCount = eventNarrower<CountEvent>('count-', COUNT_EVENT_TYPES);
const isCountEvent = (event: RecordedEvent): boolean => asCount(event) !== undefined;
const asCountEvent = (event: RecordedEvent): CountEvent => ({ type: event.type, data: event.data }) as CountEvent;
const asStockEvent = (event: RecordedEvent): StockEvent => ({ type: event.type, data: event.data }) as StockEvent;

/** Stock counts (`counts`) and variances by warehouse, SKU and month (`stock_variances`). */
export const countingProjection: Projection = {
  name: 'counting',
  // 2: variances count stock transferred in as received and losses in transit as shrinkage.
  version: 2,
  filter: {
    streamPrefixes: ['count-', 'stock-'],
    eventTypes: [...Object.keys(COUNT_EVENT_TYPES), ...VARIANCE_EVENT_TYPES],
  },
  readModels: [
    {
      collection: COUNTING.counts,
      indexes: [
        {
          fields: [
            ['warehouse', 1],
            ['openedAt', -1],
          ],
        },
        {
          fields: [
            ['status', 1],
            ['openedAt', -1],
          ],
        },
        { fields: [['openedAt', -1]] },
      ],
      ids: (event) => (isCountEvent(event) ? [(event.data as { countId: string }).countId] : []),
      evolve: (doc, event) => evolveCountDoc(doc as CountDoc | null, asCountEvent(event), event.metadata.occurredAt),
    },
    {
      collection: COUNTING.variances,
      indexes: [
        {
          fields: [
            ['warehouse', 1],
            ['sku', 1],
            ['month', 1],
          ],
        },
        {
          fields: [
            ['sku', 1],
            ['month', 1],
          ],
        },
        { fields: [['month', 1]] },
      ],
      ids: (event) => {
        const id = event.streamId.startsWith('stock-') ? stockVarianceIdOf(event, event.metadata.occurredAt) : null;
        return id === null ? [] : [id];
      },
      evolve: (doc, event) =>
        evolveStockVariance(doc as StockVarianceDoc | null, asStockEvent(event), event.metadata.occurredAt),
    },
  ],
};

/** Declares {@link countingProjection} (run by the worker, administered under `/projections`, checked by `/integrity`). */
@DeclareProjection()
export class CountingProjection {
  readonly projection = countingProjection;
}
