import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATIONS_COLLECTION, type GenerationDoc } from './projector/generations';
import { ReadModels } from './read-models';
import { SqliteDocumentStore } from './sqlite/sqlite-document-store';

describe('ReadModels.memo', () => {
  let dir: string;
  let store: SqliteDocumentStore;
  let models: ReadModels;
  const generation = (n: number): GenerationDoc => ({
    _id: 'shop',
    projection: 'shop',
    version: 1,
    generation: n,
    checkpoint: `projection:shop:v1:g${n}`,
    collections: { items: `items_g${n}` },
  });
  const commit = (n: number, position: string) =>
    store.write({
      ops: [{ kind: 'put', collection: GENERATIONS_COLLECTION, doc: generation(n) }],
      checkpoint: { name: generation(n).checkpoint, position },
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gx-memo-'));
    store = new SqliteDocumentStore({ file: join(dir, 'read.db') });
    // No mapping cache, so that a new generation is seen at once.
    models = new ReadModels(store, { cacheMs: 0 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes once per checkpoint and key, again when the checkpoint or the generation moves', async () => {
    let runs = 0;
    const compute = async () => ++runs;
    await commit(1, '10');
    const [a, b] = await Promise.all([models.memo('shop', 'k', compute), models.memo('shop', 'k', compute)]);
    expect([a, b, await models.memo('shop', 'k', compute)]).toEqual([1, 1, 1]);
    expect(await models.memo('shop', 'other', compute)).toBe(2);
    await commit(1, '11');
    expect(await models.memo('shop', 'k', compute)).toBe(3);
    // A rebuilt generation at the same position is another version of the read models.
    await commit(2, '11');
    expect(await models.memo('shop', 'k', compute)).toBe(4);
  });

  it('does not keep a failed answer, and computes every time before the projection has a checkpoint', async () => {
    let runs = 0;
    expect(await models.memo('shop', 'k', async () => ++runs)).toBe(1);
    expect(await models.memo('shop', 'k', async () => ++runs)).toBe(2);
    await commit(1, '5');
    await expect(models.memo('shop', 'k', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await models.memo('shop', 'k', async () => ++runs)).toBe(3);
  });
});
