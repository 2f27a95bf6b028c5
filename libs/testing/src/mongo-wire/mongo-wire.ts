/**
 * A test-only MongoDB server: OP_MSG (and the legacy OP_QUERY handshake) on loopback, with `mingo`
 * for query, update and aggregation semantics. It behaves like a standalone mongod 6.0 where the
 * Mongo adapter relies on it: string ids, unique indexes raising E11000 (also for a conditional
 * upsert whose filter fails on an existing `_id`), ordered writes stopping at the first error,
 * cursors with getMore; and it rejects transactions and change streams as a standalone does.
 */
import * as net from 'node:net';
import type { Document } from 'mongodb';
import { adminCommands } from './admin-commands';
import { readCommands } from './read-commands';
import { WireEngine, type CommandHandler } from './wire-engine';
import { asWireError, WireError } from './wire-errors';
import { encodeReply, MessageReader, type WireRequest } from './wire-protocol';
import { writeCommands } from './write-commands';

/** A running double; `stop()` closes every connection, as a server shutting down does. */
export interface MongoWire {
  /** Connection string for `new MongoClient(uri)`. */
  uri: string;
  /** How often each command was received, by name (`hello`, `update`, `getMore`…). */
  calls(): Record<string, number>;
  /** Cursors opened and neither exhausted nor killed yet. */
  openCursors(): number;
  /**
   * Fail the next `count` commands (handshakes and monitoring excepted). `close` drops the
   * connection without an answer: the driver sees a network error and clears its connection pool,
   * failing the other operations in flight too, as on a replica-set election. `shutdown` answers
   * code 91 ShutdownInProgress, what a stepping-down node says.
   */
  interrupt(count: number, how?: 'close' | 'shutdown'): void;
  stop(): Promise<void>;
}

const COMMANDS: Record<string, CommandHandler> = { ...adminCommands, ...readCommands, ...writeCommands };
/** Commands an interruption spares: the handshake and the monitor's heartbeats keep the server selectable. */
const SPARED = new Set(['hello', 'isMaster', 'ismaster', 'buildInfo', 'buildinfo', 'endSessions']);

/** Runs one command and returns its reply; failures become `{ ok: 0, errmsg, code, codeName }`. */
function execute(engine: WireEngine, request: WireRequest, connectionId: number): Document {
  const [name] = Object.keys(request.body);
  try {
    // A standalone has no oplog: any transaction number (a transaction or a retryable write) is refused.
    if (request.body.txnNumber !== undefined) {
      throw new WireError('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
    }
    const handler = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!handler) throw new WireError('CommandNotFound', `no such command: '${name}'`);
    return handler({ engine, db: request.db, body: request.body, connectionId });
  } catch (err) {
    return asWireError(err).toReply();
  }
}

/** The reply bytes; a reply BSON cannot hold (over 16 MiB) becomes an error, where mongod would cut the batch. */
function encode(request: WireRequest, requestId: number, reply: Document): Buffer {
  try {
    return encodeReply(request, requestId, reply);
  } catch (err) {
    return encodeReply(
      request,
      requestId,
      new WireError('BadValue', `the wire double cannot send this reply: ${asWireError(err).message}`).toReply(),
    );
  }
}

/** Starts a double on 127.0.0.1 with a random port and no data. */
export async function startMongoWire(): Promise<MongoWire> {
  const engine = new WireEngine();
  const calls = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  let connections = 0;
  let replies = 0;
  let interruptions: { left: number; how: 'close' | 'shutdown' } = { left: 0, how: 'close' };

  const server = net.createServer((socket) => {
    connections += 1;
    const connectionId = connections;
    const reader = new MessageReader();
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      let requests: WireRequest[];
      try {
        requests = reader.push(chunk);
      } catch {
        socket.destroy(); // a framing error leaves no way to find the next message, as in mongod
        return;
      }
      for (const request of requests) {
        const [name] = Object.keys(request.body);
        calls.set(name, (calls.get(name) ?? 0) + 1);
        if (interruptions.left > 0 && !SPARED.has(name)) {
          interruptions.left -= 1;
          if (interruptions.how === 'close') {
            socket.destroy();
            return;
          }
          replies = (replies + 1) & 0x7fffffff;
          const shutdown = new WireError(
            'ShutdownInProgress',
            'The server is in quiesce mode and will shut down',
          ).toReply();
          if (!request.moreToCome) socket.write(encode(request, replies, shutdown));
          continue;
        }
        const reply = execute(engine, request, connectionId);
        replies = (replies + 1) & 0x7fffffff;
        if (!request.moreToCome) socket.write(encode(request, replies, reply));
      }
    });
    // A client that goes away mid-reply is no failure of the server.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });

  let stopped: Promise<void> | undefined;
  return {
    uri: `mongodb://127.0.0.1:${port}`,
    calls: () => Object.fromEntries(calls),
    openCursors: () => engine.openCursorCount(),
    interrupt: (count, how = 'close') => {
      interruptions = { left: count, how };
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
