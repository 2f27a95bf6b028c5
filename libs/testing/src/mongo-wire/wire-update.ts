import { Aggregator, update as applyOperators } from 'mingo';
import { ObjectId, type Document } from 'mongodb';
import { cloneDocument, valueKey } from './wire-collection';
import { WireError } from './wire-errors';

/** The `u` of an update statement: operators (`$set`…), a replacement document, or a pipeline. */
export type UpdateSpec = Document | Document[];

const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

function isPipeline(spec: UpdateSpec): spec is Document[] {
  return Array.isArray(spec);
}

/** A replacement has no `$`-prefixed field; a document mixing both kinds is rejected like mongod does. */
function isReplacement(spec: Document): boolean {
  const keys = Object.keys(spec);
  const operators = keys.filter((key) => key.startsWith('$')).length;
  if (operators > 0 && operators < keys.length) {
    const field = keys.find((key) => !key.startsWith('$'));
    throw new WireError(
      'FailedToParse',
      `Unknown modifier: ${field}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  return operators === 0;
}

/** `_id` first, as mongod stores it. */
function withIdFirst(id: unknown, doc: Document): Document {
  const { _id: _ignored, ...rest } = doc;
  return { _id: id, ...rest };
}

function runPipeline(doc: Document, pipeline: Document[]): Document {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (!PIPELINE_STAGES.has(name))
      throw new WireError('BadValue', `${name} is not allowed to be used within an update`);
  }
  const [result] = new Aggregator(pipeline, {}).run([doc]);
  if (!result || typeof result !== 'object')
    throw new WireError('BadValue', 'the update pipeline must produce a document');
  return result;
}

function runOperators(
  doc: Document,
  spec: Document,
  inserting: boolean,
  arrayFilters: Document[] | undefined,
): Document {
  // mingo has no $setOnInsert: it is a $set when the upsert inserts, and nothing otherwise.
  const { $setOnInsert, ...operators } = spec as { $setOnInsert?: Document } & Document;
  const modifier: Document = { ...operators };
  if (inserting && $setOnInsert) modifier.$set = { ...(modifier.$set as Document | undefined), ...$setOnInsert };
  const next = cloneDocument(doc);
  try {
    if (Object.keys(modifier).length > 0) applyOperators(next, modifier, arrayFilters);
  } catch (err) {
    // mingo refuses a change of _id with mongod's own message; give it mongod's code too.
    const message = err instanceof Error ? err.message : String(err);
    throw /immutable field '_id'/.test(message) ? new WireError('ImmutableField', message.replace(/\.$/, '')) : err;
  }
  return next;
}

/**
 * The document an update statement turns `current` into (a new object; `current` is untouched).
 * Changing `_id` is refused with ImmutableField, as in mongod.
 */
export function applyUpdate(current: Document, spec: UpdateSpec, arrayFilters?: Document[]): Document {
  let next: Document;
  if (isPipeline(spec)) next = runPipeline(cloneDocument(current), spec);
  else if (isReplacement(spec)) next = cloneDocument({ ...spec, _id: '_id' in spec ? spec._id : current._id });
  else next = runOperators(current, spec, false, arrayFilters);
  if (!('_id' in next)) next._id = current._id;
  if (valueKey(next._id) !== valueKey(current._id)) {
    throw new WireError(
      'ImmutableField',
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${valueKey(next._id)}`,
    );
  }
  return withIdFirst(current._id, next);
}

function isOperatorObject(value: unknown): value is Document {
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    (value as { _bsontype?: unknown })._bsontype
  )
    return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

function setPath(doc: Document, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = doc;
  for (const key of keys.slice(0, -1)) {
    if (target[key] === null || typeof target[key] !== 'object') target[key] = {};
    target = target[key] as Document;
  }
  target[keys[keys.length - 1]] = value;
}

/** The equality fields of a filter (including under `$and` and `$eq`), which seed an upserted document. */
function upsertSeed(filter: Document, seed: Document = {}): Document {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) upsertSeed(clause as Document, seed);
    } else if (field.startsWith('$')) {
      continue; // $or, $nor, $expr… say nothing certain about the new document
    } else if (!isOperatorObject(condition)) {
      setPath(seed, field, condition);
    } else if ('$eq' in condition) {
      setPath(seed, field, condition.$eq);
    }
  }
  return seed;
}

/** The document an upsert inserts when its filter matched nothing; `_id` from the filter or a new ObjectId. */
export function upsertDocument(filter: Document, spec: UpdateSpec, arrayFilters?: Document[]): Document {
  const seed = cloneDocument(upsertSeed(filter));
  let doc: Document;
  if (isPipeline(spec)) doc = runPipeline(seed, spec);
  else if (isReplacement(spec)) doc = cloneDocument(spec);
  else doc = runOperators(seed, spec, true, arrayFilters);
  const id = '_id' in doc ? doc._id : '_id' in seed ? seed._id : new ObjectId();
  if ('_id' in seed && valueKey(id) !== valueKey(seed._id)) {
    throw new WireError(
      'ImmutableField',
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${valueKey(id)}`,
    );
  }
  return withIdFirst(id, doc);
}
