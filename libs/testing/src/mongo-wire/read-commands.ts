import { Aggregator } from 'mingo';
import { Long, type Document } from 'mongodb';
import { collectionArg, documentArg, numberArg, type CommandContext, type CommandHandler } from './wire-engine';
import { WireError } from './wire-errors';

/** Stages a standalone mongod has but the double does not model; refused instead of silently ignored. */
const UNSUPPORTED_STAGES = new Set([
  '$out',
  '$merge',
  '$lookup',
  '$graphLookup',
  '$unionWith',
  '$currentOp',
  '$collStats',
  '$indexStats',
]);

function hasKeys(doc: Document | undefined): doc is Document {
  return doc !== undefined && Object.keys(doc).length > 0;
}

/** Matching documents of a collection (none when it does not exist) run through a mingo pipeline. */
function run(ctx: CommandContext, collection: string, pipeline: Document[]): Document[] {
  const docs = ctx.engine.collection(ctx.db, collection)?.all() ?? [];
  return pipeline.length === 0 ? docs : new Aggregator(pipeline, {}).run(docs);
}

function toLong(value: unknown): Long {
  if (Long.isLong(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value)) return Long.fromNumber(value);
  throw new WireError('BadValue', 'cursor id must be a 64-bit integer');
}

/** find: filter, sort, skip, limit (negative = one batch), projection, batchSize, singleBatch. */
const find: CommandHandler = (ctx) => {
  const collection = collectionArg(ctx);
  const filter = documentArg(ctx.body, 'filter');
  const sort = documentArg(ctx.body, 'sort');
  const projection = documentArg(ctx.body, 'projection');
  const skip = numberArg(ctx.body, 'skip') ?? 0;
  const limit = numberArg(ctx.body, 'limit') ?? 0;
  const batchSize = numberArg(ctx.body, 'batchSize');
  if (skip < 0 || (batchSize !== undefined && batchSize < 0))
    throw new WireError('BadValue', 'skip and batchSize must be non-negative');
  // Sort, skip and limit apply before the projection, so a sort may use fields the projection drops.
  const pipeline: Document[] = [];
  if (hasKeys(filter)) pipeline.push({ $match: filter });
  if (hasKeys(sort)) pipeline.push({ $sort: sort });
  if (skip > 0) pipeline.push({ $skip: skip });
  if (limit !== 0) pipeline.push({ $limit: Math.abs(limit) });
  if (hasKeys(projection)) pipeline.push({ $project: projection });
  const docs = run(ctx, collection, pipeline);
  const singleBatch = ctx.body.singleBatch === true || limit < 0;
  return ctx.engine.openCursor(`${ctx.db}.${collection}`, docs, batchSize, singleBatch);
};

const getMore: CommandHandler = (ctx) => {
  const collection = ctx.body.collection;
  if (typeof collection !== 'string') throw new WireError('BadValue', "getMore needs the 'collection' field");
  return ctx.engine.getMore(toLong(ctx.body.getMore), `${ctx.db}.${collection}`, numberArg(ctx.body, 'batchSize'));
};

const killCursors: CommandHandler = (ctx) => {
  const ids = Array.isArray(ctx.body.cursors) ? ctx.body.cursors.map(toLong) : [];
  return ctx.engine.killCursors(`${ctx.db}.${collectionArg(ctx)}`, ids);
};

/** aggregate on a collection; `$changeStream` fails as on a standalone, which has no oplog to watch. */
const aggregate: CommandHandler = (ctx) => {
  const pipeline = ctx.body.pipeline;
  if (!Array.isArray(pipeline)) throw new WireError('BadValue', "'pipeline' must be an array");
  const stages = pipeline.map((stage: Document) => Object.keys(stage)[0]);
  // Also for a database-wide stream (`aggregate: 1`), as on a standalone.
  if (stages[0] === '$changeStream')
    throw new WireError('Location40573', 'The $changeStream stage is only supported on replica sets');
  if (typeof ctx.body.aggregate !== 'string')
    throw new WireError('BadValue', 'the wire double supports aggregate on a collection only');
  const unsupported = stages.find((stage) => UNSUPPORTED_STAGES.has(stage) || stage === '$changeStream');
  if (unsupported) throw new WireError('BadValue', `the wire double does not support ${unsupported}`);
  const cursor = documentArg(ctx.body, 'cursor');
  if (!cursor)
    throw new WireError(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  const docs = run(ctx, ctx.body.aggregate, pipeline as Document[]);
  return ctx.engine.openCursor(`${ctx.db}.${ctx.body.aggregate}`, docs, numberArg(cursor, 'batchSize'));
};

/** count (estimatedDocumentCount and legacy callers); countDocuments goes through aggregate. */
const count: CommandHandler = (ctx) => {
  const query = documentArg(ctx.body, 'query');
  const pipeline: Document[] = hasKeys(query) ? [{ $match: query }] : [];
  const skip = numberArg(ctx.body, 'skip') ?? 0;
  const limit = numberArg(ctx.body, 'limit') ?? 0;
  if (skip > 0) pipeline.push({ $skip: skip });
  if (limit !== 0) pipeline.push({ $limit: Math.abs(limit) });
  return { n: run(ctx, collectionArg(ctx), pipeline).length, ok: 1 };
};

/** The read commands, by name. */
export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, aggregate, count };
