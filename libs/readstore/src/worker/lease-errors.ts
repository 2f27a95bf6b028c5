import type { DocumentStore } from '../document-store.port';

/** A lease that could not be taken or renewed because the store failed (not because another holds it). */
export interface LeaseError {
  lease: string;
  error: string;
  /** ISO time of the first failure in a row. */
  since: string;
}

// Keyed by store: the apps of one process share their stores, so the worker's health sees the
// lease errors of every leased task on its store, and separate stacks (tests) never mix.
const byStore = new WeakMap<DocumentStore, Map<string, LeaseError>>();

/** Record that taking or renewing `lease` failed with `error`. */
export function recordLeaseError(store: DocumentStore, lease: string, error: string, now: Date): void {
  let errors = byStore.get(store);
  if (!errors) {
    errors = new Map();
    byStore.set(store, errors);
  }
  errors.set(lease, { lease, error, since: errors.get(lease)?.since ?? now.toISOString() });
}

/** Taking or renewing `lease` got an answer again (held or not): its error has cleared. */
export function clearLeaseError(store: DocumentStore, lease: string): void {
  byStore.get(store)?.delete(lease);
}

/** The leases whose last attempt on `store` failed with an error, oldest first. */
export function leaseErrors(store: DocumentStore): LeaseError[] {
  return [...(byStore.get(store)?.values() ?? [])].sort((a, b) => a.since.localeCompare(b.since));
}
