import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuplicateKeyError } from '@gx/readstore/document-store.port';
import { SqliteDocumentStore } from '@gx/readstore/sqlite/sqlite-document-store';
import { documentStoreContract } from './document-store.contract';

const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-'));
  dirs.push(dir);
  return path.join(dir, 'read.db');
}
afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

documentStoreContract('sqlite', async () => new SqliteDocumentStore({ file: tempFile() }));

describe('SqliteDocumentStore', () => {
  const open: SqliteDocumentStore[] = [];
  const openStore = (file: string): SqliteDocumentStore => {
    const store = new SqliteDocumentStore({ file });
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  it('rolls back the whole batch, checkpoint included, when one op fails', async () => {
    const store = openStore(tempFile());
    await store.ensureCollection({ name: 'skus', indexes: [{ fields: [['code', 1]], unique: true }] });
    await store.write({
      ops: [{ kind: 'put', collection: 'skus', doc: { _id: 'a', code: 'A' } }],
      checkpoint: { name: 'p', position: '1' },
    });
    const failing = store.write({
      ops: [
        { kind: 'put', collection: 'skus', doc: { _id: 'b', code: 'B' } },
        { kind: 'put', collection: 'other', doc: { _id: 'x' } },
        { kind: 'delete', collection: 'skus', id: 'a' },
        { kind: 'put', collection: 'skus', doc: { _id: 'c', code: 'B' } },
      ],
      checkpoint: { name: 'p', position: '2' },
    });
    await expect(failing).rejects.toThrow(DuplicateKeyError);
    expect(await store.find('skus')).toEqual([{ _id: 'a', code: 'A' }]);
    expect(await store.count('other')).toBe(0);
    expect(await store.getCheckpoint('p')).toBe('1');
  });

  it('names the violated key in the duplicate key error', async () => {
    const store = openStore(tempFile());
    await store.ensureCollection({
      name: 'skus',
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
    await store.insertIfAbsent('skus', { _id: 'a', owner: { id: 'o' }, code: 'A' });
    const error = await store
      .insertIfAbsent('skus', { _id: 'b', owner: { id: 'o' }, code: 'A' })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(error).toMatchObject({ collection: 'skus', key: 'owner.id,code=["o","A"]' });
  });

  it('shares documents, checkpoints and leases between connections to one file', async () => {
    const file = tempFile();
    const a = openStore(file);
    const b = openStore(file);
    await a.write({
      ops: [{ kind: 'put', collection: 'orders', doc: { _id: 'o1', total: 5 } }],
      checkpoint: { name: 'cp', position: '9' },
    });
    expect(await b.get('orders', 'o1')).toEqual({ _id: 'o1', total: 5 });
    expect(await b.getCheckpoint('cp')).toBe('9');
    expect(await a.acquireLease('projection:x', 'a', 5000)).toBe(true);
    expect(await b.acquireLease('projection:x', 'b', 5000)).toBe(false);
    await b.dropCollection('orders');
    expect(await a.find('orders')).toEqual([]);
    await a.write({ ops: [{ kind: 'put', collection: 'orders', doc: { _id: 'o2' } }] });
    expect(await b.count('orders')).toBe(1);
  });

  it('keeps collections whose names differ only in punctuation apart', async () => {
    const store = openStore(tempFile());
    await store.write({
      ops: [
        { kind: 'put', collection: 'a-b', doc: { _id: '1' } },
        { kind: 'put', collection: 'a_b', doc: { _id: '2' } },
        { kind: 'put', collection: 'a.b', doc: { _id: '3' } },
      ],
    });
    expect(await store.find('a-b')).toEqual([{ _id: '1' }]);
    expect(await store.find('a_b')).toEqual([{ _id: '2' }]);
    expect(await store.find('a.b')).toEqual([{ _id: '3' }]);
  });

  it('refuses field names that are not plain dotted identifiers', async () => {
    const store = openStore(tempFile());
    await store.write({ ops: [{ kind: 'put', collection: 'c', doc: { _id: '1', a: 1 } }] });
    for (const field of ["a') OR 1=1 --", 'a..b', '$where', 'a b', '']) {
      await expect(store.find('c', { [field]: 1 })).rejects.toThrow(TypeError);
    }
    await expect(store.find('c', {}, { sort: [['a;', 1]] })).rejects.toThrow(TypeError);
    await expect(store.ensureCollection({ name: 'c', indexes: [{ fields: [["a')", 1]] }] })).rejects.toThrow(TypeError);
    await expect(store.find('c', { a: { $regex: 'x' } as never })).rejects.toThrow(TypeError);
  });
});
