import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parkingDecider, type ParkingCommand } from '@gx/domain/operations/parking.decide';
import { parkingStream } from '@gx/domain/operations/parking.events';
import { CommandRunner } from '@gx/eventstore/command-runner';
import type { EventMetadata, EventStore, RecordedEvent } from '@gx/eventstore/event-store.port';
import { SqliteEventStore } from '@gx/eventstore/sqlite/sqlite-event-store';
import type { Doc, DocumentStore } from '@gx/readstore/document-store.port';
import type { Projection } from '@gx/readstore/projection';
import { Projector, type ProjectorOptions } from '@gx/readstore/projector';
import { projectionLease } from '@gx/readstore/projector/generations';
import { SqliteDocumentStore } from '@gx/readstore/sqlite/sqlite-document-store';
import type { WorkerLogger } from '@gx/readstore/worker/worker-logger';

/**
 * Shared setup of the projector, process manager and deadline specs: a real SQLite event store on
 * temp files, and SQLite read models there too unless the Fixture is given another DocumentStore.
 */

const metadata: EventMetadata = {
  schemaVersion: 1,
  correlationId: 'c-1',
  causationId: 'c-1',
  actor: 'user:test',
  occurredAt: '2025-03-01T08:00:00.000Z',
};

/** One process's view of the data directory: its own connections to the shared files. */
export interface Connection {
  events: SqliteEventStore;
  store: DocumentStore;
}

/** Opens one process's own DocumentStore on the data of a directory (a file, or a database named after it). */
export type DocumentStoreOpener = (dir: string) => DocumentStore;

const sqliteStore: DocumentStoreOpener = (dir) => new SqliteDocumentStore({ file: path.join(dir, 'read.db') });

/** A logger that keeps what it is told, so specs stay quiet and can check errors. */
export interface MemoryLogger extends WorkerLogger {
  errors: string[];
  warnings: string[];
}

export function memoryLogger(): MemoryLogger {
  const errors: string[] = [];
  const warnings: string[] = [];
  return { errors, warnings, log: () => undefined, warn: (m) => warnings.push(m), error: (m) => errors.push(m) };
}

/**
 * Temp data directories, connections and workers of one spec file; `cleanup()` (in afterEach)
 * stops workers before closing connections, then removes the directories.
 */
export class Fixture {
  private readonly dirs: string[] = [];
  private readonly connections: Connection[] = [];
  private readonly workers: Array<{ stop(): Promise<void> }> = [];

  /** `openStore` picks the DocumentStore adapter; SQLite files in the directory by default. */
  constructor(private readonly openStore: DocumentStoreOpener = sqliteStore) {}

  newDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-'));
    this.dirs.push(dir);
    return dir;
  }

  connect(dir: string): Connection {
    const connection = {
      events: new SqliteEventStore({ file: path.join(dir, 'events.db'), pollIntervalMs: 10 }),
      store: this.openStore(dir),
    };
    this.connections.push(connection);
    return connection;
  }

  /** Register something to stop at cleanup and return it. */
  track<T extends { stop(): Promise<void> }>(worker: T): T {
    this.workers.push(worker);
    return worker;
  }

  projector(
    connection: { events: EventStore; store: DocumentStore },
    projections: Projection[],
    options: Partial<ProjectorOptions> = {},
  ): Projector {
    const projector = this.track(
      new Projector({
        events: connection.events,
        store: connection.store,
        projections,
        leaseTtlMs: 300,
        flushMs: 5,
        idleProbeMs: 10,
        retryMs: 20,
        logger: memoryLogger(),
        ...options,
      }),
    );
    projector.start();
    return projector;
  }

  /** Stop every worker and close every connection, as when all processes exit; the files stay. */
  async shutdown(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.stop()));
    await Promise.all(this.connections.splice(0).flatMap((c) => [c.events.close(), c.store.close()]));
  }

  async cleanup(): Promise<void> {
    await this.shutdown();
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Append one event to a stream; returns its position. */
export async function append(connection: Connection, streamId: string, type: string, data: unknown): Promise<string> {
  return (await connection.events.append(streamId, [{ type, data, metadata }], 'any')).position;
}

/** Poll until `check` holds, failing after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Resolve once the holder of `projection`'s lease has renewed it `times` times (its expiry moved on each
 * time): a standby, retrying at the same pace, has competed for it as often. Observed, not slept for.
 */
export async function leaseRenewals(
  store: DocumentStore,
  projection: string,
  times: number,
  timeoutMs = 5000,
): Promise<void> {
  const expiries = new Set<number>();
  await eventually(async () => {
    const holder = await store.leaseHolder(projectionLease(projection));
    if (holder) expiries.add(holder.expiresAt);
    return expiries.size > times;
  }, timeoutMs);
}

/** Documents without the store's bookkeeping, for comparisons. */
export function plain(docs: Doc[]): Array<Record<string, unknown>> {
  return docs.map(({ _position: _ignored, ...rest }) => rest);
}

interface OrderData {
  orderId: string;
  customer?: string;
  total?: number;
}

/**
 * The projection of the specs: `orders` (one document per order, deleted on cancel) and
 * `customer_totals`, a running sum that shows at once if any event is applied twice.
 * Version 2 adds a `large` flag; evolving the order `poison` throws.
 */
export function ordersProjection(version = 1): Projection {
  return {
    name: 'orders',
    version,
    filter: { streamPrefixes: ['order-'] },
    readModels: [
      {
        collection: 'orders',
        indexes: [{ fields: [['customer', 1]] }],
        ids: (event: RecordedEvent) => [(event.data as OrderData).orderId],
        evolve: (doc, event, id) => {
          const data = event.data as OrderData;
          if (event.type === 'OrderPlaced') {
            if (data.orderId === 'poison') throw new Error('cannot project the poison order');
            return {
              _id: id,
              customer: data.customer,
              total: data.total,
              status: 'placed',
              ...(version >= 2 ? { large: (data.total ?? 0) >= 100 } : {}),
            };
          }
          if (event.type === 'OrderPaid') return doc && { ...doc, status: 'paid' };
          if (event.type === 'OrderCancelled') return null;
          return doc;
        },
      },
      {
        collection: 'customer_totals',
        ids: (event) => (event.type === 'OrderPlaced' ? [(event.data as OrderData).customer ?? ''] : []),
        evolve: (doc, event, id) => ({
          _id: id,
          orders: Number(doc?.orders ?? 0) + 1,
          spent: Number(doc?.spent ?? 0) + ((event.data as OrderData).total ?? 0),
        }),
      },
    ],
  };
}

/** Place an order; returns its position. */
export function placeOrder(connection: Connection, orderId: string, customer: string, total: number): Promise<string> {
  return append(connection, `order-${orderId}`, 'OrderPlaced', { orderId, customer, total });
}

/** What an operator does through the operations app, on the same stream and decider. */
export async function operator(c: Connection, command: ParkingCommand, actor = 'operator1'): Promise<string> {
  const ctx = { commandId: randomUUID(), actor, correlationId: 'c-op', now: '2026-12-02T00:00:00.000Z' };
  return (
    await new CommandRunner(c.events).execute(parkingDecider, parkingStream(command.kind, command.name), command, ctx)
  ).position;
}

/** The event reference an operator acts on, as GET /projections shows it. */
export function refOf(failing: { position: string; eventId: string; type: string; streamId: string; error: string }) {
  const { position, eventId, type, streamId, error } = failing;
  return { position, eventId, type, streamId, error };
}
