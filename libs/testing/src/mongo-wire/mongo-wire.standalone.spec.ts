import { MongoClient, type MongoServerError } from 'mongodb';
import { startMongoWire, type MongoWire } from './mongo-wire';

const NO_TRANSACTIONS = 'Transaction numbers are only allowed on a replica set member or mongos';

/** What a standalone mongod cannot do, refused the way it refuses it, through the real driver. */
describe('MongoDB wire double: a standalone server', () => {
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
  const items = () => client.db('standalone').collection<{ _id: string }>('items');
  const failure = (promise: Promise<unknown>): Promise<MongoServerError> =>
    promise.then(
      () => {
        throw new Error('expected the operation to fail');
      },
      (err: MongoServerError) => err,
    );

  it('refuses transactions, and their writes leave nothing behind', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      const read = await failure(items().findOne({}, { session }));
      expect(read).toMatchObject({ code: 20, codeName: 'IllegalOperation', message: NO_TRANSACTIONS });
      await session.abortTransaction().catch(() => undefined);

      session.startTransaction();
      // For writes the driver rewrites code 20 into its "no retryable writes" advice, keeping the server's error.
      const write = await failure(items().insertOne({ _id: 'tx' }, { session }));
      expect((write as MongoServerError & { originalError?: unknown }).originalError).toMatchObject({
        code: 20,
        message: NO_TRANSACTIONS,
      });
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect(await items().countDocuments({ _id: 'tx' })).toBe(0);
  });

  it('runs ordinary writes without transaction numbers: the driver sees a standalone and does not retry them', async () => {
    await items().insertOne({ _id: 'plain' });
    await items().updateOne({ _id: 'plain' }, { $set: { ok: true } });
    expect(await items().findOne({ _id: 'plain' })).toEqual({ _id: 'plain', ok: true });
  });

  it('refuses change streams on a collection and on a database', async () => {
    for (const stream of [items().watch(), client.db('standalone').watch()]) {
      try {
        const err = await failure(stream.next());
        expect(err).toMatchObject({
          code: 40573,
          codeName: 'Location40573',
          message: 'The $changeStream stage is only supported on replica sets',
        });
      } finally {
        await stream.close();
      }
    }
  });
});
