/** Request header carrying the client's idempotency key. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Response header marking an answer replayed from the idempotency store. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** DocumentStore collection of idempotency records. */
export const IDEMPOTENCY_COLLECTION = '_idempotency';
/** A key is 1..200 printable ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e][\x20-\x7e]{0,199}$/;

/** The request's Idempotency-Key when it has a well-formed one. */
export function idempotencyKeyOf(headers: Record<string, unknown>): string | undefined {
  const header = headers[IDEMPOTENCY_KEY_HEADER];
  return typeof header === 'string' && IDEMPOTENCY_KEY_PATTERN.test(header) ? header : undefined;
}
/**
 * Injection token of the DocumentStore that holds idempotency records, when it is not the read-model
 * store (DOCUMENT_STORE, the default). The embedded default keeps them in a SQLite file of their own:
 * every keyed request writes them, and on the read models' file those writes would queue behind the
 * worker's projection batches (SQLite has one writer per file).
 */
export const IDEMPOTENCY_DOCUMENTS = Symbol('IDEMPOTENCY_DOCUMENTS');
