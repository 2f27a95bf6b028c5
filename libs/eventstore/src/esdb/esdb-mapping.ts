/**
 * Translations between the EventStore port and `@eventstore/db-client` 6.x: expected revisions,
 * $all filters, recorded events and positions.
 */
import {
  ANY,
  ErrorType,
  NO_STREAM,
  STREAM_EXISTS,
  eventTypeFilter,
  isCommandError,
  streamNameFilter,
  type AppendExpectedRevision,
  type Filter,
  type ResolvedEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import type { AllFilter, EventMetadata, ExpectedRevision, RecordedEvent } from '../event-store.port';

/** Maps the port's expected revision to the client's (numbers become exact bigints). */
export function toClientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      if (!(Number.isSafeInteger(expected) && expected >= 0)) {
        throw new RangeError(`expected revision must be a non-negative integer, got ${String(expected)}`);
      }
      return BigInt(expected);
  }
}

export function parsePosition(position: string): bigint {
  if (!/^\d+$/.test(position)) throw new RangeError(`invalid log position: ${JSON.stringify(position)}`);
  return BigInt(position);
}

export function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

const isSystem = (name: string): boolean => name.startsWith('$');
const escapeRegex = (text: string): string => text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
/** Matches no event type; used when every requested type or prefix is a system one. */
const NOTHING = '(?!)';

/**
 * The server-side part of a port filter. The node filters on one dimension only (stream name or
 * event type), so this picks the most selective one and {@link accepts} checks the rest:
 * explicit event types, else stream prefixes, else "no `$`-prefixed event type".
 */
export function serverFilter(filter: AllFilter | undefined): Filter {
  const types = filter?.eventTypes ?? [];
  const prefixes = filter?.streamPrefixes ?? [];
  if (types.length > 0) {
    const wanted = types.filter((type) => !isSystem(type));
    return eventTypeFilter({ regex: wanted.length ? `^(?:${wanted.map(escapeRegex).join('|')})$` : NOTHING });
  }
  if (prefixes.length > 0) {
    const wanted = prefixes.filter((prefix) => !isSystem(prefix));
    return wanted.length ? streamNameFilter({ prefixes: wanted }) : eventTypeFilter({ regex: NOTHING });
  }
  return eventTypeFilter({ regex: '^[^$]' });
}

/**
 * The complete port filter, applied to what the server sent: system streams and system event
 * types are never delivered (a tombstone's `$streamDeleted` sits in a user stream, and a user type
 * may be written to a `$` stream); empty lists restrict nothing.
 */
export function accepts(filter: AllFilter | undefined, streamId: string, type: string): boolean {
  if (isSystem(streamId) || isSystem(type)) return false;
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  if (prefixes.length > 0 && !prefixes.some((prefix) => streamId.startsWith(prefix))) return false;
  return types.length === 0 || types.includes(type);
}

/** Nodes before 22.10 send no $all position on stream reads; they send the largest uint64 instead. */
const NO_POSITION = 2n ** 64n - 1n;

/** Converts a client event; throws when the node sent no usable position (older than 22.10). */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (event === undefined) throw new Error('EventStoreDB sent a read result without an event');
  const commit = event.position?.commit ?? resolved.commitPosition;
  if (commit === undefined || commit === NO_POSITION) {
    throw new Error(
      `EventStoreDB sent no $all position for ${event.streamId}@${event.revision} (a node before 22.10?)`,
    );
  }
  const data = event.isJson ? event.data : (JSON.parse(Buffer.from(event.data).toString('utf8')) as unknown);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: commit.toString(),
    type: event.type,
    data,
    metadata: (event.metadata instanceof Uint8Array || event.metadata === undefined
      ? {}
      : event.metadata) as EventMetadata,
  };
}

export function isWrongExpectedVersion(err: unknown): err is { type: ErrorType; actualVersion: bigint | 'no_stream' } {
  return err instanceof Error && isCommandError(err) && err.type === ErrorType.WRONG_EXPECTED_VERSION;
}

export function isStreamNotFound(err: unknown): boolean {
  return err instanceof Error && isCommandError(err) && err.type === ErrorType.STREAM_NOT_FOUND;
}
