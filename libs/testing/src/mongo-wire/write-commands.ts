import { Aggregator, Query } from 'mingo';
import { ObjectId, type Document } from 'mongodb';
import { valueKey, type WireCollection } from './wire-collection';
import { collectionArg, documentArg, type CommandContext, type CommandHandler } from './wire-engine';
import { asWireError, WireError } from './wire-errors';
import { applyUpdate, upsertDocument, type UpdateSpec } from './wire-update';

/** Documents of a collection matching a filter, in natural order (or by `sort`). */
function matching(collection: WireCollection | undefined, filter: Document | undefined, sort?: Document): Document[] {
  if (!collection) return [];
  const query = new Query(filter ?? {}, {});
  const docs = collection.all().filter((doc) => query.test(doc));
  return sort && Object.keys(sort).length > 0 ? new Aggregator([{ $sort: sort }], {}).run(docs) : docs;
}

function statementsArg(body: Document, field: string): Document[] {
  const value = body[field];
  if (!Array.isArray(value)) throw new WireError('BadValue', `'${field}' must be an array`);
  return value as Document[];
}

/**
 * Runs the statements of a write command one by one. Ordered (the default) stops at the first
 * failure; unordered carries on. Failures become `writeErrors` with the statement's index, and the
 * command itself still answers ok: 1, as mongod does.
 */
function eachStatement(
  body: Document,
  statements: Document[],
  apply: (statement: Document, index: number) => void,
): Document[] {
  const ordered = body.ordered !== false;
  const writeErrors: Document[] = [];
  for (const [index, statement] of statements.entries()) {
    try {
      apply(statement, index);
    } catch (err) {
      writeErrors.push(asWireError(err).toWriteError(index));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length > 0 ? { ...reply, writeErrors, ok: 1 } : { ...reply, ok: 1 };
}

const insert: CommandHandler = (ctx) => {
  const name = collectionArg(ctx);
  let n = 0;
  const writeErrors = eachStatement(ctx.body, statementsArg(ctx.body, 'documents'), (doc) => {
    // Drivers add _id client-side; a document without one gets an ObjectId here, first, as in mongod.
    const stored = '_id' in doc ? doc : { _id: new ObjectId(), ...doc };
    ctx.engine.ensureCollection(ctx.db, name).collection.insert(stored);
    n += 1;
  });
  return withErrors({ n }, writeErrors);
};

interface UpdateOutcome {
  matched: number;
  modified: number;
  upserted?: unknown;
}

/** One update statement `{ q, u, upsert, multi, arrayFilters }`; an upsert that matched nothing inserts. */
function updateOne(ctx: CommandContext, name: string, statement: Document): UpdateOutcome {
  const filter = documentArg(statement, 'q') ?? {};
  const spec = statement.u as UpdateSpec;
  if (spec === null || typeof spec !== 'object')
    throw new WireError('FailedToParse', "'u' must be a document or a pipeline");
  const arrayFilters = Array.isArray(statement.arrayFilters) ? (statement.arrayFilters as Document[]) : undefined;
  const collection = ctx.engine.collection(ctx.db, name);
  const matches = matching(collection, filter);
  const targets = statement.multi === true ? matches : matches.slice(0, 1);
  if (targets.length === 0) {
    if (statement.upsert !== true) return { matched: 0, modified: 0 };
    // A conditional upsert whose filter failed on an existing _id ends here with E11000, as in mongod.
    const doc = upsertDocument(filter, spec, arrayFilters);
    ctx.engine.ensureCollection(ctx.db, name).collection.insert(doc);
    return { matched: 0, modified: 0, upserted: doc._id };
  }
  let modified = 0;
  for (const current of targets) {
    const next = applyUpdate(current, spec, arrayFilters);
    if (valueKey(next) === valueKey(current)) continue;
    collection?.replace(current, next);
    modified += 1;
  }
  return { matched: targets.length, modified };
}

const update: CommandHandler = (ctx) => {
  const name = collectionArg(ctx);
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = eachStatement(ctx.body, statementsArg(ctx.body, 'updates'), (statement, index) => {
    const outcome = updateOne(ctx, name, statement);
    n += outcome.matched + (outcome.upserted === undefined ? 0 : 1);
    nModified += outcome.modified;
    if (outcome.upserted !== undefined) upserted.push({ index, _id: outcome.upserted });
  });
  return withErrors({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, writeErrors);
};

const remove: CommandHandler = (ctx) => {
  const name = collectionArg(ctx);
  let n = 0;
  const writeErrors = eachStatement(ctx.body, statementsArg(ctx.body, 'deletes'), (statement) => {
    const collection = ctx.engine.collection(ctx.db, name);
    const matches = matching(collection, documentArg(statement, 'q'));
    const targets = statement.limit === 1 ? matches.slice(0, 1) : matches;
    for (const doc of targets) collection?.remove(doc);
    n += targets.length;
  });
  return withErrors({ n }, writeErrors);
};

function project(doc: Document | null, fields: Document | undefined): Document | null {
  if (!doc || !fields || Object.keys(fields).length === 0) return doc;
  return new Aggregator([{ $project: fields }], {}).run([doc])[0] ?? null;
}

/** findAndModify: remove, or update (`new` for the updated document), with upsert; E11000 fails the command. */
const findAndModify: CommandHandler = (ctx) => {
  const name = collectionArg(ctx);
  const filter = documentArg(ctx.body, 'query') ?? {};
  const fields = documentArg(ctx.body, 'fields');
  const collection = ctx.engine.collection(ctx.db, name);
  const [found] = matching(collection, filter, documentArg(ctx.body, 'sort'));
  if (ctx.body.remove === true) {
    if (found) collection?.remove(found);
    return { lastErrorObject: { n: found ? 1 : 0 }, value: project(found ?? null, fields), ok: 1 };
  }
  const spec = ctx.body.update as UpdateSpec | undefined;
  if (spec === undefined || spec === null || typeof spec !== 'object')
    throw new WireError('FailedToParse', 'Either an update or remove=true must be specified');
  const arrayFilters = Array.isArray(ctx.body.arrayFilters) ? (ctx.body.arrayFilters as Document[]) : undefined;
  const returnNew = ctx.body.new === true;
  if (found) {
    const next = applyUpdate(found, spec, arrayFilters);
    if (valueKey(next) !== valueKey(found)) collection?.replace(found, next);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: project(returnNew ? next : found, fields),
      ok: 1,
    };
  }
  if (ctx.body.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const doc = upsertDocument(filter, spec, arrayFilters);
  ctx.engine.ensureCollection(ctx.db, name).collection.insert(doc);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
    value: project(returnNew ? doc : null, fields),
    ok: 1,
  };
};

/** The write commands, by name (`findandmodify` is mongod's lower-case alias). */
export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
  findAndModify,
  findandmodify: findAndModify,
};
