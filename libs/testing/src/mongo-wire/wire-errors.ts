import type { Document } from 'mongodb';

/** Server error codes the double answers with, by their mongod code names. */
export const ErrorCode = {
  BadValue: 2,
  FailedToParse: 9,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  ShutdownInProgress: 91,
  DuplicateKey: 11000,
  Location40573: 40573,
} as const;

type CodeName = keyof typeof ErrorCode;

/** A command failure as mongod reports it: `{ ok: 0, errmsg, code, codeName, ...extra }`. */
export class WireError extends Error {
  readonly code: number;

  constructor(
    readonly codeName: CodeName,
    message: string,
    /** Fields mongod adds beside errmsg, e.g. keyPattern and keyValue for a duplicate key. */
    readonly extra: Document = {},
  ) {
    super(message);
    this.name = 'WireError';
    this.code = ErrorCode[codeName];
  }

  /** The reply document of a failed command. */
  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The entry of a write command's `writeErrors` array. */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

/** Anything thrown while running a command, as a WireError (mingo rejects bad queries with plain errors). */
export function asWireError(err: unknown): WireError {
  if (err instanceof WireError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new WireError('BadValue', message);
}

/** A value as mongod prints it inside an error message (shell syntax, close enough for parsers). */
function printValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  const bsontype = (value as { _bsontype?: unknown })._bsontype;
  if (bsontype === 'ObjectId') return `ObjectId('${String(value)}')`;
  if (Array.isArray(value)) return `[ ${value.map(printValue).join(', ')} ]`;
  if (typeof value === 'object') {
    const fields = Object.entries(value as Document).map(([k, v]) => `${k}: ${printValue(v)}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  return String(value);
}

/**
 * The E11000 error of mongod 4.4+: `E11000 duplicate key error collection: db.coll index: code_1
 * dup key: { code: "X-1" }`, with `keyPattern` and `keyValue` beside the message.
 */
export function duplicateKeyError(ns: string, indexName: string, keyPattern: Document, keyValue: Document): WireError {
  const message = `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${printValue(keyValue)}`;
  return new WireError('DuplicateKey', message, { keyPattern, keyValue });
}
