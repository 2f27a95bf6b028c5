import { MongoClient, type AnyBulkWriteOperation, type Collection, type Db, type MongoClientOptions } from 'mongodb';
import type {
  CollectionSpec,
  Doc,
  DocumentStore,
  Filter,
  FindOptions,
  LeaseHolder,
  WriteBatch,
  WriteOp,
} from '../document-store.port';
import {
  CHECKPOINTS_COLLECTION,
  checkField,
  collectionName,
  fromStored,
  LEASES_COLLECTION,
  padPosition,
  toMongoFilter,
  toMongoSort,
  toStored,
  unpadPosition,
  type StoredDoc,
} from './mongo-documents';
import { duplicateKey, isIdConflict, toDuplicateKeyError } from './mongo-errors';

/** Options of {@link MongoDocumentStore}. */
export interface MongoDocumentStoreOptions {
  /** MongoDB connection string, e.g. `mongodb://mongo:27017`. */
  uri: string;
  /** Database of the read models (default: the one named in the URI, else the driver's default `test`). */
  dbName?: string;
  /** Further driver options (timeouts, pool size); the adapter relies on none of them. */
  clientOptions?: MongoClientOptions;
}

interface CheckpointDoc {
  _id: string;
  position: string;
}

interface LeaseDoc {
  _id: string;
  owner: string;
  expiresAt: number;
}

/** One bulk write: the ops of a batch on one collection, in their order in the batch. */
interface Run {
  collection: string;
  ops: WriteOp[];
  models: Array<AnyBulkWriteOperation<StoredDoc>>;
}

/**
 * The replacement of a put at `position`: the new document when the stored one is older or has no
 * position, the stored one unchanged otherwise. An update pipeline decides this inside one
 * single-document write, so it is atomic without a transaction, an upsert of a missing document
 * takes the new one, and a replayed put is a no-op rather than an E11000 that would stop an
 * ordered bulk write. `$literal` keeps document values that start with `$` from being read as
 * expressions; `$ifNull` makes a missing position compare as older than any.
 */
function guardedPut(doc: StoredDoc, position: string): AnyBulkWriteOperation<StoredDoc> {
  const newer = { $lt: [{ $ifNull: ['$_position', ''] }, position] };
  return {
    updateOne: {
      filter: { _id: doc._id },
      update: [{ $replaceWith: { $cond: [newer, { $literal: doc }, '$$ROOT'] } }],
      upsert: true,
    },
  };
}

function bulkOp(op: WriteOp): AnyBulkWriteOperation<StoredDoc> {
  if (op.kind === 'put') {
    const doc = toStored(op.collection, op.doc);
    if (doc._position === undefined)
      return { replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } };
    return guardedPut(doc, doc._position);
  }
  if (typeof op.id !== 'string' || op.id.length === 0)
    throw new TypeError(`delete in ${op.collection}: id must be a non-empty string`);
  if (op.position === undefined) return { deleteOne: { filter: { _id: op.id } } };
  const position = padPosition(op.position);
  return {
    deleteOne: { filter: { _id: op.id, $or: [{ _position: { $exists: false } }, { _position: { $lt: position } }] } },
  };
}

/**
 * Group a batch into one run per collection (in order of first appearance, each keeping the batch's
 * order), validating every op before anything is written. Ops on different collections touch
 * different documents, so only the order within a collection matters; the position guards make
 * a replay of any prefix harmless. The projector orders a batch by document, so a rebuild's batch
 * interleaves orders, campaigns and deadlines: one bulk write per consecutive run sent about one
 * command per event, one per collection sends a handful per batch.
 */
function runs(ops: WriteOp[]): Run[] {
  const grouped = new Map<string, Run>();
  for (const op of ops) {
    const collection = collectionName(op.collection);
    let run = grouped.get(collection);
    if (!run) {
      run = { collection, ops: [], models: [] };
      grouped.set(collection, run);
    }
    run.ops.push(op);
    run.models.push(bulkOp(op));
  }
  return [...grouped.values()];
}

/**
 * The production DocumentStore on MongoDB (`mongodb` 7 driver), for a standalone server as well as
 * a replica set: it needs neither transactions nor change streams. A batch is one ordered bulk write
 * per collection it touches, each put or delete guarded by the document's position, then the
 * checkpoint; a crash in between leaves the checkpoint behind documents that a replay leaves as they are.
 */
export class MongoDocumentStore implements DocumentStore {
  private readonly client: MongoClient;
  private readonly db: Db;
  /** Fields of the unique indexes this instance declared, by collection and index name, to name a duplicate key. */
  private readonly uniqueFields = new Map<string, string[]>();

  constructor(options: MongoDocumentStoreOptions) {
    // The driver connects lazily on the first operation and reconnects by itself.
    this.client = new MongoClient(options.uri, { ignoreUndefined: true, ...options.clientOptions });
    this.db = this.client.db(options.dbName);
  }

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    const collection = this.collection(spec.name);
    const indexes = (spec.indexes ?? []).map((index) => {
      if (index.fields.length === 0) throw new TypeError(`index on ${spec.name} needs at least one field`);
      const key = Object.fromEntries(index.fields.map(([field, direction]) => [checkField(field), direction]));
      // The name mongod gives the index by default, which its E11000 messages quote.
      const name = index.fields.map(([field, direction]) => `${field}_${direction}`).join('_');
      if (index.unique)
        this.uniqueFields.set(
          `${spec.name}\u0000${name}`,
          index.fields.map(([field]) => field),
        );
      return { key, name, ...(index.unique ? { unique: true } : {}) };
    });
    // MongoDB creates a collection on first write; only its declared indexes need creating here.
    if (indexes.length === 0) return;
    try {
      await collection.createIndexes(indexes);
    } catch (err) {
      throw this.duplicateKeyError(err, spec.name);
    }
  }

  async dropCollection(name: string): Promise<void> {
    await this.collection(name).drop();
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    return fromStored<T>(await this.collection(collection).findOne({ _id: id }));
  }

  async find<T extends Doc = Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]> {
    const limit = options?.limit ?? 0; // 0 means none, in MongoDB as in the port
    const skip = options?.skip ?? 0;
    if (!(Number.isSafeInteger(limit) && Number.isSafeInteger(skip) && limit >= 0 && skip >= 0)) {
      throw new RangeError('limit and skip must be non-negative integers');
    }
    const cursor = this.collection(collection).find(toMongoFilter(filter), {
      sort: toMongoSort(options?.sort),
      skip,
      limit,
    });
    const docs = await cursor.toArray();
    return docs.map((doc) => fromStored<T>(doc) as T);
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    return this.collection(collection).countDocuments(toMongoFilter(filter));
  }

  async write(batch: WriteBatch): Promise<void> {
    const grouped = runs(batch.ops);
    const checkpoint = batch.checkpoint && {
      name: batch.checkpoint.name,
      position: padPosition(batch.checkpoint.position),
    };
    for (const run of grouped) {
      try {
        await this.collection(run.collection).bulkWrite(run.models, { ordered: true });
      } catch (err) {
        throw this.duplicateKeyError(err, run.collection, run.ops);
      }
    }
    if (checkpoint) {
      await this.db
        .collection<CheckpointDoc>(CHECKPOINTS_COLLECTION)
        .updateOne({ _id: checkpoint.name }, { $set: { position: checkpoint.position } }, { upsert: true });
    }
  }

  async insertIfAbsent(collection: string, doc: Doc): Promise<boolean> {
    try {
      await this.collection(collection).insertOne(toStored(collection, doc));
      return true;
    } catch (err) {
      const key = duplicateKey(err);
      if (key && isIdConflict(key)) return false;
      throw this.duplicateKeyError(err, collection);
    }
  }

  async getCheckpoint(name: string): Promise<string | null> {
    const doc = await this.db.collection<CheckpointDoc>(CHECKPOINTS_COLLECTION).findOne({ _id: name });
    return doc ? unpadPosition(doc.position) : null;
  }

  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    if (!(Number.isFinite(ttlMs) && ttlMs > 0)) throw new RangeError(`lease ttl must be positive, got ${ttlMs}`);
    const now = Date.now();
    try {
      // Renewal by the owner or takeover of an expired lease match the filter; a missing lease is
      // upserted; a lease held by another matches nothing, so the upsert collides on _id: not ours.
      // Two takers of one expired lease race on a single document, and only one matches.
      await this.db
        .collection<LeaseDoc>(LEASES_COLLECTION)
        .findOneAndUpdate(
          { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] },
          { $set: { owner, expiresAt: now + Math.ceil(ttlMs) } },
          { upsert: true },
        );
      return true;
    } catch (err) {
      const key = duplicateKey(err);
      if (key && isIdConflict(key)) return false;
      throw err;
    }
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.db.collection<LeaseDoc>(LEASES_COLLECTION).deleteOne({ _id: name, owner });
  }

  async leaseHolder(name: string): Promise<LeaseHolder | null> {
    const doc = await this.db
      .collection<LeaseDoc>(LEASES_COLLECTION)
      .findOne({ _id: name, expiresAt: { $gt: Date.now() } });
    return doc ? { owner: doc.owner, expiresAt: doc.expiresAt } : null;
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** The port's DuplicateKeyError for an E11000 (naming the key as far as known); other errors as they are. */
  private duplicateKeyError(err: unknown, collection: string, ops?: WriteOp[]): unknown {
    const key = duplicateKey(err);
    if (!key) return err;
    const fields = key.index === undefined ? undefined : this.uniqueFields.get(`${collection}\u0000${key.index}`);
    const op = key.opIndex === undefined ? undefined : ops?.[key.opIndex];
    return toDuplicateKeyError(collection, key, fields, op?.kind === 'put' ? op.doc : undefined);
  }

  private collection(name: string): Collection<StoredDoc> {
    return this.db.collection<StoredDoc>(collectionName(name));
  }
}
