import { BSON, type Document } from 'mongodb';

/** Opcodes of the MongoDB wire protocol that the double reads or writes. */
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
/** What the double answers in `hello` as maxMessageSizeBytes, and refuses beyond. */
export const MAX_MESSAGE_SIZE = 48_000_000;

/** One client request: the command document with its database, from OP_MSG or a legacy OP_QUERY. */
export interface WireRequest {
  requestId: number;
  opCode: typeof OP_MSG | typeof OP_QUERY;
  db: string;
  /** The command, with OP_MSG document sequences (kind 1 sections) folded in as array fields. */
  body: Document;
  /** The client asked for no reply (OP_MSG moreToCome, sent for unacknowledged writes). */
  moreToCome: boolean;
}

/** A framing error: the connection cannot continue and is closed. */
export class ProtocolError extends Error {}

function readCString(buffer: Buffer, offset: number): { value: string; next: number } {
  const end = buffer.indexOf(0, offset);
  if (end < 0) throw new ProtocolError('unterminated cstring');
  return { value: buffer.toString('utf8', offset, end), next: end + 1 };
}

function readDocument(buffer: Buffer, offset: number): { doc: Document; next: number } {
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > buffer.length) throw new ProtocolError('BSON document overruns the message');
  return { doc: BSON.deserialize(buffer.subarray(offset, offset + size)), next: offset + size };
}

function parseOpMsg(message: Buffer, requestId: number): WireRequest {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const end = message.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  let offset = HEADER_SIZE + 4;
  while (offset < end) {
    const kind = message[offset];
    offset += 1;
    if (kind === 0) {
      const section = readDocument(message, offset);
      body = section.doc;
      offset = section.next;
    } else if (kind === 1) {
      const sectionEnd = offset + message.readInt32LE(offset);
      const identifier = readCString(message, offset + 4);
      const docs: Document[] = [];
      for (let at = identifier.next; at < sectionEnd;) {
        const item = readDocument(message, at);
        docs.push(item.doc);
        at = item.next;
      }
      sequences.push([identifier.value, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) body[identifier] = docs;
  const db = typeof body.$db === 'string' ? body.$db : 'admin';
  return { requestId, opCode: OP_MSG, db, body, moreToCome: (flags & MORE_TO_COME) !== 0 };
}

/** Legacy OP_QUERY: only commands on `<db>.$cmd`, which the driver still uses for its first handshake. */
function parseOpQuery(message: Buffer, requestId: number): WireRequest {
  const collection = readCString(message, HEADER_SIZE + 4);
  if (!collection.value.endsWith('.$cmd')) throw new ProtocolError(`OP_QUERY on ${collection.value} is not supported`);
  const { doc } = readDocument(message, collection.next + 8);
  // Old clients wrap the command as { $query: {...}, $readPreference: ... }.
  const body = doc.$query && typeof doc.$query === 'object' ? (doc.$query as Document) : doc;
  return { requestId, opCode: OP_QUERY, db: collection.value.slice(0, -'.$cmd'.length), body, moreToCome: false };
}

/** Splits a byte stream into requests; `push` returns those completed by the new chunk. */
export class MessageReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): WireRequest[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const requests: WireRequest[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readInt32LE(0);
      if (length < HEADER_SIZE + 4 || length > MAX_MESSAGE_SIZE)
        throw new ProtocolError(`invalid message length ${length}`);
      if (this.pending.length < length) break;
      const message = this.pending.subarray(0, length);
      this.pending = this.pending.subarray(length);
      const requestId = message.readInt32LE(4);
      const opCode = message.readInt32LE(12);
      if (opCode === OP_MSG) requests.push(parseOpMsg(message, requestId));
      else if (opCode === OP_QUERY) requests.push(parseOpQuery(message, requestId));
      else throw new ProtocolError(`unsupported opcode ${opCode}`);
    }
    return requests;
  }
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const buffer = Buffer.alloc(HEADER_SIZE);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(requestId, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

/** The reply to a request, in the opcode it came in: OP_MSG with one body section, or OP_REPLY. */
export function encodeReply(request: WireRequest, requestId: number, reply: Document): Buffer {
  const doc = BSON.serialize(reply);
  if (request.opCode === OP_MSG) {
    const prefix = Buffer.alloc(5); // flagBits (none), then section kind 0
    return Buffer.concat([
      header(HEADER_SIZE + prefix.length + doc.length, requestId, request.requestId, OP_MSG),
      prefix,
      doc,
    ]);
  }
  // OP_REPLY: responseFlags, cursorID (int64), startingFrom, numberReturned = 1.
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(1, 16);
  return Buffer.concat([
    header(HEADER_SIZE + fields.length + doc.length, requestId, request.requestId, OP_REPLY),
    fields,
    doc,
  ]);
}
