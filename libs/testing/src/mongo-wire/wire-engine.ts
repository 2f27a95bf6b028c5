import { Long, type Document } from 'mongodb';
import { WireCollection } from './wire-collection';
import { WireError } from './wire-errors';

/** Documents per first batch when the client names no batchSize, as mongod does for find and aggregate. */
const DEFAULT_FIRST_BATCH = 101;

interface OpenCursor {
  ns: string;
  remaining: Document[];
}

/** The reply of a command that opens a cursor. */
export interface CursorReply {
  cursor: { id: Long; ns: string; firstBatch: Document[] };
  ok: 1;
}

function validateNames(db: string, collection: string): void {
  if (db.length === 0 || /[/\\. "$*<>:|?\0]/.test(db))
    throw new WireError('InvalidNamespace', `Invalid database name: '${db}'`);
  if (
    collection.length === 0 ||
    collection.includes('$') ||
    collection.includes('\0') ||
    collection.startsWith('system.')
  ) {
    throw new WireError('InvalidNamespace', `Invalid collection name: ${collection}`);
  }
}

/** The state of one double: databases of collections, and the open cursors. */
export class WireEngine {
  private readonly databases = new Map<string, Map<string, WireCollection>>();
  private readonly cursors = new Map<string, OpenCursor>();
  private nextCursorId = 1;

  /** The collection, or undefined when it does not exist. */
  collection(db: string, name: string): WireCollection | undefined {
    validateNames(db, name);
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created implicitly as a write to a missing collection does in mongod. */
  ensureCollection(db: string, name: string): { collection: WireCollection; created: boolean } {
    validateNames(db, name);
    let database = this.databases.get(db);
    if (!database) {
      database = new Map();
      this.databases.set(db, database);
    }
    const existing = database.get(name);
    if (existing) return { collection: existing, created: false };
    const collection = new WireCollection(`${db}.${name}`);
    database.set(name, collection);
    return { collection, created: true };
  }

  collectionNames(db: string): string[] {
    return [...(this.databases.get(db)?.keys() ?? [])];
  }

  /** False when there was no such collection. */
  dropCollection(db: string, name: string): boolean {
    this.closeCursors(`${db}.${name}`);
    return this.databases.get(db)?.delete(name) ?? false;
  }

  dropDatabase(db: string): void {
    for (const name of this.collectionNames(db)) this.closeCursors(`${db}.${name}`);
    this.databases.delete(db);
  }

  /**
   * A cursor over `docs`: the first batch now, the rest by getMore. `batchSize` 0 returns an empty
   * first batch with an open cursor; `singleBatch` closes it after the first batch.
   */
  openCursor(ns: string, docs: Document[], batchSize: number | undefined, singleBatch = false): CursorReply {
    const size = batchSize ?? DEFAULT_FIRST_BATCH;
    const firstBatch = docs.slice(0, size);
    const remaining = docs.slice(size);
    let id = Long.ZERO;
    if (remaining.length > 0 && !singleBatch) {
      id = Long.fromNumber(this.nextCursorId);
      this.nextCursorId += 1;
      this.cursors.set(id.toString(), { ns, remaining });
    }
    return { cursor: { id, ns, firstBatch }, ok: 1 };
  }

  /** The next batch of a cursor; without a batchSize, everything left (mongod caps at 16 MiB). */
  getMore(id: Long, ns: string, batchSize: number | undefined): Document {
    const key = id.toString();
    const cursor = this.cursors.get(key);
    if (!cursor || cursor.ns !== ns) throw new WireError('CursorNotFound', `cursor id ${key} not found`);
    const nextBatch = cursor.remaining.splice(0, batchSize && batchSize > 0 ? batchSize : cursor.remaining.length);
    const exhausted = cursor.remaining.length === 0;
    if (exhausted) this.cursors.delete(key);
    return { cursor: { id: exhausted ? Long.ZERO : id, ns, nextBatch }, ok: 1 };
  }

  /** Close cursors by id; answers which were killed and which were not found. */
  killCursors(ns: string, ids: Long[]): Document {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const cursor = this.cursors.get(id.toString());
      if (cursor && cursor.ns === ns) {
        this.cursors.delete(id.toString());
        killed.push(id);
      } else {
        notFound.push(id);
      }
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  openCursorCount(): number {
    return this.cursors.size;
  }

  private closeCursors(ns: string): void {
    for (const [id, cursor] of this.cursors) if (cursor.ns === ns) this.cursors.delete(id);
  }
}

/** What a command handler gets: the engine, the database the command runs on, and the command. */
export interface CommandContext {
  engine: WireEngine;
  db: string;
  body: Document;
  connectionId: number;
}

/** Runs one command synchronously, so every command is atomic, as single-document writes are in mongod. */
export type CommandHandler = (ctx: CommandContext) => Document;

/** The collection a command names in its first field (`{ find: 'orders', … }`). */
export function collectionArg(ctx: CommandContext): string {
  const [command] = Object.keys(ctx.body);
  const name = ctx.body[command];
  if (typeof name !== 'string')
    throw new WireError('InvalidNamespace', `collection name has invalid type ${typeof name}`);
  return name;
}

/** An optional document argument, refused when present with another type. */
export function documentArg(body: Document, field: string): Document | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new WireError('BadValue', `'${field}' must be a document`);
  return value as Document;
}

/** An optional non-negative integer argument (int32, int64 or double in BSON). */
export function numberArg(body: Document, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number)) throw new WireError('BadValue', `'${field}' must be an integer`);
  return number;
}
