import { BSON, type Document } from 'mongodb';
import { duplicateKeyError, WireError } from './wire-errors';

const { EJSON } = BSON;

/** An index as `listIndexes` reports it. */
export interface IndexModel {
  name: string;
  key: Document;
  unique: boolean;
}

interface UniqueIndex {
  model: IndexModel;
  fields: string[];
  /** Key tuple → key of the document holding it. */
  owners: Map<string, string>;
}

/** Equal BSON values give equal keys: numbers compare by value whatever their BSON type, as in mongod. */
export function valueKey(value: unknown): string {
  return EJSON.stringify(value === undefined ? null : value, { relaxed: true });
}

/** The value at a dotted path; undefined when a segment is missing or not a sub-document. */
export function valueAt(doc: Document, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Document)[key];
  }
  return value;
}

/** A deep copy that keeps BSON types (ObjectId, Long, Date…), as a round trip through the wire would. */
export function cloneDocument<T extends Document>(doc: T): T {
  return BSON.deserialize(BSON.serialize(doc)) as T;
}

/** The default index name mongod derives from a key pattern: `{ a: 1, 'b.c': -1 }` → `a_1_b.c_-1`. */
export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
}

/**
 * The documents of one collection in natural (insertion) order, keyed by `_id`, with its unique
 * indexes maintained on every write. Stored documents are never mutated: writes store new objects.
 * Limitation: unique keys on array values index the whole array, not each element (no multikey).
 */
export class WireCollection {
  private readonly docs = new Map<string, Document>();
  private readonly unique = new Map<string, UniqueIndex>();
  private readonly others = new Map<string, IndexModel>();

  constructor(readonly ns: string) {}

  get size(): number {
    return this.docs.size;
  }

  all(): Document[] {
    return [...this.docs.values()];
  }

  indexes(): IndexModel[] {
    const id: IndexModel = { name: '_id_', key: { _id: 1 }, unique: true };
    return [id, ...[...this.unique.values()].map((u) => u.model), ...this.others.values()];
  }

  /** Insert a new document; E11000 when its `_id` or a unique key is taken. */
  insert(doc: Document): void {
    const id = valueKey(doc._id);
    if (this.docs.has(id)) throw duplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: doc._id });
    this.checkUnique(doc, undefined);
    this.docs.set(id, doc);
    this.indexKeys(doc, id);
  }

  /** Replace a stored document by one with the same `_id`; E11000 when a unique key is taken by another. */
  replace(current: Document, next: Document): void {
    const id = valueKey(current._id);
    this.checkUnique(next, id);
    this.unindexKeys(current);
    this.docs.set(id, next);
    this.indexKeys(next, id);
  }

  remove(doc: Document): void {
    this.unindexKeys(doc);
    this.docs.delete(valueKey(doc._id));
  }

  /**
   * Create an index; false when an identical one exists. Like mongod: the same name with another key
   * is IndexKeySpecsConflict, the same key with other options IndexOptionsConflict, and a unique index
   * over duplicate values fails with E11000.
   */
  createIndex(model: IndexModel): boolean {
    const existing = this.indexes();
    const sameName = existing.find((index) => index.name === model.name);
    const sameKey = existing.find((index) => valueKey(index.key) === valueKey(model.key));
    if (sameName) {
      if (valueKey(sameName.key) !== valueKey(model.key)) {
        throw new WireError(
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. Requested index: ${EJSON.stringify(model)}, existing index: ${EJSON.stringify(sameName)}`,
        );
      }
      if (sameName.unique !== model.unique)
        throw new WireError(
          'IndexOptionsConflict',
          `Index with name: ${model.name} already exists with different options`,
        );
      return false;
    }
    if (sameKey)
      throw new WireError('IndexOptionsConflict', `Index already exists with a different name: ${sameKey.name}`);
    if (!model.unique) {
      this.others.set(model.name, model);
      return true;
    }
    const index: UniqueIndex = { model, fields: Object.keys(model.key), owners: new Map() };
    for (const [id, doc] of this.docs) {
      const key = this.tupleKey(index, doc);
      if (index.owners.has(key)) throw this.duplicate(index, doc);
      index.owners.set(key, id);
    }
    this.unique.set(model.name, index);
    return true;
  }

  private tupleKey(index: UniqueIndex, doc: Document): string {
    return valueKey(index.fields.map((field) => valueAt(doc, field) ?? null));
  }

  private duplicate(index: UniqueIndex, doc: Document): WireError {
    const keyValue = Object.fromEntries(index.fields.map((field) => [field, valueAt(doc, field) ?? null]));
    return duplicateKeyError(this.ns, index.model.name, index.model.key, keyValue);
  }

  private checkUnique(doc: Document, self: string | undefined): void {
    for (const index of this.unique.values()) {
      const owner = index.owners.get(this.tupleKey(index, doc));
      if (owner !== undefined && owner !== self) throw this.duplicate(index, doc);
    }
  }

  private indexKeys(doc: Document, id: string): void {
    for (const index of this.unique.values()) index.owners.set(this.tupleKey(index, doc), id);
  }

  private unindexKeys(doc: Document): void {
    for (const index of this.unique.values()) index.owners.delete(this.tupleKey(index, doc));
  }
}
