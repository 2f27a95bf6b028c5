import type { RecordedEvent } from '@gx/eventstore';
import type { Doc, Projection, ReadModel } from '@gx/readstore';
import { ERASED_TEXT, isPersonalText, type PersonalText } from '@gx/domain';
import { DeclareProjection } from '../kernel/declarations';

/**
 * Read model of master data: one document per code, as registered and, for editable records
 * (`updatedType`), with every edit's changes applied (`updatedAt` then says when).
 */
function registeredReadModel(collection: string, eventType: string, updatedType?: string): ReadModel {
  return {
    collection,
    ids: (event: RecordedEvent) =>
      event.type === eventType || event.type === updatedType
        ? [String((event.data as Record<string, unknown>).code)]
        : [],
    evolve: (doc: Doc | null, event: RecordedEvent, id: string): Doc | null => {
      if (event.type === eventType)
        return { _id: id, ...(event.data as object), registeredAt: event.metadata.occurredAt };
      if (event.type === updatedType && doc)
        return { ...doc, ...(event.data as { changes: object }).changes, updatedAt: event.metadata.occurredAt };
      return doc;
    },
  };
}

/** Collections of the catalog projection. */
export const CATALOG = {
  warehouses: 'warehouses',
  skus: 'skus',
  producers: 'producers',
  pickupPoints: 'pickup_points',
  kitchens: 'kitchens',
  /** Leader accounts by the pickup point they run (from the `user-` streams). */
  pickupPointLeaders: 'pickup_point_leaders',
} as const;

/** A group leader's account as the pickup point's list shows it. */
// A type, not an interface: documents need the implicit index signature of `Doc`.
export type PickupPointLeaderDoc = {
  _id: string;
  username: string;
  /** Sealed as the user's event carries it (personal data); the answer opens it. */
  displayName: PersonalText;
  pickupPoint: string;
  disabled: boolean;
  since: string;
};

const USER_TYPES = ['UserRegistered', 'RolesAssigned', 'UserDisabled', 'UserEnabled', 'PersonalDataErased'];

/** Leaders by pickup point: an account appears while it has the leader role and a party, with its disabled flag. */
const pickupPointLeaders: ReadModel = {
  collection: CATALOG.pickupPointLeaders,
  indexes: [
    {
      fields: [
        ['pickupPoint', 1],
        ['_id', 1],
      ],
    },
  ],
  ids: (event) =>
    event.streamId.startsWith('user-') && USER_TYPES.includes(event.type) ? [event.streamId.slice('user-'.length)] : [],
  evolve: (doc, event, id) => {
    const data = event.data as { displayName?: unknown; roles?: unknown; party?: unknown };
    const leadsFor = (): string | null =>
      Array.isArray(data.roles) && data.roles.includes('leader') && typeof data.party === 'string' ? data.party : null;
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'UserRegistered': {
        const point = leadsFor();
        return point === null
          ? null
          : {
              _id: id,
              username: id,
              displayName: isPersonalText(data.displayName) ? data.displayName : id,
              pickupPoint: point,
              disabled: false,
              since: at,
            };
      }
      case 'RolesAssigned': {
        const point = leadsFor();
        // The display name is kept by a document of this collection only; an account made leader later shows its username until then.
        if (point === null) return null;
        return doc
          ? { ...doc, pickupPoint: point, since: doc.pickupPoint === point ? doc.since : at }
          : { _id: id, username: id, displayName: id, pickupPoint: point, disabled: false, since: at };
      }
      case 'UserDisabled':
        return doc && { ...doc, disabled: true };
      case 'UserEnabled':
        return doc && { ...doc, disabled: false };
      case 'PersonalDataErased':
        return doc && { ...doc, displayName: ERASED_TEXT, disabled: true };
      default:
        return doc;
    }
  },
};

const kitchensBase = registeredReadModel('kitchens', 'KitchenRegistered', 'KitchenUpdated');
/** Kitchens as registered and edited; an erasure of the contact person shows their name and phone as 已删除. */
const kitchensReadModel: ReadModel = {
  ...kitchensBase,
  indexes: [{ fields: [['kind', 1]] }],
  ids: (event) =>
    event.type === 'PersonalDataErased'
      ? event.streamId.startsWith('kitchen-')
        ? [event.streamId.slice('kitchen-'.length)]
        : []
      : kitchensBase.ids(event),
  evolve: (doc, event, id) =>
    event.type === 'PersonalDataErased'
      ? doc && { ...doc, contact: { name: ERASED_TEXT, phone: ERASED_TEXT }, updatedAt: event.metadata.occurredAt }
      : kitchensBase.evolve(doc, event, id),
};

/** Warehouses, SKUs, producers, pickup points and kitchens as registered (and edited). */
export const catalogProjection: Projection = {
  name: 'catalog',
  // 2: kitchens, edits of pickup points, and pickup points' leaders. 3: erasures of persons (kitchen contacts, leaders' names).
  version: 3,
  filter: { streamPrefixes: ['warehouse-', 'sku-', 'producer-', 'pickuppoint-', 'kitchen-', 'user-'] },
  readModels: [
    { ...registeredReadModel(CATALOG.warehouses, 'WarehouseRegistered'), indexes: [{ fields: [['kind', 1]] }] },
    { ...registeredReadModel(CATALOG.skus, 'SkuRegistered'), indexes: [{ fields: [['category', 1]] }] },
    registeredReadModel(CATALOG.producers, 'ProducerRegistered'),
    {
      ...registeredReadModel(CATALOG.pickupPoints, 'PickupPointRegistered', 'PickupPointUpdated'),
      indexes: [{ fields: [['warehouse', 1]] }],
    },
    kitchensReadModel,
    pickupPointLeaders,
  ],
};

/** Declares {@link catalogProjection} (run by the worker, administered under `/projections`, checked by `/integrity`). */
@DeclareProjection()
export class CatalogProjection {
  readonly projection = catalogProjection;
}
