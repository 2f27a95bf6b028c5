import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MongoDocumentStore } from '@gx/readstore/mongo/mongo-document-store';
import { SqliteDocumentStore } from '@gx/readstore/sqlite/sqlite-document-store';
import { startMongoWire, type MongoWire } from '@gx/testing/mongo-wire/mongo-wire';
import { personalKeysContract } from './personal-keys.contract';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-keys-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Several connections to one file, as the processes of one embedded install share DATA_DIR/keys.db.
personalKeysContract('sqlite', async () => new SqliteDocumentStore({ file: path.join(dir, 'keys.db') }));

describe('on MongoDB', () => {
  let wire: MongoWire | undefined;
  const realUri = process.env.MONGODB_URI;
  beforeAll(async () => {
    if (!realUri) wire = await startMongoWire();
  });
  afterAll(async () => {
    await wire?.stop();
  });
  const dbName = `gx_keys_${process.pid}`;
  personalKeysContract(
    realUri ? `mongo (real server at ${new URL(realUri).host})` : 'mongo (wire double)',
    async () => new MongoDocumentStore({ uri: realUri ?? (wire as MongoWire).uri, dbName }),
  );
});
