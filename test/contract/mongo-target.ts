import path from 'node:path';
import { MongoClient } from 'mongodb';
import { MongoDocumentStore } from '@gx/readstore/mongo/mongo-document-store';
import { startMongoWire, type MongoWire } from '@gx/testing/mongo-wire/mongo-wire';
import type { DocumentStoreOpener } from './projector-fixtures';

/**
 * The MongoDB a suite runs on: the real server at MONGODB_URI when it is set (as every contract
 * suite follows it), else a fresh wire double. Each data directory gets a database named after it;
 * on a real server those throwaway databases are dropped when the suite ends.
 */
export interface MongoTarget {
  label: string;
  /** Opens one process's own store on a directory's database (call after `start`). */
  open: DocumentStoreOpener;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function mongoTarget(): MongoTarget {
  const realUri = process.env.MONGODB_URI;
  let wire: MongoWire | undefined;
  const databases = new Set<string>();
  const uri = (): string => realUri ?? (wire as MongoWire).uri;
  return {
    label: realUri ? `real MongoDB at ${new URL(realUri).host}` : 'MongoDB wire double',
    open: (dir) => {
      const dbName = path.basename(dir);
      databases.add(dbName);
      return new MongoDocumentStore({ uri: uri(), dbName });
    },
    async start() {
      if (!realUri) wire = await startMongoWire();
    },
    async stop() {
      if (wire) return wire.stop();
      const client = new MongoClient(uri());
      try {
        for (const name of databases) await client.db(name).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
