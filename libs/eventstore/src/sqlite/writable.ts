import type Database from 'better-sqlite3';
import { storeFaultCode } from '../store-faults';

/**
 * A real write that allocates pages and commits: what a full or read-only disk refuses, where a
 * read or an empty transaction would still succeed. Run inside a transaction or on its own.
 */
export function probeWrite(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS gx_write_probe (x BLOB)');
  db.exec('INSERT INTO gx_write_probe VALUES (zeroblob(16384)); DELETE FROM gx_write_probe');
}

/**
 * Refuse a database this process cannot write. better-sqlite3 silently opens a file it may not
 * write read-only and stays so for the life of the connection: an app started like that would
 * answer every write with an error until restarted, so it must not start at all.
 */
export function assertWritable(db: Database.Database): void {
  if (db.readonly)
    throw Object.assign(new Error('the file is read-only for this process'), { code: 'SQLITE_READONLY' });
  db.transaction(() => probeWrite(db)).immediate();
}

/**
 * The start-up error for a store file that cannot be opened for writing, naming the path; other
 * errors (a newer schema, a missing native module) pass unchanged.
 */
export function unwritableStore(file: string, err: unknown): unknown {
  if (storeFaultCode(err) === undefined) return err;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const reason = err instanceof Error ? err.message : String(err);
  return new Error(`cannot write the store ${file}${typeof code === 'string' ? ` (${code})` : ''}: ${reason}`, {
    cause: err,
  });
}
