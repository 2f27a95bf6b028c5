import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { assertWritable, unwritableStore } from '@gx/eventstore/sqlite/writable';
import type { IndexSpec } from '../document-store.port';
import { checkField, indexExpression } from './filter-sql';

// Internal tables carry a `gx_` prefix and collections a `c_` prefix, so no collection name can
// reach them, and the file may even be shared with the event log (whose table is `events`).
const INTERNAL_DDL = `
CREATE TABLE IF NOT EXISTS gx_checkpoints (
  name     TEXT PRIMARY KEY,
  position TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gx_leases (
  name       TEXT PRIMARY KEY,
  owner      TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

/** Open a read-model database file (WAL, NORMAL sync, busy timeout) and create the internal tables. */
export function openDocumentDatabase(file: string, busyTimeoutMs: number): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    // First, so that the pragmas and DDL below wait for other processes instead of failing.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    // Durable across process crashes; only the last commits can be lost on power loss, and a
    // projection replays them from its checkpoint anyway.
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache per connection (SQLite's default is 2 MiB), filled only as pages are read:
    // projections read the document they fold into, and read models of a few hundred thousand
    // documents outgrow the default, sending every random key to the OS.
    db.pragma('cache_size = -65536');
    const opened = db;
    opened.transaction(() => opened.exec(INTERNAL_DDL)).immediate();
    if (file !== ':memory:') assertWritable(opened);
    return opened;
  } catch (err) {
    db?.close();
    throw unwritableStore(file, err);
  }
}

function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 10);
}

/**
 * The table of a collection: `c_<name>`, where characters other than letters, digits and `_` become
 * `_` and a hash of the original name is appended, so two different names never share a table.
 */
export function tableName(collection: string): string {
  if (typeof collection !== 'string' || collection.length === 0 || collection.length > 200) {
    throw new TypeError(`invalid collection name: ${JSON.stringify(collection)}`);
  }
  const safe = collection.replace(/[^A-Za-z0-9_]/g, '_');
  return safe === collection ? `c_${safe}` : `c_${safe}_${shortHash(collection)}`;
}

/** Quote an identifier that {@link tableName} or {@link indexName} produced. */
export function quoted(identifier: string): string {
  return `"${identifier}"`;
}

/** DDL of a collection's table; `position` is the padded position of the last guarded write. */
export function createTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoted(table)} (id TEXT PRIMARY KEY, position TEXT, doc TEXT NOT NULL)`;
}

/** Index names derive from the whole spec, so a changed spec creates a new index instead of clashing. */
export function indexName(table: string, spec: IndexSpec): string {
  const fields = spec.fields.map(([field, direction]) => `${checkField(field)}:${direction}`).join(',');
  return `ix_${table}_${shortHash(`${fields}|${spec.unique ? 'u' : ''}`)}`;
}

/** DDL of a declared index, on the same `json_extract` expressions the filters use. */
export function createIndexSql(table: string, spec: IndexSpec): string {
  if (spec.fields.length === 0) throw new TypeError(`index on ${table} needs at least one field`);
  const columns = spec.fields
    .map(([field, direction]) => `${indexExpression(field)} ${direction === -1 ? 'DESC' : 'ASC'}`)
    .join(', ');
  const unique = spec.unique ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX IF NOT EXISTS ${quoted(indexName(table, spec))} ON ${quoted(table)} (${columns})`;
}

export { padPosition, unpadPosition } from '../position-padding';

/**
 * Code and message of a driver error. Duck-typed on purpose: `instanceof Error` fails for errors
 * the native driver creates when the caller runs in another realm (a Jest sandbox, for one).
 */
function sqliteError(err: unknown): { code: unknown; message: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return typeof message === 'string' ? { code, message } : undefined;
}

/** SQLite reports a query on a dropped or never-created collection this way. */
export function isMissingTable(err: unknown): boolean {
  const e = sqliteError(err);
  return e?.code === 'SQLITE_ERROR' && e.message.startsWith('no such table');
}

/** The index named in a unique violation, or undefined for other errors. */
export function violatedIndex(err: unknown): string | undefined {
  const e = sqliteError(err);
  if (e?.code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
  return /index '([^']+)'/.exec(e.message)?.[1] ?? e.message;
}
