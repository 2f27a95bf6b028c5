import { Query } from 'mingo';
import type { Document } from 'mongodb';
import { defaultIndexName, type IndexModel } from './wire-collection';
import { collectionArg, documentArg, type CommandContext, type CommandHandler } from './wire-engine';
import { WireError } from './wire-errors';
import { MAX_MESSAGE_SIZE } from './wire-protocol';

/** The server the double stands for: a standalone mongod 6.0 (wire version 17). */
export const SERVER_VERSION = '6.0.19';
const MAX_WIRE_VERSION = 17;
const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

/**
 * The handshake answer of a standalone: writable primary, no setName, sessions supported (so the
 * driver sends lsid but, seeing a standalone, never txnNumber for retryable writes). It has no
 * topologyVersion, so the driver monitors by polling instead of holding an awaitable hello open.
 */
function handshake(ctx: CommandContext, legacy: boolean): Document {
  return {
    ...(ctx.body.helloOk === true ? { helloOk: true } : {}),
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  versionArray: [...SERVER_VERSION.split('.').map(Number), 0],
  gitVersion: 'mongo-wire-double',
  bits: 64,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['devnull', 'ephemeralForTest', 'wiredTiger'],
  ok: 1,
});

const listCollections: CommandHandler = (ctx) => {
  const filter = documentArg(ctx.body, 'filter') ?? {};
  const query = new Query(filter, {});
  const docs = ctx.engine
    .collectionNames(ctx.db)
    .map((name) => ({
      name,
      type: 'collection',
      options: {},
      info: { readOnly: false },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    }))
    .filter((doc) => query.test(doc))
    .map((doc) => (ctx.body.nameOnly === true ? { name: doc.name, type: doc.type } : doc));
  const cursor = documentArg(ctx.body, 'cursor');
  return ctx.engine.openCursor(
    `${ctx.db}.$cmd.listCollections`,
    docs,
    typeof cursor?.batchSize === 'number' ? cursor.batchSize : undefined,
  );
};

const listIndexes: CommandHandler = (ctx) => {
  const name = collectionArg(ctx);
  const collection = ctx.engine.collection(ctx.db, name);
  if (!collection) throw new WireError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`);
  const docs = collection.indexes().map((index) => ({
    v: 2,
    key: index.key,
    name: index.name,
    ...(index.unique && index.name !== '_id_' ? { unique: true } : {}),
  }));
  return ctx.engine.openCursor(`${ctx.db}.$cmd.listIndexes.${name}`, docs, undefined);
};

/** Options the double models; others (sparse, partial, TTL, text…) are refused rather than ignored. */
const INDEX_FIELDS = new Set(['key', 'name', 'unique', 'v', 'background']);

function indexModel(spec: Document): IndexModel {
  const unknown = Object.keys(spec).find((field) => !INDEX_FIELDS.has(field));
  if (unknown) throw new WireError('BadValue', `the wire double does not support the index option '${unknown}'`);
  const key = spec.key as Document | undefined;
  if (!key || typeof key !== 'object' || Object.keys(key).length === 0)
    throw new WireError('BadValue', "Index spec needs a non-empty 'key'");
  for (const [field, direction] of Object.entries(key)) {
    if (direction !== 1 && direction !== -1)
      throw new WireError(
        'BadValue',
        `the wire double supports ascending/descending keys only, not ${field}: ${String(direction)}`,
      );
  }
  const name = typeof spec.name === 'string' ? spec.name : defaultIndexName(key);
  return { name, key, unique: spec.unique === true };
}

const createIndexes: CommandHandler = (ctx) => {
  const name = collectionArg(ctx);
  if (!Array.isArray(ctx.body.indexes) || ctx.body.indexes.length === 0)
    throw new WireError('BadValue', 'Must specify at least one index to create');
  const models = (ctx.body.indexes as Document[]).map(indexModel);
  const { collection, created } = ctx.engine.ensureCollection(ctx.db, name);
  const before = collection.indexes().length;
  let added = 0;
  for (const model of models) if (collection.createIndex(model)) added += 1;
  return {
    numIndexesBefore: before,
    numIndexesAfter: before + added,
    createdCollectionAutomatically: created,
    ...(added === 0 ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
};

/** drop of a missing collection fails with NamespaceNotFound, as on mongod 6.0 (drivers ignore it). */
const drop: CommandHandler = (ctx) => {
  const name = collectionArg(ctx);
  const indexes = ctx.engine.collection(ctx.db, name)?.indexes().length;
  if (indexes === undefined || !ctx.engine.dropCollection(ctx.db, name))
    throw new WireError('NamespaceNotFound', 'ns not found');
  return { ns: `${ctx.db}.${name}`, nIndexesWas: indexes, ok: 1 };
};

const dropDatabase: CommandHandler = (ctx) => {
  ctx.engine.dropDatabase(ctx.db);
  return { ok: 1 };
};

const ok: CommandHandler = () => ({ ok: 1 });

/** Handshake, diagnostics and catalog commands, by name. */
export const adminCommands: Record<string, CommandHandler> = {
  hello: (ctx) => handshake(ctx, false),
  isMaster: (ctx) => handshake(ctx, true),
  ismaster: (ctx) => handshake(ctx, true),
  buildInfo,
  buildinfo: buildInfo,
  ping: ok,
  endSessions: ok,
  listCollections,
  listIndexes,
  createIndexes,
  drop,
  dropDatabase,
};
