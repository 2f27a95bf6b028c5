import type { RecordedEvent } from '@gx/eventstore';
import type { Doc, Projection, ReadModel } from '@gx/readstore';

/** Read model of register-once master data: one document per code, as registered. */
function registeredReadModel(collection: string, eventType: string, key = 'code'): ReadModel {
  return {
    collection,
    ids: (event: RecordedEvent) =>
      event.type === eventType ? [String((event.data as Record<string, unknown>)[key])] : [],
    evolve: (doc: Doc | null, event: RecordedEvent, id: string): Doc | null =>
      event.type === eventType
        ? { _id: id, ...(event.data as object), registeredAt: event.metadata.occurredAt }
        : doc,
  };
}

/** Collections of the catalog projection. */
export const CATALOG = {
  warehouses: 'warehouses',
  skus: 'skus',
  producers: 'producers',
  pickupPoints: 'pickup_points',
} as const;

/** Warehouses, SKUs, producers and pickup points as registered. */
export const catalogProjection: Projection = {
  name: 'catalog',
  version: 1,
  filter: { streamPrefixes: ['warehouse-', 'sku-', 'producer-', 'pickuppoint-'] },
  readModels: [
    { ...registeredReadModel(CATALOG.warehouses, 'WarehouseRegistered'), indexes: [{ fields: [['kind', 1]] }] },
    { ...registeredReadModel(CATALOG.skus, 'SkuRegistered'), indexes: [{ fields: [['category', 1]] }] },
    registeredReadModel(CATALOG.producers, 'ProducerRegistered'),
    { ...registeredReadModel(CATALOG.pickupPoints, 'PickupPointRegistered'), indexes: [{ fields: [['warehouse', 1]] }] },
  ],
};
