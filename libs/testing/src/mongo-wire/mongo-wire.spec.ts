import { randomUUID } from 'node:crypto';
import { Long, MongoClient, MongoServerError, type Db } from 'mongodb';
import { startMongoWire, type MongoWire } from './mongo-wire';

/** The double through the real `mongodb` driver: handshake, catalog and reads as a standalone mongod 6.0 answers them. */
describe('MongoDB wire double: handshake, catalog and reads', () => {
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
  const freshDb = (): Db => client.db(`t_${randomUUID().slice(0, 8)}`);
  const failure = (promise: Promise<unknown>): Promise<MongoServerError> =>
    promise.then(
      () => {
        throw new Error('expected the command to fail');
      },
      (err: MongoServerError) => err,
    );

  it('greets the driver as a writable standalone mongod 6.0 that supports sessions', async () => {
    const admin = client.db('admin');
    const hello = await admin.command({ hello: 1 });
    expect(hello).toMatchObject({
      isWritablePrimary: true,
      maxWireVersion: 17,
      minWireVersion: 0,
      logicalSessionTimeoutMinutes: 30,
      ok: 1,
    });
    expect(hello.setName).toBeUndefined();
    expect(hello.msg).toBeUndefined(); // 'isdbgrid' would make it a mongos
    expect(await admin.command({ buildInfo: 1 })).toMatchObject({ version: '6.0.19', versionArray: [6, 0, 19, 0] });
    await expect(admin.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
    // The driver opens every connection with a legacy isMaster over OP_QUERY, then speaks OP_MSG.
    expect(wire.calls().ismaster).toBeGreaterThanOrEqual(1);
    expect(wire.calls().hello).toBeGreaterThanOrEqual(1);
  });

  it('fails the next commands on request, by dropping the connection or as a node shutting down, then serves again', async () => {
    const db = freshDb();
    await db.collection('c').insertOne({ _id: 'a' } as never);
    wire.interrupt(2, 'close');
    // A read is retried once by the driver: two dropped connections fail it with a network error.
    const dropped = await failure(db.collection('c').findOne({}));
    expect(dropped.name).toBe('MongoNetworkError');
    wire.interrupt(1, 'shutdown');
    const shutdown = await failure(db.collection('c').insertOne({ _id: 'b' } as never));
    expect(shutdown).toMatchObject({ code: 91, codeName: 'ShutdownInProgress' });
    expect(await db.collection('c').countDocuments()).toBe(1);
  });

  it('answers an unknown command with CommandNotFound', async () => {
    const err = await failure(client.db('admin').command({ frobnicate: 1 }));
    expect(err).toMatchObject({ code: 59, codeName: 'CommandNotFound', message: "no such command: 'frobnicate'" });
  });

  it('returns large results in batches through getMore, and leaves no cursor open', async () => {
    const db = freshDb();
    const items = db.collection<{ _id: string; n: number }>('items');
    await items.insertMany(Array.from({ length: 250 }, (_, n) => ({ _id: `i${String(n).padStart(3, '0')}`, n })));
    const before = wire.calls().getMore ?? 0;
    const all = await items.find({}, { batchSize: 10 }).toArray();
    expect(all.map((doc) => doc.n)).toEqual(Array.from({ length: 250 }, (_, n) => n));
    expect((wire.calls().getMore ?? 0) - before).toBe(24);
    expect((await items.find().toArray()).length).toBe(250); // default first batch of 101, then the rest
    expect(wire.openCursors()).toBe(0);

    const partial = items.find({}, { batchSize: 5 });
    await partial.next();
    expect(wire.openCursors()).toBe(1);
    await partial.close();
    expect(wire.openCursors()).toBe(0);
    const err = await failure(db.command({ getMore: Long.fromNumber(424242), collection: 'items' }));
    expect(err).toMatchObject({ code: 43, codeName: 'CursorNotFound', message: 'cursor id 424242 not found' });
  });

  it('finds with filter, sort, skip, limit and projection, and counts like mongod', async () => {
    const db = freshDb();
    const fruit = db.collection<{ _id: string; kind: string; qty: number | string; tags?: string[] }>('fruit');
    await fruit.insertMany([
      { _id: 'a', kind: 'apple', qty: 5, tags: ['red'] },
      { _id: 'b', kind: 'banana', qty: 12 },
      { _id: 'c', kind: 'cherry', qty: 5 },
      { _id: 'd', kind: 'date', qty: '7' },
    ]);
    const ids = (docs: Array<{ _id: string }>) => docs.map((doc) => doc._id);
    expect(ids(await fruit.find({ qty: { $gte: 5 } }).toArray())).toEqual(['a', 'b', 'c']); // strings are not numbers
    expect(ids(await fruit.find({}, { sort: { qty: -1, _id: 1 } }).toArray())).toEqual(['d', 'b', 'a', 'c']); // strings sort after numbers
    expect(ids(await fruit.find({}, { sort: { _id: -1 }, skip: 1, limit: 2 }).toArray())).toEqual(['c', 'b']);
    expect(await fruit.find({ tags: 'red' }, { projection: { kind: 1, _id: 0 } }).toArray()).toEqual([
      { kind: 'apple' },
    ]);
    expect(await fruit.findOne({ kind: 'cherry' })).toEqual({ _id: 'c', kind: 'cherry', qty: 5 });
    expect(await fruit.countDocuments({ qty: 5 })).toBe(2);
    expect(await fruit.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await fruit.estimatedDocumentCount()).toBe(4);
    expect(await db.collection('never').countDocuments()).toBe(0);
    expect(
      await fruit.aggregate([{ $group: { _id: '$qty', n: { $sum: 1 } } }, { $sort: { n: -1, _id: 1 } }]).toArray(),
    ).toEqual([
      { _id: 5, n: 2 },
      { _id: 12, n: 1 },
      { _id: '7', n: 1 },
    ]);
  });

  it('lists collections and indexes, and drops collections and databases', async () => {
    const db = freshDb();
    await db.collection('skus').createIndex({ code: 1 }, { unique: true });
    await db.collection('skus').createIndex({ 'owner.id': 1, code: -1 });
    await db.collection('lots').insertOne({ _id: 'l1' } as never);
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort()).toEqual([
      'lots',
      'skus',
    ]);
    expect(await db.collection('skus').listIndexes().toArray()).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { code: 1 }, name: 'code_1', unique: true },
      { v: 2, key: { 'owner.id': 1, code: -1 }, name: 'owner.id_1_code_-1' },
    ]);
    const conflict = await failure(db.collection('skus').createIndex({ code: 1 }, { name: 'code_1', unique: false }));
    expect(conflict).toMatchObject({ code: 85, codeName: 'IndexOptionsConflict' });
    expect(await failure(db.collection('none').listIndexes().toArray())).toMatchObject({
      code: 26,
      codeName: 'NamespaceNotFound',
    });

    expect(await failure(db.command({ drop: 'none' }))).toMatchObject({ code: 26, message: 'ns not found' });
    await expect(db.collection('none').drop()).resolves.toBe(false); // the driver ignores NamespaceNotFound
    await expect(db.collection('lots').drop()).resolves.toBe(true);
    expect((await db.listCollections().toArray()).map((c) => c.name)).toEqual(['skus']);
    await db.dropDatabase();
    expect(await db.listCollections().toArray()).toEqual([]);
  });
});
