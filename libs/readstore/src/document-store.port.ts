import type { StoreDiagnostics } from '@gx/eventstore/store-faults';

/**
 * The DocumentStore port: named collections of JSON documents (read models, checkpoints, leases,
 * deadlines). Every adapter (sqlite, mongo) passes test/contract/document-store.contract.ts.
 */

/** A stored document. `_id` is a string; `_position` is the log position that last wrote it. */
export interface Doc {
  _id: string;
  _position?: string;
  [field: string]: unknown;
}

export type Scalar = string | number | boolean | null;

/** A condition on one (dotted) field: equality with a scalar, or operators. */
export type FieldCondition =
  | Scalar
  | {
      $eq?: Scalar;
      $ne?: Scalar;
      $gt?: string | number;
      $gte?: string | number;
      $lt?: string | number;
      $lte?: string | number;
      $in?: Scalar[];
      $exists?: boolean;
    };

/** Conjunction of field conditions (a Mongo-compatible subset). */
export type Filter = Record<string, FieldCondition>;

export type SortSpec = Array<[field: string, direction: 1 | -1]>;

export interface IndexSpec {
  fields: SortSpec;
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes?: IndexSpec[];
}

export interface FindOptions {
  sort?: SortSpec;
  limit?: number;
  skip?: number;
}

/** One write in a batch. `put` replaces the whole document. */
export type WriteOp =
  { kind: 'put'; collection: string; doc: Doc } | { kind: 'delete'; collection: string; id: string; position?: string };

export interface Checkpoint {
  name: string;
  position: string;
}

/**
 * A batch is applied with a per-document position guard: a `put` or `delete` carrying a position
 * is skipped when the stored document already has a position at or beyond it. Replaying a batch
 * therefore changes nothing. The checkpoint, when given, is written after the documents (in the
 * same transaction where the adapter has them).
 */
export interface WriteBatch {
  ops: WriteOp[];
  checkpoint?: Checkpoint;
}

export interface DocumentStore {
  /** Create the collection and its indexes when missing (idempotent). */
  ensureCollection(spec: CollectionSpec): Promise<void>;
  dropCollection(name: string): Promise<void>;
  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null>;
  find<T extends Doc = Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter?: Filter): Promise<number>;
  write(batch: WriteBatch): Promise<void>;
  /**
   * Insert a document only if no document with that id exists; false when it already existed.
   * Used for idempotency records.
   */
  insertIfAbsent(collection: string, doc: Doc): Promise<boolean>;
  getCheckpoint(name: string): Promise<string | null>;
  /**
   * Take or renew the named lease for `owner` until now + ttlMs. True when `owner` holds it
   * afterwards; false when another owner holds an unexpired lease.
   */
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;
  /** Who holds the named lease and until when (epoch ms); null when nobody holds an unexpired one. */
  leaseHolder(name: string): Promise<LeaseHolder | null>;
  /** Readiness probe; while the store is in a write fault it tries a write, and fails while that fails. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Faults and commit timings of an embedded store (absent on adapters whose server keeps its own). */
  readonly diagnostics?: StoreDiagnostics;
}

/** The current holder of a lease. */
export interface LeaseHolder {
  owner: string;
  expiresAt: number;
}

/** A unique index was violated. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`duplicate key in ${collection}: ${key}`);
    this.name = 'DuplicateKeyError';
  }
}

/** Injection token for the DocumentStore port. */
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
