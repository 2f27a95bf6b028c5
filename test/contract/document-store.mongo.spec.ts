import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { DuplicateKeyError } from '@gx/readstore/document-store.port';
import { MongoDocumentStore } from '@gx/readstore/mongo/mongo-document-store';
import { startMongoWire, type MongoWire } from '@gx/testing/mongo-wire/mongo-wire';
import { documentStoreContract } from './document-store.contract';

/**
 * The DocumentStore contract and the Mongo adapter's own behaviour, on one server: `uri()` is read
 * once the server is up; each run works in a database of its own.
 */
function mongoSuite(label: string, uri: () => string, dbName: string): void {
  documentStoreContract(label, async () => new MongoDocumentStore({ uri: uri(), dbName }));

  describe(`MongoDocumentStore: ${label}`, () => {
    const open: MongoDocumentStore[] = [];
    let raw: MongoClient;
    const store = (): MongoDocumentStore => {
      const opened = new MongoDocumentStore({ uri: uri(), dbName });
      open.push(opened);
      return opened;
    };
    const unique = (prefix: string): string => `${prefix}_${randomUUID().slice(0, 8)}`;
    beforeAll(() => {
      raw = new MongoClient(uri());
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((opened) => opened.close()));
    });
    afterAll(() => raw.close());

    it('stores positions as 20-digit strings, so that the server compares them exactly', async () => {
      const c = unique('positions');
      await store().write({
        ops: [{ kind: 'put', collection: c, doc: { _id: 'a', _position: '42' } }],
        checkpoint: { name: unique('cp'), position: '7' },
      });
      expect(
        await raw
          .db(dbName)
          .collection(c)
          .findOne({ _id: 'a' } as never),
      ).toEqual({ _id: 'a', _position: '00000000000000000042' });
      expect(await store().find(c, { _position: { $gt: '9' } })).toEqual([{ _id: 'a', _position: '42' }]);
    });

    it('names the violated key in the duplicate key error', async () => {
      const s = store();
      const c = unique('skus');
      await s.ensureCollection({
        name: c,
        indexes: [
          {
            fields: [
              ['owner.id', 1],
              ['code', 1],
            ],
            unique: true,
          },
        ],
      });
      await s.insertIfAbsent(c, { _id: 'a', owner: { id: 'o' }, code: 'A' });
      const error = await s.insertIfAbsent(c, { _id: 'b', owner: { id: 'o' }, code: 'A' }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect(error).toMatchObject({ collection: c, key: 'owner.id,code=["o","A"]' });
      const put = { kind: 'put' as const, collection: c, doc: { _id: 'c', owner: { id: 'o' }, code: 'A' } };
      const fromBatch = await s
        .write({ ops: [{ ...put, doc: { ...put.doc, _id: 'x', code: 'X' } }, put] })
        .catch((err: unknown) => err);
      expect(fromBatch).toMatchObject({ collection: c, key: 'owner.id,code=["o","A"]' });
    });

    it('keeps the writes before a failing op and not the checkpoint, so that the batch can be replayed', async () => {
      // Without transactions a batch is not atomic: what the checkpoint guarantees is that the
      // batch is applied again, and the position guard that applying it again changes nothing.
      const s = store();
      const c = unique('partial');
      const cp = unique('cp');
      await s.ensureCollection({ name: c, indexes: [{ fields: [['code', 1]], unique: true }] });
      await s.write({
        ops: [{ kind: 'put', collection: c, doc: { _id: 'a', code: 'A', _position: '1' } }],
        checkpoint: { name: cp, position: '1' },
      });
      const batch = {
        ops: [
          { kind: 'put' as const, collection: c, doc: { _id: 'b', code: 'B', _position: '2' } },
          { kind: 'put' as const, collection: c, doc: { _id: 'c', code: 'A', _position: '3' } },
          { kind: 'put' as const, collection: c, doc: { _id: 'd', code: 'D', _position: '4' } },
        ],
        checkpoint: { name: cp, position: '4' },
      };
      await expect(s.write(batch)).rejects.toThrow(DuplicateKeyError);
      expect((await s.find(c)).map((doc) => doc._id)).toEqual(['a', 'b']);
      expect(await s.getCheckpoint(cp)).toBe('1');

      await s.write({ ops: [{ kind: 'put', collection: c, doc: { _id: 'a', code: 'A2', _position: '3' } }] });
      await s.write(batch);
      await s.write(batch);
      expect((await s.find(c)).map((doc) => [doc._id, doc.code])).toEqual([
        ['a', 'A2'],
        ['b', 'B'],
        ['c', 'A'],
        ['d', 'D'],
      ]);
      expect(await s.getCheckpoint(cp)).toBe('4');
    });

    it('shares documents, checkpoints and leases between clients, and gives an expired lease to one taker only', async () => {
      const [a, b, c] = [store(), store(), store()];
      const col = unique('orders');
      const cp = unique('cp');
      const lease = unique('lease');
      await a.write({
        ops: [{ kind: 'put', collection: col, doc: { _id: 'o1', total: 5 } }],
        checkpoint: { name: cp, position: '9' },
      });
      expect(await b.get(col, 'o1')).toEqual({ _id: 'o1', total: 5 });
      expect(await b.getCheckpoint(cp)).toBe('9');
      expect(await a.acquireLease(lease, 'a', 50)).toBe(true);
      expect(await b.acquireLease(lease, 'b', 5000)).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 80));
      const taken = await Promise.all([b.acquireLease(lease, 'b', 5000), c.acquireLease(lease, 'c', 5000)]);
      expect(taken.filter(Boolean)).toHaveLength(1);
      expect(await a.acquireLease(lease, 'a', 5000)).toBe(false);
    });

    it('refuses names and values that are not plain data before anything reaches the server', async () => {
      const s = store();
      for (const field of ["a') OR 1=1 --", 'a..b', '$where', 'a b', '']) {
        await expect(s.find('c', { [field]: 1 })).rejects.toThrow(TypeError);
      }
      await expect(s.find('c', { a: { $regex: 'x' } as never })).rejects.toThrow(TypeError);
      await expect(s.find('c', { a: { $gt: 1 } as never, b: { x: 1 } as never })).rejects.toThrow(TypeError);
      await expect(s.find('c', {}, { sort: [['a;', 1]] })).rejects.toThrow(TypeError);
      for (const name of ['gx.checkpoints', 'a$b', 'system.views', ''])
        await expect(s.get(name, 'x')).rejects.toThrow(TypeError);
      await expect(
        s.write({ ops: [{ kind: 'put', collection: 'c', doc: { _id: 'x', _position: '-1' } }] }),
      ).rejects.toThrow(RangeError);
      await expect(
        s.write({ ops: [{ kind: 'put', collection: 'c', doc: { _id: 'x', _position: '18446744073709551616' } }] }),
      ).rejects.toThrow(RangeError);
      expect(await raw.db(dbName).listCollections({ name: 'c' }).toArray()).toEqual([]);
    });
  });
}

describe('MongoDB adapter on the wire double', () => {
  let wire: MongoWire | undefined;
  beforeAll(async () => {
    wire = await startMongoWire();
  });
  afterAll(async () => {
    await wire?.stop();
  });
  mongoSuite('mongo (wire double)', () => wire?.uri ?? 'mongodb://wire-double-not-started', 'contract');

  it("sends one bulk write per collection of a batch, however its ops interleave, keeping each collection's order", async () => {
    const store = new MongoDocumentStore({ uri: (wire as MongoWire).uri, dbName: 'grouping' });
    try {
      await store.ping();
      const ops = Array.from({ length: 30 }, (_, i) => ({
        kind: 'put' as const,
        collection: ['orders', 'campaigns', 'deadlines'][i % 3],
        // Every fifth op rewrites the same order, so the order within a collection is visible in the result.
        doc: { _id: i % 3 === 0 && i % 5 === 0 ? 'o-same' : `d-${i}`, step: i },
      }));
      const before = (wire as MongoWire).calls().update ?? 0;
      await store.write({ ops, checkpoint: { name: 'grouping', position: '30' } });
      // Three bulk writes and the checkpoint's update (the driver sends a bulk write of upserts as `update`).
      expect(((wire as MongoWire).calls().update ?? 0) - before).toBe(4);
      expect(await store.get('orders', 'o-same')).toEqual({ _id: 'o-same', step: 15 });
      expect(await store.count('campaigns')).toBe(10);
    } finally {
      await store.close();
    }
  });
});

const realUri = process.env.MONGODB_URI;
if (realUri) {
  describe('MongoDB adapter on a real server', () => {
    const dbName = `gx_contract_${randomUUID().slice(0, 8)}`;
    afterAll(async () => {
      const client = new MongoClient(realUri);
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    });
    mongoSuite(`mongo (real server at ${new URL(realUri).host})`, () => realUri, dbName);
  });
} else {
  console.log(
    'DocumentStore contract on a real MongoDB server: SKIPPED, because MONGODB_URI is not set (e.g. MONGODB_URI=mongodb://localhost:27017).',
  );
  describe('MongoDB adapter on a real server', () => {
    // Skipped on purpose: there is no real MongoDB here; the reason is logged above and named in this title.
    it.skip('runs the DocumentStore contract when MONGODB_URI is set', () => undefined);
  });
}
