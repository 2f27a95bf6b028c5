import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { declaredProjections, GROUP_BUY, UPCASTERS } from '@gx/application';
import { EsdbEventStore, SqliteEventStore, UpcastingEventStore, type EventStore } from '@gx/eventstore';
import {
  MongoDocumentStore,
  Projector,
  SqliteDocumentStore,
  type Doc,
  type DocumentStore,
  type WorkerLogger,
} from '@gx/readstore';
import { startDoubles, type Started } from './apps';
import { CUSTOMERS } from './market-log';
import { percentile } from './stats';

/** The stores of one store-level run: an event log, and fresh document stores on demand. */
export interface StoreKit {
  /** `embedded` (SQLite files) or `double-backed` (EventStoreDB and MongoDB adapters against the wire doubles). */
  label: string;
  events: EventStore;
  /** A fresh, empty document store named `name`. */
  documents(name: string): DocumentStore;
  /** The process serving the stores, when they are not in this one (the doubles). */
  server?: Started;
  close(): Promise<void>;
}

/** SQLite files in a fresh temporary directory, as the apps open them (WAL, synchronous=NORMAL). */
export function embeddedKit(): StoreKit {
  const dir = mkdtempSync(join(tmpdir(), 'gx-bench-store-'));
  const opened: DocumentStore[] = [];
  const events = new UpcastingEventStore(new SqliteEventStore({ file: join(dir, 'events.db') }), UPCASTERS);
  return {
    label: 'embedded',
    events,
    documents(name) {
      const store = new SqliteDocumentStore({ file: join(dir, `${name}.db`) });
      opened.push(store);
      return store;
    },
    async close() {
      await Promise.all([events.close(), ...opened.map((s) => s.close())]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The production adapters (real client libraries) against the wire doubles, hosted by a child process. */
export async function doubleBackedKit(): Promise<StoreKit> {
  const doubles: Started & { esdb: string; mongo: string } = await startDoubles();
  const opened: DocumentStore[] = [];
  const events = new UpcastingEventStore(new EsdbEventStore(doubles.esdb), UPCASTERS);
  return {
    label: 'double-backed',
    server: doubles,
    events,
    documents(name) {
      const store = new MongoDocumentStore({ uri: doubles.mongo, dbName: name });
      opened.push(store);
      return store;
    },
    async close() {
      await Promise.all([events.close(), ...opened.map((s) => s.close())]);
      await doubles.stop();
    },
  };
}

const QUIET: WorkerLogger = { log: () => undefined, warn: (m) => console.warn(m), error: (m) => console.error(m) };

/**
 * Build every read model of the apps from the whole log into an empty document store (what a
 * rebuild does: generations filled page by page, then switched), and return the seconds it took.
 */
export async function rebuildAll(events: EventStore, store: DocumentStore): Promise<number> {
  const head = BigInt(await events.headPosition());
  const projector = new Projector({ events, store, projections: declaredProjections(), logger: QUIET });
  const started = performance.now();
  projector.start();
  try {
    for (;;) {
      const status = await projector.status();
      const failed = status.find((s) => s.state === 'failed');
      if (failed) throw new Error(`projection ${failed.name} failed: ${failed.error ?? ''}`);
      if (status.every((s) => s.state === 'running' && s.checkpoint !== null && BigInt(s.checkpoint) >= head)) break;
      // Each look costs reads of the store (a round trip each on a server): look about 50 times per rebuild,
      // so that looking neither loads the store nor adds more than ~2% to the figure.
      await sleep(Math.min(250, Math.max(10, (performance.now() - started) / 50)));
    }
    return (performance.now() - started) / 1000;
  } finally {
    await projector.stop();
  }
}

/** Latency of an operation (ms) and the CPU time this process spent per operation (ms): our code path alone. */
export interface Timed {
  p50: number;
  p99: number;
  cpuMs: number;
}

/** CPU seconds (user + system) this process has used. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** p50/p99 of `count` sequential runs of `op` (ms), and this process's CPU per run. */
export async function latencies(count: number, op: (i: number) => Promise<unknown>): Promise<Timed> {
  const samples: number[] = [];
  const cpu = ownCpuSeconds();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await op(i);
    samples.push(performance.now() - t);
  }
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    cpuMs: (1000 * (ownCpuSeconds() - cpu)) / count,
  };
}

/** A short stable hex digest, to key synthetic documents like real ones (random-looking, not sequential). */
const hex = (text: string): string => createHash('sha1').update(text).digest('hex').slice(0, 12);

/**
 * The raw batched insert rate of a document store: `count` documents written in batches of `batch`
 * into a fresh collection with the order read model's indexes, with nothing of the projector around
 * them. The documents are copies of real order documents (`source`), re-keyed the way the market's
 * orders are keyed — random ids and pickup codes, a campaign's orders together, times increasing,
 * the market's customers — so that every index sees the same key distribution as in the rebuild. Only the
 * writes are timed (building each batch is not). Returns documents per second.
 */
export async function rawInsertRate(
  store: DocumentStore,
  source: Doc[],
  count: number,
  batch: number,
  collection: string,
): Promise<number> {
  if (source.length === 0) throw new Error('no documents to copy for the raw insert baseline');
  const orders = declaredProjections()
    .flatMap((p) => p.readModels)
    .find((m) => m.collection === GROUP_BUY.orders);
  await store.ensureCollection({ name: collection, indexes: orders?.indexes });
  const base = Date.now();
  const copy = (i: number): Doc => {
    const campaignId = `GB-${hex(`raw-campaign-${Math.floor(i / 500)}`)}`;
    const id = `${campaignId}-${hex(`raw-order-${i}`).slice(0, 10)}`;
    const placedAt = new Date(base + i * 50).toISOString();
    const customer = `bench-c${i % CUSTOMERS}`;
    const pickupCode = hex(`raw-code-${i}`).slice(0, 8).toUpperCase();
    return {
      ...source[i % source.length],
      _id: id,
      _position: String(i + 1),
      orderId: id,
      campaignId,
      customer,
      placedAt,
      pickupCode,
    };
  };
  let seconds = 0;
  for (let i = 0; i < count; i += batch) {
    const ops = Array.from({ length: Math.min(batch, count - i) }, (_, k) => ({
      kind: 'put' as const,
      collection,
      doc: copy(i + k),
    }));
    const started = performance.now();
    await store.write({ ops });
    seconds += (performance.now() - started) / 1000;
  }
  await store.dropCollection(collection);
  return count / seconds;
}
