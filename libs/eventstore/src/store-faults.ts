/**
 * Store faults: errors that mean "the store cannot take writes right now" (disk full or read-only,
 * I/O errors, a database server out of reach) rather than a bug, so that callers answer 503 with
 * Retry-After, health checks name the store, and start-up waits for a server that is coming up.
 * Everything is duck-typed: driver errors may come from another realm (Jest) or another copy of a module.
 */

/** The write fault a store is in, as health and metrics report it. */
export interface StoreFault {
  /** The error code behind it, e.g. `SQLITE_FULL`, `SQLITE_READONLY`, `ENOSPC`. */
  code: string;
  message: string;
  /** ISO time of the first failure of this fault. */
  since: string;
}

/** One committed (or failed) group transaction of an embedded store, for metrics. */
export interface CommitSample {
  /** Time spent waiting for the write lock (SQLite's busy wait on another process's transaction). */
  lockWaitSeconds: number;
  /** Time from holding the lock to the commit (the work and the WAL write). */
  commitSeconds: number;
  /** Units of work in the group. */
  units: number;
  /** The fault code when the group failed on a store fault. */
  faultCode?: string;
}

export type CommitObserver = (sample: CommitSample) => void;

/** What an embedded store tells about its own health beyond a ping. */
export interface StoreDiagnostics {
  /** The file (or server) behind the store, to name it in health reports. */
  readonly location: string;
  /** The write fault the store is in now; undefined once a write succeeded again. */
  fault(): StoreFault | undefined;
  /** Writes refused by store faults since start, by fault code. */
  faultCounts(): ReadonlyMap<string, number>;
  /** Call `observer` after every group transaction; returns the function that stops it. */
  observeCommits(observer: CommitObserver): () => void;
}

const SQLITE_FAULT = /^SQLITE_(READONLY|FULL|IOERR|CANTOPEN)/;
const OS_FAULTS = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'EIO', 'EDQUOT']);
/** MongoDB driver errors that mean the server is out of reach or changing primaries. */
const MONGO_UNAVAILABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoPoolClearedError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);
/** Server codes of a node shutting down, stepping down or unreachable (the driver's retryable set). */
const MONGO_RETRYABLE_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436, 63, 150, 134]);
/** EventStoreDB client error types (`CommandError.type`) of a cluster out of reach or electing a leader. */
const ESDB_UNAVAILABLE = new Set(['unavailable', 'deadline-exceeded', 'not-leader', 'timeout']);

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[name] : undefined;
}

/**
 * The code of a store fault — a disk that refuses writes, or a store server out of reach — or
 * undefined for any other error (bugs, constraint violations, revision conflicts).
 */
export function storeFaultCode(err: unknown): string | undefined {
  if (field(err, 'name') === 'StoreUnavailableError') return String(field(err, 'code'));
  const code = field(err, 'code');
  if (typeof code === 'string' && (SQLITE_FAULT.test(code) || OS_FAULTS.has(code))) return code;
  const name = field(err, 'name');
  if (typeof name === 'string' && MONGO_UNAVAILABLE.has(name)) return name;
  const labels = field(err, 'errorLabelSet') ?? field(err, 'errorLabels');
  const labelled =
    labels instanceof Set
      ? labels.has('RetryableWriteError')
      : Array.isArray(labels) && labels.includes('RetryableWriteError');
  if (
    typeof name === 'string' &&
    name.startsWith('Mongo') &&
    (labelled || (typeof code === 'number' && MONGO_RETRYABLE_CODES.has(code)))
  ) {
    return `${name}:${String(code)}`;
  }
  const type = field(err, 'type');
  if (typeof type === 'string' && ESDB_UNAVAILABLE.has(type) && typeof name === 'string' && name.endsWith('Error'))
    return `esdb:${type}`;
  return undefined;
}

/** True for errors a retry later can cure because the store, not the request, is the problem. */
export function isStoreUnavailable(err: unknown): boolean {
  return storeFaultCode(err) !== undefined;
}

/** A store refused a write (or could not be reached); `cause` is the driver's error. */
export class StoreUnavailableError extends Error {
  constructor(
    readonly store: string,
    readonly code: string,
    cause: unknown,
  ) {
    super(`${store} is unavailable (${code}): ${String(field(cause, 'message') ?? cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** Options of {@link retryWhileUnavailable}. */
export interface StartupRetryOptions {
  /** Where the waiting is reported (a warning per retry). */
  warn: (message: string) => void;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Give up (and fail start-up) once the store has been unavailable this long. */
  giveUpAfterMs?: number;
}

/**
 * Run a start-up call on a store, retrying with backoff while the store is unavailable (a MongoDB
 * election clears the driver's pool, an EventStoreDB cluster elects a leader, a disk is full) and
 * saying what it waits for. Any failure that stops start-up names the call.
 */
export async function retryWhileUnavailable<T>(
  what: string,
  work: () => Promise<T>,
  options: StartupRetryOptions,
): Promise<T> {
  const { warn, firstDelayMs = 250, maxDelayMs = 5_000, giveUpAfterMs = 120_000 } = options;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const code = storeFaultCode(err);
      const reason = String(field(err, 'message') ?? err);
      if (code === undefined) throw new Error(`${what} failed: ${reason}`, { cause: err });
      const waited = Date.now() - started;
      if (waited >= giveUpAfterMs)
        throw new Error(
          `${what} failed: the store was still unavailable after ${Math.round(waited / 1000)} s (${code}): ${reason}`,
          { cause: err },
        );
      const delay = Math.min(firstDelayMs * 2 ** attempt, maxDelayMs);
      warn(`waiting for the store: ${what} failed (${code}: ${reason}); retry ${attempt + 1} in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
