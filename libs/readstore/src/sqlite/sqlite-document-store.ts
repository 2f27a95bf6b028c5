import type Database from 'better-sqlite3';
import { GroupCommit } from '@gx/eventstore/sqlite/group-commit';
import { checkpointInBackground } from '@gx/eventstore/sqlite/wal-checkpointer';
import type { StoreDiagnostics } from '@gx/eventstore/store-faults';
import {
  DuplicateKeyError,
  type CollectionSpec,
  type Doc,
  type DocumentStore,
  type Filter,
  type FindOptions,
  type LeaseHolder,
  type WriteBatch,
  type WriteOp,
} from '../document-store.port';
import {
  createIndexSql,
  createTableSql,
  indexName,
  isMissingTable,
  openDocumentDatabase,
  padPosition,
  quoted,
  tableName,
  unpadPosition,
  violatedIndex,
} from './document-schema';
import { orderSql, whereSql } from './filter-sql';

/** Options of {@link SqliteDocumentStore}. */
export interface SqliteDocumentStoreOptions {
  /** Database file; `:memory:` for a private store (no cross-process visibility then). */
  file: string;
  /** How long a write waits for another process's write lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
}

/** A write op with its table, JSON and padded position computed before the transaction starts. */
interface PreparedOp {
  op: WriteOp;
  table: string;
  id: string;
  position: string | null;
  json?: string;
}

// Statements are cached by their SQL text; app code has a bounded number of query shapes, and the
// cap only protects against a caller that builds unbounded ones.
const STATEMENT_CACHE_LIMIT = 1000;

function prepareOp(op: WriteOp): PreparedOp {
  const table = tableName(op.collection);
  if (op.kind === 'delete') {
    if (typeof op.id !== 'string' || op.id.length === 0)
      throw new TypeError(`delete in ${op.collection}: id must be a non-empty string`);
    return { op, table, id: op.id, position: op.position === undefined ? null : padPosition(op.position) };
  }
  return { op, table, ...serialise(op.collection, op.doc) };
}

function serialise(collection: string, doc: Doc): { id: string; position: string | null; json: string } {
  if (doc === null || typeof doc !== 'object' || typeof doc._id !== 'string' || doc._id.length === 0) {
    throw new TypeError(`document for ${collection} needs a non-empty string _id`);
  }
  const position = doc._position === undefined ? null : padPosition(doc._position);
  return { id: doc._id, position, json: JSON.stringify(doc) };
}

function valueAt(doc: Doc | undefined, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split('.'))
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * The embedded DocumentStore: one SQLite file (WAL), one table per collection holding
 * `id`, `position` (zero-padded, so text order is numeric order) and the JSON document. Declared
 * indexes are expression indexes on `json_extract`, which the filter translation reuses verbatim.
 * A batch, its position guards and its checkpoint commit in one transaction.
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** Fields of the unique indexes this instance declared, to name the key in a DuplicateKeyError. */
  private readonly uniqueFields = new Map<string, string[]>();
  /**
   * Writes (batches, inserts, DDL) of one event-loop turn commit in one transaction, each in its own
   * savepoint: a batch with its guards and checkpoint stays atomic, and many small writes (one
   * idempotency record per request, say) pay for one commit between them.
   */
  private readonly commits: GroupCommit;
  private readonly stopCheckpoints: () => void;

  constructor(options: SqliteDocumentStoreOptions) {
    this.db = openDocumentDatabase(options.file, options.busyTimeoutMs ?? 5000);
    this.commits = new GroupCommit(this.db);
    this.stopCheckpoints = checkpointInBackground(this.db);
  }

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    const table = tableName(spec.name);
    const indexes = spec.indexes ?? [];
    const sql = [createTableSql(table), ...indexes.map((index) => createIndexSql(table, index))];
    for (const index of indexes) {
      if (index.unique)
        this.uniqueFields.set(
          indexName(table, index),
          index.fields.map(([field]) => field),
        );
    }
    // Through the group commit like every write, so it applies in order with writes already submitted.
    await this.commits.run(() => {
      for (const statement of sql) this.db.exec(statement);
    });
  }

  async dropCollection(name: string): Promise<void> {
    const table = tableName(name);
    await this.commits.run(() => this.db.exec(`DROP TABLE IF EXISTS ${quoted(table)}`));
    for (const sql of this.statements.keys()) if (sql.includes(quoted(table))) this.statements.delete(sql);
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    const table = tableName(collection);
    const row = this.read(() => this.statement(`SELECT doc FROM ${quoted(table)} WHERE id = ?`).get(id), undefined) as
      { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  async find<T extends Doc = Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]> {
    const table = tableName(collection);
    const where = whereSql(filter);
    const limit = options?.limit ?? 0; // 0 means none, as in MongoDB
    const skip = options?.skip ?? 0;
    if (!(Number.isSafeInteger(limit) && Number.isSafeInteger(skip) && limit >= 0 && skip >= 0)) {
      throw new RangeError('limit and skip must be non-negative integers');
    }
    const sql = `SELECT doc FROM ${quoted(table)} WHERE ${where.sql} ORDER BY ${orderSql(options?.sort)} LIMIT ? OFFSET ?`;
    // SQLite reads a negative LIMIT as "no limit".
    const sqlLimit = limit === 0 ? -1 : limit;
    const rows = this.read(() => this.statement(sql).all(...where.params, sqlLimit, skip), []) as Array<{
      doc: string;
    }>;
    return rows.map((row) => JSON.parse(row.doc) as T);
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    const table = tableName(collection);
    const where = whereSql(filter);
    const row = this.read(
      () => this.statement(`SELECT count(*) AS n FROM ${quoted(table)} WHERE ${where.sql}`).get(...where.params),
      undefined,
    ) as { n: number } | undefined;
    return row ? Number(row.n) : 0;
  }

  async write(batch: WriteBatch): Promise<void> {
    const ops = batch.ops.map(prepareOp);
    const checkpoint = batch.checkpoint && {
      name: batch.checkpoint.name,
      position: padPosition(batch.checkpoint.position),
    };
    if (ops.length === 0 && !checkpoint) return;
    await this.commits.run(() => {
      const created = new Set<string>();
      for (const prepared of ops) {
        // Collections are created on first write, as MongoDB does; indexes come from ensureCollection.
        if (!created.has(prepared.table)) this.statement(createTableSql(prepared.table)).run();
        created.add(prepared.table);
        this.apply(prepared);
      }
      if (checkpoint) {
        this.statement(
          'INSERT INTO gx_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
        ).run(checkpoint.name, checkpoint.position);
      }
    });
  }

  async insertIfAbsent(collection: string, doc: Doc): Promise<boolean> {
    const table = tableName(collection);
    const { id, position, json } = serialise(collection, doc);
    const insert = (): boolean => {
      this.statement(createTableSql(table)).run();
      const sql = `INSERT INTO ${quoted(table)} (id, position, doc) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING`;
      try {
        return this.statement(sql).run(id, position, json).changes === 1;
      } catch (err) {
        throw this.duplicateKey(err, collection, table, doc);
      }
    };
    return this.commits.run(insert);
  }

  async getCheckpoint(name: string): Promise<string | null> {
    const row = this.statement('SELECT position FROM gx_checkpoints WHERE name = ?').get(name) as
      { position: string } | undefined;
    return row ? unpadPosition(row.position) : null;
  }

  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    if (!(Number.isFinite(ttlMs) && ttlMs > 0)) throw new RangeError(`lease ttl must be positive, got ${ttlMs}`);
    const now = Date.now();
    // One statement: the insert, the renewal by the same owner and the takeover of an expired lease
    // are decided atomically under SQLite's write lock, across processes.
    const result = this.statement(
      `INSERT INTO gx_leases (name, owner, expires_at) VALUES (@name, @owner, @expires)
       ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE gx_leases.owner = excluded.owner OR gx_leases.expires_at <= @now`,
    ).run({ name, owner, expires: now + Math.ceil(ttlMs), now });
    return result.changes === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.statement('DELETE FROM gx_leases WHERE name = ? AND owner = ?').run(name, owner);
  }

  async leaseHolder(name: string): Promise<LeaseHolder | null> {
    const row = this.statement('SELECT owner, expires_at FROM gx_leases WHERE name = ? AND expires_at > ?').get(
      name,
      Date.now(),
    ) as { owner: string; expires_at: number } | undefined;
    return row ? { owner: row.owner, expiresAt: Number(row.expires_at) } : null;
  }

  /** Also tries a write while a write fault lasts, so the fault clears without a client write. */
  async ping(): Promise<void> {
    this.statement('SELECT 1').get();
    await this.commits.probe();
  }

  get diagnostics(): StoreDiagnostics {
    return this.commits.diagnostics;
  }

  /**
   * The SQLite connection itself, for diagnostics. Tests make SQLite refuse writes through it with
   * pragmas that bind root too (`query_only`: SQLITE_READONLY, `max_page_count`: SQLITE_FULL).
   */
  get connection(): Database.Database {
    return this.db;
  }

  async close(): Promise<void> {
    if (this.db.open) {
      this.commits.flush();
      this.stopCheckpoints();
      this.db.close();
    }
    this.statements.clear();
  }

  private apply(prepared: PreparedOp): void {
    const { op, table, id, position, json } = prepared;
    const t = quoted(table);
    try {
      if (op.kind === 'delete') {
        this.statement(
          `DELETE FROM ${t} WHERE id = @id AND (@position IS NULL OR position IS NULL OR position < @position)`,
        ).run({
          id,
          position,
        });
        return;
      }
      // The position guard: an op never overwrites a document written at or beyond its position.
      this.statement(
        `INSERT INTO ${t} (id, position, doc) VALUES (?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET position = excluded.position, doc = excluded.doc
         WHERE excluded.position IS NULL OR ${t}.position IS NULL OR ${t}.position < excluded.position`,
      ).run(id, position, json);
    } catch (err) {
      throw this.duplicateKey(err, op.collection, table, op.kind === 'put' ? op.doc : undefined);
    }
  }

  /** Map a unique-index violation to the port's error; other errors pass through. */
  private duplicateKey(err: unknown, collection: string, table: string, doc: Doc | undefined): unknown {
    const index = violatedIndex(err);
    if (index === undefined) return err;
    const fields = this.uniqueFields.get(index);
    const key = fields
      ? `${fields.join(',')}=${JSON.stringify(fields.map((field) => valueAt(doc, field)))}`
      : `${table}: ${index}`;
    return new DuplicateKeyError(collection, key);
  }

  /** A query on a collection that does not exist (yet, or any more) reads as empty, as in MongoDB. */
  private read<T>(query: () => T, empty: T): T {
    try {
      return query();
    } catch (err) {
      if (isMissingTable(err)) return empty;
      throw err;
    }
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
