import { join } from 'node:path';
import type { AppConfig } from '@gx/platform';
import { MongoDocumentStore, SqliteDocumentStore, type DocumentStore } from '@gx/readstore';
import { startEsdbFake, startMongoWire } from '@gx/testing';

/**
 * Which stores the e2e suite runs on. The `e2e` project uses the embedded default (SQLite); the
 * `e2e-production` project sets GX_E2E_STORES=production and runs the very same tests on the
 * EventStoreDB and MongoDB adapters, through their real client libraries, against the wire-level
 * doubles (or against real servers when EVENTSTORE_URL / MONGODB_URI are set in the environment).
 */
export const STORES = process.env.GX_E2E_STORES === 'production' ? 'production' : 'embedded';

/** Stores started for one test stack; `env` points the apps at them. */
export interface TestStores {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Fresh stores for one stack: nothing for the embedded default, fresh doubles (or the real servers) in production mode. */
export async function startTestStores(): Promise<TestStores> {
  if (STORES === 'embedded') return { env: {}, stop: async () => undefined };
  const realEsdb = process.env.EVENTSTORE_URL;
  const realMongo = process.env.MONGODB_URI;
  const esdb = realEsdb ? undefined : await startEsdbFake();
  const mongo = realMongo ? undefined : await startMongoWire();
  // Against a shared real MongoDB every stack gets a database of its own.
  const database = realMongo ? withDatabase(realMongo, `gx_e2e_${process.pid}_${Date.now()}`) : undefined;
  return {
    env: {
      EVENTSTORE_URL: realEsdb ?? (esdb as { url: string }).url,
      MONGODB_URI: database ?? (mongo as { uri: string }).uri,
    },
    stop: async () => {
      await Promise.all([esdb?.stop(), mongo?.stop()]);
    },
  };
}

function withDatabase(uri: string, name: string): string {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A document store of its own beside a stack's (a clean rebuild to compare with): a new file, or a new database. */
export function openFreshDocumentStore(config: AppConfig, name: string): DocumentStore {
  if (config.mongodbUri) return new MongoDocumentStore({ uri: config.mongodbUri, dbName: name });
  return new SqliteDocumentStore({ file: join(config.dataDir, `${name}.db`) });
}
