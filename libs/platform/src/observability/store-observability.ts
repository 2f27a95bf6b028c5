import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ContentionObserver } from '@gx/eventstore/command-runner';
import type { StoreDiagnostics } from '@gx/eventstore/store-faults';
import type { HealthCheckResult, HealthIndicator } from './health';

/** A store as health and metrics see it: the ping of its port and, when embedded, its diagnostics. */
export interface ObservedStore {
  /** Health check name and metric label: `eventStore`, `documentStore`, `idempotencyStore`. */
  name: string;
  store: { ping(): Promise<void>; readonly diagnostics?: StoreDiagnostics };
  /** Details of a healthy store (e.g. the log's head). */
  details?: () => Promise<Record<string, unknown>>;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The readiness check of a store: down while its ping fails, naming the store (file) and the
 * fault — the ping of an embedded store in a write fault tries a write, so the check comes back
 * up once the disk takes writes again.
 */
export function storeHealthCheck({ name, store, details }: ObservedStore): HealthIndicator {
  return {
    name,
    check: async (): Promise<HealthCheckResult> => {
      try {
        await store.ping();
      } catch (err) {
        const fault = store.diagnostics?.fault();
        return {
          status: 'down',
          details: { store: store.diagnostics?.location ?? name, error: message(err), ...(fault && { fault }) },
        };
      }
      return { status: 'up', ...(details && { details: await details() }) };
    },
  };
}

const SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Store metrics of the embedded stores among `stores` (adapters without diagnostics are skipped):
 * `store_write_fault{store}` (1 while the store refuses writes), `store_write_faults_total{store,code}`,
 * `store_lock_wait_seconds{store}` and `store_commit_seconds{store}`. Returns the function that
 * detaches the commit observers (the stores may outlive the app that registered them).
 */
export function registerStoreMetrics(registry: Registry, stores: ObservedStore[]): () => void {
  const embedded = stores.flatMap(({ name, store }) =>
    store.diagnostics ? [{ name, diagnostics: store.diagnostics }] : [],
  );
  new Gauge({
    name: 'store_write_fault',
    help: 'Whether the store refuses writes now (disk full or read-only, I/O error): 1, else 0',
    labelNames: ['store'],
    registers: [registry],
    collect() {
      for (const { name, diagnostics } of embedded) this.set({ store: name }, diagnostics.fault() ? 1 : 0);
    },
  });
  const reported = new Map<string, number>();
  new Counter({
    name: 'store_write_faults_total',
    help: 'Writes refused by a store fault, by store and error code',
    labelNames: ['store', 'code'],
    registers: [registry],
    collect() {
      for (const { name, diagnostics } of embedded) {
        for (const [code, count] of diagnostics.faultCounts()) {
          const key = `${name}\u0000${code}`;
          const delta = count - (reported.get(key) ?? 0);
          if (delta > 0) this.inc({ store: name, code }, delta);
          reported.set(key, count);
        }
      }
    },
  });
  const lockWait = new Histogram({
    name: 'store_lock_wait_seconds',
    help: "Time a group commit waited for the store's write lock (another process's transaction)",
    labelNames: ['store'],
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const commit = new Histogram({
    name: 'store_commit_seconds',
    help: 'Time from holding the write lock to the commit of a group of writes',
    labelNames: ['store'],
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const detach = embedded.map(({ name, diagnostics }) =>
    diagnostics.observeCommits((sample) => {
      lockWait.observe({ store: name }, sample.lockWaitSeconds);
      commit.observe({ store: name }, sample.commitSeconds);
    }),
  );
  return () => detach.forEach((stop) => stop());
}

/**
 * Optimistic-concurrency metrics of the CommandRunner: `command_conflicts_total{category}` (a batch's
 * append found the stream moved on: another process wrote it) and `command_retries_total{category}`
 * (the batch was decided again on the new tail; a conflict without a retry ran out of them).
 */
export function registerContentionMetrics(registry: Registry): ContentionObserver {
  const conflicts = new Counter({
    name: 'command_conflicts_total',
    help: 'Revision conflicts of command appends, by stream category',
    labelNames: ['category'],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'command_retries_total',
    help: 'Command batches decided again after a revision conflict, by stream category',
    labelNames: ['category'],
    registers: [registry],
  });
  return (category, outcome) => {
    conflicts.inc({ category });
    if (outcome === 'retry') retries.inc({ category });
  };
}
