import type Database from 'better-sqlite3';
import type { AllFilter, EventMetadata, RecordedEvent } from '../event-store.port';

interface EventRow {
  position: bigint;
  id: string;
  stream_id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
}

/** The last event of a stream: its revision and global position. */
export interface StreamTip {
  revision: number;
  position: bigint;
}

/** One event ready to insert: JSON already serialised. */
export interface EventInsert {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

const COLUMNS = 'position, id, stream_id, revision, type, data, metadata';
// System streams ($-prefixed) are internal bookkeeping and are never delivered by $all reads.
const NOT_SYSTEM = `substr(stream_id, 1, 1) <> '$'`;
// SQLite's `LIMIT -1` means "no limit".
const NO_LIMIT = -1;

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: row.position.toString(),
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}

/** Empty lists are treated like absent ones: they place no restriction. */
function activeFilter(filter: AllFilter | undefined): { prefixes: string[]; types: string[] } {
  return { prefixes: filter?.streamPrefixes ?? [], types: filter?.eventTypes ?? [] };
}

/**
 * Every SQL statement of the event log, prepared once per connection.
 * All methods are synchronous (better-sqlite3); callers decide about transactions.
 */
export class EventLogQueries {
  private readonly insertStmt: Database.Statement<[EventInsert]>;
  private readonly tipStmt: Database.Statement<[string], { revision: bigint; position: bigint }>;
  private readonly headStmt: Database.Statement<[], { head: bigint | null }>;
  private readonly streamStmt: Database.Statement<[string, number, number], EventRow>;
  /** $all statements differ by the number of prefixes/types and whether an upper bound is given. */
  private readonly allStmts = new Map<string, Database.Statement<unknown[], EventRow>>();

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO events (id, stream_id, revision, type, data, metadata)
       VALUES (@id, @streamId, @revision, @type, @data, @metadata)`,
    );
    this.tipStmt = db.prepare(
      'SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.headStmt = db.prepare('SELECT max(position) AS head FROM events');
    this.streamStmt = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    );
  }

  /** Insert one event and return its global position. */
  insert(event: EventInsert): bigint {
    return BigInt(this.insertStmt.run(event).lastInsertRowid);
  }

  /** Revision and position of the stream's last event; undefined when the stream does not exist. */
  tip(streamId: string): StreamTip | undefined {
    const row = this.tipStmt.get(streamId);
    return row && { revision: Number(row.revision), position: row.position };
  }

  /** Position of the last event in the log (system streams included); 0 when empty. */
  head(): bigint {
    return this.headStmt.get()?.head ?? 0n;
  }

  readStream(streamId: string, fromRevision: number, maxCount: number | undefined): RecordedEvent[] {
    return this.streamStmt.all(streamId, fromRevision, maxCount ?? NO_LIMIT).map(toRecorded);
  }

  /** Non-system events with `after < position <= upTo` (no upper bound when upTo is absent). */
  readAll(after: bigint, upTo: bigint | undefined, maxCount: number | undefined, filter?: AllFilter): RecordedEvent[] {
    const { prefixes, types } = activeFilter(filter);
    const params: unknown[] = [after];
    if (upTo !== undefined) params.push(upTo);
    // Each prefix is bound twice: substr/length count characters, which JS string length does not.
    for (const prefix of prefixes) params.push(prefix, prefix);
    params.push(...types, maxCount ?? NO_LIMIT);
    return this.allStatement(prefixes.length, types.length, upTo !== undefined)
      .all(...params)
      .map(toRecorded);
  }

  private allStatement(
    prefixCount: number,
    typeCount: number,
    bounded: boolean,
  ): Database.Statement<unknown[], EventRow> {
    const key = `${prefixCount}:${typeCount}:${bounded}`;
    let stmt = this.allStmts.get(key);
    if (!stmt) {
      const where = ['position > ?', NOT_SYSTEM];
      if (bounded) where.push('position <= ?');
      if (prefixCount > 0) {
        where.push(`(${Array(prefixCount).fill('substr(stream_id, 1, length(?)) = ?').join(' OR ')})`);
      }
      if (typeCount > 0) where.push(`type IN (${Array(typeCount).fill('?').join(', ')})`);
      stmt = this.db.prepare<unknown[], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
      );
      this.allStmts.set(key, stmt);
    }
    return stmt;
  }
}
