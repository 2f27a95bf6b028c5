import { DuplicateKeyError } from '../document-store.port';

/** What an E11000 says about the violated index. */
export interface DuplicateKey {
  /** Index name from the message (`_id_`, `code_1`…); undefined when the server did not say. */
  index?: string;
  keyPattern?: Record<string, unknown>;
  keyValue?: Record<string, unknown>;
  /** Position of the failed op in a bulk write (whose errors the driver strips of keyPattern and keyValue). */
  opIndex?: number;
}

interface ServerErrorShape {
  code?: unknown;
  errmsg?: unknown;
  message?: unknown;
  keyPattern?: unknown;
  keyValue?: unknown;
  index?: unknown;
  writeErrors?: Array<{ err?: ServerErrorShape } & ServerErrorShape>;
}

const DUPLICATE_KEY = 11000;

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/**
 * The duplicate key behind a driver error (a command error, or the first write error of a bulk
 * write), or undefined for other errors. Duck-typed: errors may come from another realm (Jest).
 */
export function duplicateKey(err: unknown): DuplicateKey | undefined {
  const e = record(err) as ServerErrorShape | undefined;
  if (!e) return undefined;
  const first = Array.isArray(e.writeErrors) && e.writeErrors.length > 0 ? e.writeErrors[0] : undefined;
  const source: ServerErrorShape = first ? (first.err ?? first) : e;
  if (source.code !== DUPLICATE_KEY) return undefined;
  const text =
    typeof source.errmsg === 'string' ? source.errmsg : typeof source.message === 'string' ? source.message : '';
  return {
    index: /index: (\S+) dup key/.exec(text)?.[1],
    keyPattern: record(source.keyPattern),
    keyValue: record(source.keyValue),
    opIndex: first && typeof source.index === 'number' ? source.index : undefined,
  };
}

/** True when the violated index is the primary key: the document's `_id` was taken. */
export function isIdConflict(key: DuplicateKey): boolean {
  if (key.index !== undefined) return key.index === '_id_';
  const fields = Object.keys(key.keyPattern ?? key.keyValue ?? {});
  return fields.length === 1 && fields[0] === '_id';
}

function valueAt(doc: unknown, path: string): unknown {
  let value = doc;
  for (const key of path.split('.')) value = record(value)?.[key];
  return value ?? null;
}

/**
 * The port's error for a unique-index violation, naming the key like the SQLite adapter:
 * `a,b=["x",1]`. Where the server's answer lost the key (bulk writes), it is rebuilt from the
 * index's fields, when this process declared it, and the document that failed.
 */
export function toDuplicateKeyError(
  collection: string,
  key: DuplicateKey,
  fields?: string[],
  doc?: unknown,
): DuplicateKeyError {
  const keyValue =
    key.keyValue ??
    (fields && doc ? Object.fromEntries(fields.map((field) => [field, valueAt(doc, field)])) : undefined);
  const described = keyValue
    ? `${Object.keys(keyValue).join(',')}=${JSON.stringify(Object.values(keyValue))}`
    : `index ${key.index ?? 'unknown'}`;
  return new DuplicateKeyError(collection, described);
}
