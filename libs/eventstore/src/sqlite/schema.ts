import Database from 'better-sqlite3';
import { assertWritable, unwritableStore } from './writable';

/** Version stored in `PRAGMA user_version`; bump together with a migration in {@link openEventDatabase}. */
export const EVENT_SCHEMA_VERSION = 1;

// `position` is the rowid: AUTOINCREMENT makes SQLite remember the highest position ever handed out
// (in sqlite_sequence), so a position is never reused even if the newest rows were ever removed.
// The (stream_id, revision) unique index doubles as the O(log n) "current revision of a stream" lookup,
// so no separate streams table has to be kept in step with the log.
const DDL = `
CREATE TABLE IF NOT EXISTS events (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  id        TEXT    NOT NULL UNIQUE,
  stream_id TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL,
  metadata  TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
`;

/**
 * Open (and create or check the schema of) an event database file.
 * Several processes may open the same file at once: the busy timeout makes them queue for the write lock.
 */
export function openEventDatabase(file: string, busyTimeoutMs = 5000): Database.Database {
  let db: Database.Database | undefined;
  try {
    const opened = new Database(file);
    db = opened;
    // Set first, so that the pragmas and the schema creation below also wait instead of failing.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // WAL lets readers (subscriptions, queries) run while a writer appends; NORMAL is durable across
    // application crashes and only loses the last commits on power loss, at a fraction of FULL's cost.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Positions may outgrow 2^53; every integer goes through BigInt so none is silently rounded.
    db.defaultSafeIntegers(true);
    const migrate = opened.transaction(() => {
      const version = Number(opened.pragma('user_version', { simple: true }));
      if (version > EVENT_SCHEMA_VERSION) {
        throw new Error(`${file}: event schema version ${version} is newer than this code (${EVENT_SCHEMA_VERSION})`);
      }
      if (version < EVENT_SCHEMA_VERSION) {
        opened.exec(DDL);
        opened.pragma(`user_version = ${EVENT_SCHEMA_VERSION}`);
      }
    });
    // IMMEDIATE: two processes starting together must not both see version 0 and race on the DDL.
    migrate.immediate();
    if (file !== ':memory:') assertWritable(db);
    return db;
  } catch (err) {
    db?.close();
    throw unwritableStore(file, err);
  }
}
