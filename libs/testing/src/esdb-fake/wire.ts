/**
 * Conversions between the fake's log records and the protobuf messages that
 * `@eventstore/db-client` ships in its `generated/` folder.
 */
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { StreamIdentifier, UUID, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { ExpectedState, ProposedEvent, StoredRecord } from './fake-log';

/** The proposed-message shape shared by `AppendReq` and `BatchAppendReq`. */
interface ProposedMessageLike {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** A request the client should not have sent; answered with INVALID_ARGUMENT. */
export class BadRequest extends Error {}

const HEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readUuid(uuid: UUID | undefined): string {
  if (uuid === undefined) throw new BadRequest('missing uuid');
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured();
    const most = BigInt.asUintN(64, BigInt(structured?.getMostSignificantBits() ?? '0'));
    const least = BigInt.asUintN(64, BigInt(structured?.getLeastSignificantBits() ?? '0'));
    const hex = ((most << 64n) | least).toString(16).padStart(32, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid.getString();
  if (!HEX.test(text)) throw new BadRequest(`invalid uuid ${JSON.stringify(text)}`);
  return text.toLowerCase();
}

export function writeUuid(id: string, structured: boolean): UUID {
  const uuid = new UUID();
  if (!structured) return uuid.setString(id);
  const value = BigInt(`0x${id.replace(/-/g, '')}`);
  const parts = new UUID.Structured()
    .setMostSignificantBits(BigInt.asIntN(64, value >> 64n).toString())
    .setLeastSignificantBits(BigInt.asIntN(64, value).toString());
  return uuid.setStructured(parts);
}

export function readStreamName(identifier: StreamIdentifier | undefined): string {
  if (identifier === undefined) throw new BadRequest('missing stream identifier');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
}

/** A real node rejects a proposed message without `type` or `content-type` metadata. */
export function toProposedEvent(message: ProposedMessageLike): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (!type || !contentType) throw new BadRequest('proposed message lacks the type or content-type metadata');
  return {
    id: readUuid(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** Reads the expected-revision oneof that every append/delete options message carries. */
export function readExpected(
  options: { hasAny(): boolean; hasNoStream(): boolean; hasStreamExists(): boolean },
  revision: string | undefined,
): ExpectedState {
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  if (revision !== undefined) return { kind: 'revision', revision: BigInt(revision) };
  throw new BadRequest('expected stream revision not set');
}

/** The `google.rpc.Status` a real node puts in a BatchAppend error for a failed revision check. */
export function wrongExpectedVersionStatus(current: bigint | undefined, expected: ExpectedState): Status {
  const details = new WrongExpectedVersion();
  if (current === undefined) details.setCurrentNoStream(new GoogleEmpty());
  else details.setCurrentStreamRevision(current.toString());
  switch (expected.kind) {
    case 'any':
      details.setExpectedAny(new GoogleEmpty());
      break;
    case 'no_stream':
      details.setExpectedNoStream(new GoogleEmpty());
      break;
    case 'stream_exists':
      details.setExpectedStreamExists(new GoogleEmpty());
      break;
    case 'revision':
      details.setExpectedStreamPosition(expected.revision.toString());
      break;
  }
  return packedStatus(details, 'event_store.client.WrongExpectedVersion', Code.ALREADY_EXISTS, 'WrongExpectedVersion');
}

/** A `google.rpc.Status` whose details are packed in an `Any`, as a node reports BatchAppend errors. */
export function packedStatus(
  details: { serializeBinary(): Uint8Array },
  typeName: string,
  code: Code,
  message: string,
): Status {
  const any = new Any();
  any.pack(details.serializeBinary(), typeName);
  return new Status().setCode(code).setMessage(message).setDetails(any);
}

/** One event of a read or subscription, with its $all position (as nodes since 22.10 send for stream reads too). */
export function readEventResponse(record: StoredRecord, structuredIds: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(writeUuid(record.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(record.streamId))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.contentType)
    .set('created', record.created.toString());
  const event = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(record.position.toString());
  return new ReadResp().setEvent(event);
}
