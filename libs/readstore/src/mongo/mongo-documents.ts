import type { Document, Filter as MongoFilter, Sort } from 'mongodb';
import type { Doc, FieldCondition, Filter, Scalar, SortSpec } from '../document-store.port';
import { padPosition, unpadPosition } from '../position-padding';

/** Internal collections; user collections may not start with this prefix. */
const INTERNAL_PREFIX = 'gx.';
export const CHECKPOINTS_COLLECTION = `${INTERNAL_PREFIX}checkpoints`;
export const LEASES_COLLECTION = `${INTERNAL_PREFIX}leases`;

// The same names the SQLite adapter accepts: no empty segment, no `$`, so nothing reaches an operator.
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const OPERATORS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$exists']);

/** A stored document: `_position`, when present, as a padded string. */
export type StoredDoc = Document & { _id: string; _position?: string };

export { padPosition, unpadPosition };

/** The MongoDB collection of a port collection: the same name, refused when MongoDB or the adapter cannot hold it. */
export function collectionName(collection: string): string {
  if (
    typeof collection !== 'string' ||
    collection.length === 0 ||
    collection.length > 200 ||
    /[$\0]/.test(collection) ||
    collection.startsWith('system.') ||
    collection.startsWith(INTERNAL_PREFIX)
  ) {
    throw new TypeError(`invalid collection name: ${JSON.stringify(collection)}`);
  }
  return collection;
}

/** Reject anything but plain dotted identifiers, so that a field name never acts as an operator. */
export function checkField(field: string): string {
  if (typeof field !== 'string' || !FIELD.test(field))
    throw new TypeError(`invalid field name: ${JSON.stringify(field)}`);
  return field;
}

/**
 * A document as it is stored: JSON-normalised (as the SQLite adapter stores JSON, so `undefined`
 * fields vanish and dates become strings on both) and with its position padded.
 */
export function toStored(collection: string, doc: Doc): StoredDoc {
  if (doc === null || typeof doc !== 'object' || typeof doc._id !== 'string' || doc._id.length === 0) {
    throw new TypeError(`document for ${collection} needs a non-empty string _id`);
  }
  const stored = JSON.parse(JSON.stringify(doc)) as StoredDoc;
  if (doc._position !== undefined) stored._position = padPosition(doc._position);
  return stored;
}

/** A stored document as the port returns it. */
export function fromStored<T extends Doc>(doc: Document | null): T | null {
  if (!doc) return null;
  return (typeof doc._position === 'string' ? { ...doc, _position: unpadPosition(doc._position) } : doc) as T;
}

function scalar(value: unknown, field: string): Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new TypeError(`unsupported filter value on ${field}: ${JSON.stringify(value)}`);
}

function condition(field: string, cond: FieldCondition): unknown {
  // Positions are stored padded: compare with padded values, or positions of different lengths misorder.
  const value = (v: unknown): Scalar => {
    const checked = scalar(v, field);
    return field === '_position' && typeof checked === 'string' ? padPosition(checked) : checked;
  };
  if (cond === null || typeof cond !== 'object') return value(cond);
  const out: Document = {};
  for (const [op, operand] of Object.entries(cond)) {
    if (!OPERATORS.has(op)) throw new TypeError(`unsupported filter operator ${op} on ${field}`);
    if (operand === undefined) continue;
    if (op === '$in') {
      if (!Array.isArray(operand)) throw new TypeError('$in needs an array');
      out.$in = operand.map(value);
    } else if (op === '$exists') {
      out.$exists = Boolean(operand);
    } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') {
      if (typeof operand !== 'string' && typeof operand !== 'number')
        throw new TypeError(`${op} needs a number or a string, got ${JSON.stringify(operand)}`);
      out[op] = value(operand);
    } else {
      out[op] = value(operand);
    }
  }
  return out;
}

/** The port's filter as a MongoDB filter: the same shape, after checking every name, operator and value. */
export function toMongoFilter(filter: Filter | undefined): MongoFilter<StoredDoc> {
  const out: Document = {};
  for (const [field, cond] of Object.entries(filter ?? {})) {
    if (cond === undefined) continue;
    out[checkField(field)] = condition(field, cond);
  }
  return out as MongoFilter<StoredDoc>;
}

/** The port's sort, with `_id` as the last key so that paging is stable (as in the SQLite adapter). */
export function toMongoSort(sort: SortSpec | undefined): Sort {
  const keys: Array<[string, 1 | -1]> = (sort ?? []).map(([field, direction]) => {
    if (direction !== 1 && direction !== -1) throw new TypeError(`sort direction of ${field} must be 1 or -1`);
    return [checkField(field), direction];
  });
  if (!keys.some(([field]) => field === '_id')) keys.push(['_id', 1]);
  return keys;
}
