import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type Doc, type DocumentStore } from '@gx/readstore/document-store.port';

/**
 * The behaviour every DocumentStore adapter must show, through the port only. Each test works in
 * collections, checkpoints and leases of its own (unique names), so tests never see each other's data.
 */
export function documentStoreContract(name: string, open: () => Promise<DocumentStore>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    const unique = (prefix: string): string => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const ids = (docs: Doc[]): string[] => docs.map((d) => d._id);
    const put = (collection: string, docs: Doc[]) =>
      store.write({ ops: docs.map((doc) => ({ kind: 'put', collection, doc })) });

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('stores, replaces and deletes documents by id', async () => {
      const c = unique('docs');
      await put(c, [{ _id: 'a', name: 'apple', qty: 3, tags: ['x'] }]);
      expect(await store.get(c, 'a')).toEqual({ _id: 'a', name: 'apple', qty: 3, tags: ['x'] });
      await put(c, [{ _id: 'a', name: 'apricot' }]);
      expect(await store.get(c, 'a')).toEqual({ _id: 'a', name: 'apricot' });
      await store.write({
        ops: [
          { kind: 'delete', collection: c, id: 'a' },
          { kind: 'delete', collection: c, id: 'never' },
        ],
      });
      expect(await store.get(c, 'a')).toBeNull();
    });

    it('reads a collection that was never written as empty', async () => {
      const c = unique('empty');
      expect(await store.get(c, 'x')).toBeNull();
      expect(await store.find(c, { a: 1 })).toEqual([]);
      expect(await store.count(c)).toBe(0);
    });

    it('round-trips Chinese text and finds documents by it', async () => {
      const c = unique('zh');
      await put(c, [
        { _id: '白菜@仓库一', name: '山东大白菜', note: '供销社 直供 🥬' },
        { _id: 'b', name: '萝卜' },
      ]);
      expect(await store.get(c, '白菜@仓库一')).toEqual({
        _id: '白菜@仓库一',
        name: '山东大白菜',
        note: '供销社 直供 🥬',
      });
      expect(ids(await store.find(c, { name: '萝卜' }))).toEqual(['b']);
    });

    describe('find', () => {
      let c: string;
      beforeAll(async () => {
        c = unique('find');
        await store.ensureCollection({
          name: c,
          indexes: [
            { fields: [['qty', 1]] },
            {
              fields: [
                ['addr.city', 1],
                ['qty', -1],
              ],
            },
          ],
        });
        await put(c, [
          { _id: 'd1', kind: 'veg', qty: 9, price: 1.5, active: true, addr: { city: 'Jinan', zip: '250000' } },
          { _id: 'd2', kind: 'veg', qty: 10, price: 2, active: false, addr: { city: 'Qingdao', zip: '266000' } },
          { _id: 'd3', kind: 'fruit', qty: 100, active: true, note: null, addr: { city: 'Jinan', zip: '250100' } },
          { _id: 'd4', kind: 'fruit', qty: '20', active: 1, addr: { city: 'Yantai' } },
          { _id: 'd5', kind: 'grain', qty: -1, addr: { city: 'Jinan' } },
        ]);
      });
      const match = async (filter: Parameters<DocumentStore['find']>[1]): Promise<string[]> =>
        ids(await store.find(c, filter, { sort: [['_id', 1]] }));

      it('matches by equality on strings, numbers and booleans without mixing types', async () => {
        expect(await match({ kind: 'veg' })).toEqual(['d1', 'd2']);
        expect(await match({ qty: 10 })).toEqual(['d2']);
        expect(await match({ qty: '20' })).toEqual(['d4']);
        expect(await match({ qty: 20 })).toEqual([]);
        expect(await match({ active: true })).toEqual(['d1', 'd3']);
        expect(await match({ active: 1 })).toEqual(['d4']);
        expect(await match({ _id: 'd3' })).toEqual(['d3']);
        expect(await match({ kind: 'veg', active: false })).toEqual(['d2']);
      });

      it('matches null against missing and null fields', async () => {
        expect(await match({ note: null })).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
        expect(await match({ price: null })).toEqual(['d3', 'd4', 'd5']);
        expect(await match({ price: { $ne: null } })).toEqual(['d1', 'd2']);
      });

      it('supports $eq and $ne, where $ne also matches documents without the field', async () => {
        expect(await match({ kind: { $eq: 'fruit' } })).toEqual(['d3', 'd4']);
        expect(await match({ kind: { $ne: 'veg' } })).toEqual(['d3', 'd4', 'd5']);
        expect(await match({ active: { $ne: true } })).toEqual(['d2', 'd4', 'd5']);
        expect(await match({ price: { $ne: 2 } })).toEqual(['d1', 'd3', 'd4', 'd5']);
      });

      it('compares numbers numerically and strings lexically, each only with its own type', async () => {
        expect(await match({ qty: { $gt: 9 } })).toEqual(['d2', 'd3']);
        expect(await match({ qty: { $gte: 9 } })).toEqual(['d1', 'd2', 'd3']);
        expect(await match({ qty: { $lt: 10 } })).toEqual(['d1', 'd5']);
        expect(await match({ qty: { $lte: 10, $gt: -1 } })).toEqual(['d1', 'd2']);
        expect(await match({ price: { $gt: 1.5 } })).toEqual(['d2']);
        expect(await match({ qty: { $gte: '1' } })).toEqual(['d4']);
        expect(await match({ kind: { $gt: 'fruit', $lt: 'veg' } })).toEqual(['d5']);
        expect(await match({ 'addr.zip': { $gte: '250000', $lt: '260000' } })).toEqual(['d1', 'd3']);
      });

      it('supports $in over mixed values, and an empty $in matches nothing', async () => {
        expect(await match({ kind: { $in: ['grain', 'fruit'] } })).toEqual(['d3', 'd4', 'd5']);
        expect(await match({ qty: { $in: [9, 100, '20'] } })).toEqual(['d1', 'd3', 'd4']);
        expect(await match({ price: { $in: [2, null] } })).toEqual(['d2', 'd3', 'd4', 'd5']);
        expect(await match({ active: { $in: [false] } })).toEqual(['d2']);
        expect(await match({ kind: { $in: [] } })).toEqual([]);
      });

      it('supports $exists, counting null as present', async () => {
        expect(await match({ note: { $exists: true } })).toEqual(['d3']);
        expect(await match({ price: { $exists: false } })).toEqual(['d3', 'd4', 'd5']);
        expect(await match({ 'addr.zip': { $exists: false } })).toEqual(['d4', 'd5']);
      });

      it('follows dotted paths into nested objects', async () => {
        expect(await match({ 'addr.city': 'Jinan' })).toEqual(['d1', 'd3', 'd5']);
        expect(await match({ 'addr.city': 'Jinan', qty: { $gt: 0 } })).toEqual(['d1', 'd3']);
        expect(await match({ 'addr.nowhere.deep': { $exists: true } })).toEqual([]);
      });

      it('treats filter values as data, never as query text', async () => {
        expect(await match({ kind: "veg' OR 1=1 --" })).toEqual([]);
        expect(await match({ kind: { $in: ['"veg"', "'veg'"] } })).toEqual([]);
      });

      it('sorts ascending and descending on several keys, then skips and limits', async () => {
        const sorted = await store.find(
          c,
          { 'addr.city': { $exists: true } },
          {
            sort: [
              ['addr.city', 1],
              ['qty', -1],
            ],
          },
        );
        expect(ids(sorted)).toEqual(['d3', 'd1', 'd5', 'd2', 'd4']);
        const desc = await store.find(c, { kind: { $in: ['veg', 'grain'] } }, { sort: [['qty', -1]] });
        expect(ids(desc)).toEqual(['d2', 'd1', 'd5']);
        const page = await store.find(c, {}, { sort: [['_id', -1]], skip: 1, limit: 2 });
        expect(ids(page)).toEqual(['d4', 'd3']);
        expect(ids(await store.find(c, {}, { sort: [['_id', 1]], skip: 4 }))).toEqual(['d5']);
        expect(ids(await store.find(c, {}, { sort: [['_id', 1]], limit: 1 }))).toEqual(['d1']);
      });

      it('counts all documents or those matching a filter', async () => {
        expect(await store.count(c)).toBe(5);
        expect(await store.count(c, { 'addr.city': 'Jinan' })).toBe(3);
        expect(await store.count(c, { qty: { $gt: 1000 } })).toBe(0);
      });
    });

    it('rejects a document that violates a unique index, and keeps the first', async () => {
      const c = unique('uniq');
      const spec = { name: c, indexes: [{ fields: [['code', 1]] as [string, 1][], unique: true }] };
      await store.ensureCollection(spec);
      await store.ensureCollection(spec);
      await put(c, [{ _id: 'a', code: 'X-1' }]);
      await expect(put(c, [{ _id: 'b', code: 'X-1' }])).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(store.insertIfAbsent(c, { _id: 'c', code: 'X-1' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await put(c, [{ _id: 'a', code: 'X-1', updated: true }]);
      expect(await store.find(c, { code: 'X-1' })).toEqual([{ _id: 'a', code: 'X-1', updated: true }]);
      expect(await store.count(c)).toBe(1);
    });

    it('allows repeated values in a non-unique index', async () => {
      const c = unique('nonuniq');
      await store.ensureCollection({ name: c, indexes: [{ fields: [['code', 1]] }] });
      await put(c, [
        { _id: 'a', code: 'X' },
        { _id: 'b', code: 'X' },
      ]);
      expect(await store.count(c, { code: 'X' })).toBe(2);
    });

    it('drops a collection with its documents', async () => {
      const c = unique('drop');
      await put(c, [{ _id: 'a' }]);
      await store.dropCollection(c);
      expect(await store.get(c, 'a')).toBeNull();
      await store.dropCollection(c);
      await put(c, [{ _id: 'b' }]);
      expect(ids(await store.find(c))).toEqual(['b']);
    });

    describe('position guard', () => {
      it('changes nothing when the same batch is applied twice', async () => {
        const c = unique('guard');
        const cp = unique('cp');
        const batch = {
          ops: [
            { kind: 'put' as const, collection: c, doc: { _id: 'a', n: 1, _position: '10' } },
            { kind: 'put' as const, collection: c, doc: { _id: 'b', n: 2, _position: '11' } },
            { kind: 'delete' as const, collection: c, id: 'b', position: '12' },
          ],
          checkpoint: { name: cp, position: '12' },
        };
        await store.write(batch);
        await put(c, [{ _id: 'a', n: 5, _position: '13' }]);
        await store.write(batch);
        expect(await store.find(c)).toEqual([{ _id: 'a', n: 5, _position: '13' }]);
        expect(await store.getCheckpoint(cp)).toBe('12');
      });

      it('never lets an older position overwrite or delete a newer document', async () => {
        const c = unique('older');
        await put(c, [{ _id: 'a', v: 'new', _position: '100' }]);
        await put(c, [{ _id: 'a', v: 'old', _position: '99' }]);
        await put(c, [{ _id: 'a', v: 'same', _position: '100' }]);
        await store.write({ ops: [{ kind: 'delete', collection: c, id: 'a', position: '100' }] });
        expect(await store.get(c, 'a')).toEqual({ _id: 'a', v: 'new', _position: '100' });
        await put(c, [{ _id: 'a', v: 'newer', _position: '101' }]);
        expect((await store.get(c, 'a'))?.v).toBe('newer');
        await store.write({ ops: [{ kind: 'delete', collection: c, id: 'a', position: '102' }] });
        expect(await store.get(c, 'a')).toBeNull();
      });

      it('compares positions beyond 2^53 exactly', async () => {
        const c = unique('big');
        await put(c, [{ _id: 'a', v: 'high', _position: '9007199254740993' }]);
        await put(c, [{ _id: 'a', v: 'low', _position: '9007199254740992' }]);
        expect((await store.get(c, 'a'))?.v).toBe('high');
        await put(c, [{ _id: 'a', v: 'max', _position: '18446744073709551615' }]);
        expect(await store.get(c, 'a')).toEqual({ _id: 'a', v: 'max', _position: '18446744073709551615' });
        await put(c, [{ _id: 'a', v: 'shorter', _position: '999' }]);
        expect((await store.get(c, 'a'))?.v).toBe('max');
      });

      it('always applies ops that carry no position', async () => {
        const c = unique('nopos');
        await put(c, [{ _id: 'a', v: 1, _position: '50' }]);
        await put(c, [{ _id: 'a', v: 2 }]);
        expect(await store.get(c, 'a')).toEqual({ _id: 'a', v: 2 });
        await put(c, [{ _id: 'b', _position: '50' }]);
        await store.write({ ops: [{ kind: 'delete', collection: c, id: 'b' }] });
        expect(await store.get(c, 'b')).toBeNull();
      });
    });

    it('keeps checkpoints by name, exactly and overwritable', async () => {
      const cp = unique('cp');
      expect(await store.getCheckpoint(cp)).toBeNull();
      await store.write({ ops: [], checkpoint: { name: cp, position: '18446744073709551615' } });
      expect(await store.getCheckpoint(cp)).toBe('18446744073709551615');
      await store.write({ ops: [], checkpoint: { name: cp, position: '7' } });
      expect(await store.getCheckpoint(cp)).toBe('7');
      expect(await store.getCheckpoint(unique('other'))).toBeNull();
    });

    it('inserts only absent documents', async () => {
      const c = unique('idem');
      expect(await store.insertIfAbsent(c, { _id: 'k', response: { status: 201 } })).toBe(true);
      expect(await store.insertIfAbsent(c, { _id: 'k', response: { status: 500 } })).toBe(false);
      expect(await store.get(c, 'k')).toEqual({ _id: 'k', response: { status: 201 } });
    });

    describe('leases', () => {
      it('are exclusive to one owner, who can renew them', async () => {
        const lease = unique('lease');
        expect(await store.acquireLease(lease, 'w1', 5000)).toBe(true);
        expect(await store.acquireLease(lease, 'w2', 5000)).toBe(false);
        expect(await store.acquireLease(lease, 'w1', 5000)).toBe(true);
        expect(await store.acquireLease(unique('lease'), 'w2', 5000)).toBe(true);
      });

      it('pass to another owner once expired', async () => {
        const lease = unique('lease');
        expect(await store.acquireLease(lease, 'w1', 80)).toBe(true);
        expect(await store.acquireLease(lease, 'w2', 80)).toBe(false);
        await new Promise((resolve) => setTimeout(resolve, 120));
        expect(await store.acquireLease(lease, 'w2', 5000)).toBe(true);
        expect(await store.acquireLease(lease, 'w1', 5000)).toBe(false);
      });

      it('stay alive while renewed', async () => {
        const lease = unique('lease');
        expect(await store.acquireLease(lease, 'w1', 150)).toBe(true);
        for (let i = 0; i < 3; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 60));
          expect(await store.acquireLease(lease, 'w1', 150)).toBe(true);
        }
        expect(await store.acquireLease(lease, 'w2', 150)).toBe(false);
      });

      it('name their live holder and expiry, and nobody once released or expired', async () => {
        const lease = unique('lease');
        expect(await store.leaseHolder(lease)).toBeNull();
        const before = Date.now();
        await store.acquireLease(lease, 'w1', 5000);
        const held = await store.leaseHolder(lease);
        expect(held?.owner).toBe('w1');
        expect(held?.expiresAt).toBeGreaterThanOrEqual(before + 5000);
        await store.releaseLease(lease, 'w1');
        expect(await store.leaseHolder(lease)).toBeNull();
        await store.acquireLease(lease, 'w2', 40);
        await new Promise((resolve) => setTimeout(resolve, 60));
        expect(await store.leaseHolder(lease)).toBeNull();
      });

      it('are freed by their owner only', async () => {
        const lease = unique('lease');
        await store.acquireLease(lease, 'w1', 5000);
        await store.releaseLease(lease, 'w2');
        expect(await store.acquireLease(lease, 'w2', 5000)).toBe(false);
        await store.releaseLease(lease, 'w1');
        expect(await store.acquireLease(lease, 'w2', 5000)).toBe(true);
      });
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
