/**
 * The transaction log of the EventStoreDB fake: one append-only list of event records with
 * per-stream indexes, the expected-revision rules of a real node and byte-sized log positions.
 */

/** An event as the fake stores it (the fields a real node's event record has). */
export interface StoredRecord {
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  /** `application/json` or `application/octet-stream`. */
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as a real node reports `created`. */
  created: bigint;
  /** Log position of the record; commit and prepare position are equal for non-transactional writes. */
  position: bigint;
}

/** An event proposed by a client append. */
export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

/** The expected stream state of an append, as the gRPC options carry it. */
export type ExpectedState =
  { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: bigint };

/** What an append did; `current` is the stream's last revision (undefined: the stream does not exist). */
export type AppendOutcome =
  | { ok: true; current: bigint | undefined; position: bigint | undefined }
  | { ok: false; current: bigint | undefined; expected: ExpectedState };

/** Bytes of a record besides its variable parts (length prefix/suffix, flags, ids, positions, timestamps). */
const RECORD_OVERHEAD = 96;
/** Where the first event lands by default: a real chunk starts with the epoch record, never with an event. */
const FIRST_EVENT_POSITION = 512n;

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * In-memory log. Positions grow by each record's size on disk, so they are strictly increasing and
 * never contiguous, like a real node's; listeners are told after every non-empty append.
 */
export class FakeLog {
  private readonly all: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly listeners = new Set<() => void>();
  private nextPosition: bigint;

  constructor(firstPosition: bigint = FIRST_EVENT_POSITION) {
    this.nextPosition = firstPosition;
  }

  /** Number of records in the log; `recordAt(i)` for `i` below it. */
  get length(): number {
    return this.all.length;
  }

  recordAt(index: number): StoredRecord {
    const record = this.all[index];
    if (record === undefined) throw new RangeError(`no record at index ${index}`);
    return record;
  }

  /** Events of one stream in revision order, or undefined when the stream does not exist. */
  stream(streamId: string): readonly StoredRecord[] | undefined {
    return this.streams.get(streamId);
  }

  /** Index of the first record at or after `position` (`length` when there is none). */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.recordAt(mid).position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Appends atomically when the expected state holds; an empty append only checks it. */
  append(streamId: string, events: readonly ProposedEvent[], expected: ExpectedState): AppendOutcome {
    const existing = this.streams.get(streamId);
    const current = existing === undefined ? undefined : BigInt(existing.length - 1);
    if (!holds(expected, current)) return { ok: false, current, expected };
    if (events.length === 0) return { ok: true, current, position: undefined };
    const records = existing ?? [];
    const ticks = BigInt(Date.now()) * 10_000n;
    let last: StoredRecord | undefined;
    for (const event of events) {
      last = { ...event, streamId, revision: BigInt(records.length), created: ticks, position: this.nextPosition };
      this.nextPosition += BigInt(
        RECORD_OVERHEAD + utf8Length(streamId) + utf8Length(event.type) + event.data.length + event.metadata.length,
      );
      records.push(last);
      this.all.push(last);
    }
    this.streams.set(streamId, records);
    for (const listener of [...this.listeners]) listener();
    return { ok: true, current: BigInt(records.length - 1), position: last?.position };
  }

  /** Calls `listener` after every non-empty append until the returned function is called. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function holds(expected: ExpectedState, current: bigint | undefined): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    case 'revision':
      return current === expected.revision;
    default: {
      const unknown: never = expected;
      throw new Error(`unknown expected state ${JSON.stringify(unknown)}`);
    }
  }
}

const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');

/**
 * Writes the system events a freshly started single node has in `$all`: default users, settings,
 * stream metadata, projection bootstrap and a stats sample. All are in `$`-prefixed streams and
 * have `$`-prefixed types, so a client that forgets to filter them sees them.
 */
export function seedSystemEvents(log: FakeLog, newId: () => string): void {
  const system = (streamId: string, type: string, data: unknown, metadata?: unknown): void => {
    const event: ProposedEvent = {
      id: newId(),
      type,
      contentType: 'application/json',
      data: json(data),
      metadata: metadata === undefined ? new Uint8Array() : json(metadata),
    };
    log.append(streamId, [event], { kind: 'any' });
  };
  system('$$$users', '$metadata', { $acl: { $r: '$admins', $w: '$admins' } });
  system('$user-admin', '$user', {
    loginName: 'admin',
    fullName: 'Event Store Administrator',
    groups: ['$admins'],
    disabled: false,
  });
  system('$users', '$UserCreated', 'admin');
  system('$user-ops', '$user', {
    loginName: 'ops',
    fullName: 'Event Store Operations',
    groups: ['$ops'],
    disabled: false,
  });
  system('$users', '$UserCreated', 'ops');
  system('$settings', '$settings', { $userStreamAcl: { $r: '$all' }, $systemStreamAcl: { $r: '$admins' } });
  system('$$$scavenges', '$metadata', { $maxAge: 2_592_000 });
  system('$projections-$all', '$ProjectionsInitialized', {});
  system('$$$stats-127.0.0.1:2113', '$metadata', { $maxAge: 86_400 });
  system('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-startTime': '2025-01-01T00:00:00Z', 'sys-cpu': 1.5 });
}
