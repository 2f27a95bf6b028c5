import { startEsdbFake, startMongoWire } from '@gx/testing';

/**
 * Hosts the EventStoreDB and MongoDB wire-level doubles in a process of their own, so that the
 * store-level benchmark's own process runs only our adapters. Prints one JSON line with their
 * URLs, then serves until SIGTERM.
 */
async function main(): Promise<void> {
  const [esdb, mongo] = await Promise.all([startEsdbFake(), startMongoWire()]);
  process.stdout.write(`${JSON.stringify({ esdb: esdb.url, mongo: mongo.uri })}\n`);
  const stop = (): void => {
    void Promise.all([esdb.stop(), mongo.stop()]).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
