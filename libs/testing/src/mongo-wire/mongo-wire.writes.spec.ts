import { randomUUID } from 'node:crypto';
import { MongoBulkWriteError, MongoClient, type Collection, type MongoServerError } from 'mongodb';
import { startMongoWire, type MongoWire } from './mongo-wire';

interface Item {
  _id: string;
  code?: string | null;
  v?: number;
  created?: string;
  note?: string;
}

/** The double through the real `mongodb` driver: writes, unique indexes and E11000 as mongod reports them. */
describe('MongoDB wire double: writes', () => {
  let wire: MongoWire;
  let client: MongoClient;
  beforeAll(async () => {
    wire = await startMongoWire();
    client = new MongoClient(wire.uri);
  });
  afterAll(async () => {
    await client.close();
    await wire.stop();
  });
  const dbName = `w_${randomUUID().slice(0, 8)}`;
  const fresh = (): Collection<Item> => client.db(dbName).collection<Item>(`c_${randomUUID().slice(0, 8)}`);
  const failure = <E = MongoServerError>(promise: Promise<unknown>): Promise<E> =>
    promise.then(
      () => {
        throw new Error('expected the write to fail');
      },
      (err: E) => err,
    );

  it('keeps string ids and refuses a second document with the same id, in mongod E11000 form', async () => {
    const items = fresh();
    await items.insertOne({ _id: 'a', v: 1 });
    const err = await failure(items.insertOne({ _id: 'a', v: 2 }));
    expect(err).toMatchObject({
      code: 11000,
      message: `E11000 duplicate key error collection: ${dbName}.${items.collectionName} index: _id_ dup key: { _id: "a" }`,
      keyPattern: { _id: 1 },
      keyValue: { _id: 'a' },
    });
    expect(await items.find().toArray()).toEqual([{ _id: 'a', v: 1 }]);
  });

  it('enforces unique indexes on insert, update, replace and upsert, counting a missing field as null', async () => {
    const items = fresh();
    await items.createIndex({ code: 1 }, { unique: true });
    await items.insertMany([
      { _id: 'a', code: 'X' },
      { _id: 'b', code: 'Y' },
    ]);
    const taken = { code: 11000, keyPattern: { code: 1 }, keyValue: { code: 'X' } };
    expect(await failure(items.insertOne({ _id: 'c', code: 'X' }))).toMatchObject(taken);
    expect(await failure(items.updateOne({ _id: 'b' }, { $set: { code: 'X' } }))).toMatchObject(taken);
    expect(await failure(items.replaceOne({ _id: 'b' }, { code: 'X' }))).toMatchObject(taken);
    expect(await failure(items.updateOne({ _id: 'new' }, { $set: { code: 'X' } }, { upsert: true }))).toMatchObject(
      taken,
    );
    await items.updateOne({ _id: 'a' }, { $set: { code: 'X', v: 2 } }); // its own key is no conflict
    await items.insertOne({ _id: 'n1' });
    const nulls = await failure(items.insertOne({ _id: 'n2', code: null }));
    expect(nulls).toMatchObject({ code: 11000, keyValue: { code: null } });
    expect(nulls.message).toContain('index: code_1 dup key: { code: null }');
    expect(await items.find({}, { sort: { _id: 1 } }).toArray()).toEqual([
      { _id: 'a', code: 'X', v: 2 },
      { _id: 'b', code: 'Y' },
      { _id: 'n1' },
    ]);
  });

  it('refuses to build a unique index over duplicate values', async () => {
    const items = fresh();
    await items.insertMany([
      { _id: 'a', code: 'X' },
      { _id: 'b', code: 'X' },
    ]);
    expect(await failure(items.createIndex({ code: 1 }, { unique: true }))).toMatchObject({ code: 11000 });
    expect((await items.listIndexes().toArray()).map((index) => index.name)).toEqual(['_id_']);
  });

  it('raises E11000 when a conditional upsert finds its _id taken by a document its filter rejects', async () => {
    const items = fresh();
    await items.insertOne({ _id: 'a', v: 7 });
    const err = await failure(items.updateOne({ _id: 'a', v: { $lt: 5 } }, { $set: { v: 9 } }, { upsert: true }));
    expect(err).toMatchObject({ code: 11000, keyValue: { _id: 'a' } });
    const replaced = await failure(
      items.replaceOne({ _id: 'a', $or: [{ v: { $exists: false } }, { v: { $lt: 5 } }] }, { v: 1 }, { upsert: true }),
    );
    expect(replaced).toMatchObject({ code: 11000, keyPattern: { _id: 1 } });
    expect(await items.findOne({ _id: 'a' })).toEqual({ _id: 'a', v: 7 });
    await items.updateOne({ _id: 'a', v: { $lt: 10 } }, { $set: { v: 9 } }, { upsert: true });
    expect(await items.findOne({ _id: 'a' })).toEqual({ _id: 'a', v: 9 });
  });

  it('stops an ordered bulk write at the first error and reports its index; an unordered one goes on', async () => {
    const items = fresh();
    await items.insertOne({ _id: 'a' });
    const ordered = await failure<MongoBulkWriteError>(
      items.bulkWrite([
        { updateOne: { filter: { _id: 'x' }, update: { $set: { v: 1 } }, upsert: true } },
        { insertOne: { document: { _id: 'b' } } },
        { insertOne: { document: { _id: 'a' } } },
        { insertOne: { document: { _id: 'c' } } },
        { deleteOne: { filter: { _id: 'x' } } },
      ]),
    );
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    expect(ordered.writeErrors).toEqual([expect.objectContaining({ index: 2, code: 11000 })]);
    expect(ordered.result).toMatchObject({ insertedCount: 1, upsertedCount: 1, deletedCount: 0 });
    expect((await items.find({}, { sort: { _id: 1 } }).toArray()).map((doc) => doc._id)).toEqual(['a', 'b', 'x']);

    const unordered = await failure<MongoBulkWriteError>(
      items.bulkWrite([{ insertOne: { document: { _id: 'a' } } }, { insertOne: { document: { _id: 'd' } } }], {
        ordered: false,
      }),
    );
    expect(unordered.writeErrors).toEqual([expect.objectContaining({ index: 0, code: 11000 })]);
    expect(await items.countDocuments({ _id: 'd' })).toBe(1);
  });

  it('applies operator, replacement and pipeline updates like mongod, and keeps _id immutable', async () => {
    const items = fresh();
    await items.updateOne({ _id: 'a' }, { $set: { v: 1 }, $setOnInsert: { created: 'now' } }, { upsert: true });
    await items.updateOne({ _id: 'a' }, { $inc: { v: 2 }, $setOnInsert: { created: 'again' } }, { upsert: true });
    expect(await items.findOne({ _id: 'a' })).toEqual({ _id: 'a', v: 3, created: 'now' });

    const result = await items.replaceOne({ _id: 'a' }, { v: 10 });
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await items.findOne({ _id: 'a' })).toEqual({ _id: 'a', v: 10 });
    expect(await items.updateOne({ _id: 'a' }, { $set: { v: 10 } })).toMatchObject({
      matchedCount: 1,
      modifiedCount: 0,
    });
    expect(await failure(items.updateOne({ _id: 'a' }, { $set: { _id: 'b' } }))).toMatchObject({
      code: 66,
      message: "Performing an update on the path '_id' would modify the immutable field '_id'",
    });
    // The driver's types forbid an _id in a replacement; an untyped collection sends one as any caller could.
    const untyped = client.db(dbName).collection<{ _id: string; [field: string]: unknown }>(items.collectionName);
    expect(await failure(untyped.replaceOne({ _id: 'a' }, { _id: 'b', v: 1 }))).toMatchObject({ code: 66 });

    const keepNewer = (v: number) => [
      {
        $replaceWith: {
          $cond: [{ $lt: [{ $ifNull: ['$v', -1] }, v] }, { $literal: { _id: 'p', v, note: '$not-a-path' } }, '$$ROOT'],
        },
      },
    ];
    await items.updateOne({ _id: 'p' }, keepNewer(5), { upsert: true });
    expect(await items.updateOne({ _id: 'p' }, keepNewer(4), { upsert: true })).toMatchObject({
      matchedCount: 1,
      modifiedCount: 0,
    });
    expect(await items.findOne({ _id: 'p' })).toEqual({ _id: 'p', v: 5, note: '$not-a-path' });
  });

  it('takes unacknowledged writes (w: 0) without answering them', async () => {
    const items = fresh();
    const before = wire.calls().insert ?? 0;
    await items.insertOne({ _id: 'fire-and-forget' }, { writeConcern: { w: 0 } });
    await expect(items.findOne({ _id: 'fire-and-forget' })).resolves.toEqual({ _id: 'fire-and-forget' });
    expect((wire.calls().insert ?? 0) - before).toBe(1);
  });

  it('finds and modifies one document: before or after, with upsert, and E11000 when its id is taken', async () => {
    const items = fresh();
    await items.insertMany([
      { _id: 'a', v: 2 },
      { _id: 'b', v: 1 },
    ]);
    expect(await items.findOneAndUpdate({}, { $inc: { v: 10 } }, { sort: { v: 1 } })).toEqual({ _id: 'b', v: 1 });
    expect(await items.findOneAndUpdate({ _id: 'a' }, { $inc: { v: 10 } }, { returnDocument: 'after' })).toEqual({
      _id: 'a',
      v: 12,
    });
    expect(
      await items.findOneAndUpdate({ _id: 'c' }, { $set: { v: 0 } }, { upsert: true, returnDocument: 'after' }),
    ).toEqual({ _id: 'c', v: 0 });
    expect(await items.findOneAndUpdate({ _id: 'zzz' }, { $set: { v: 0 } })).toBeNull();
    const err = await failure(
      items.findOneAndUpdate({ _id: 'a', v: { $lt: 0 } }, { $set: { v: 1 } }, { upsert: true }),
    );
    expect(err).toMatchObject({ code: 11000, codeName: 'DuplicateKey', keyValue: { _id: 'a' } });
    expect(await items.findOneAndDelete({ _id: 'b' })).toEqual({ _id: 'b', v: 11 });
    expect(await items.countDocuments()).toBe(2);
  });
});
