import type Database from 'better-sqlite3';
import { StoreUnavailableError, storeFaultCode } from '../store-faults';
import { FaultTracker } from './fault-tracker';
import { probeWrite } from './writable';

interface Queued {
  work: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for one SQLite connection: units of work submitted during one turn of the event loop
 * run together in a single IMMEDIATE transaction, each inside its own savepoint, and their promises
 * settle only after that transaction has committed.
 *
 * Each unit keeps its own atomicity (a unit that throws is rolled back to its savepoint and rejected;
 * the others still commit), and units apply in the order they were submitted, so a later unit sees
 * the effects of an earlier one. What is saved is the fixed cost of a transaction: taking the write
 * lock (a cross-process file lock), writing the WAL frames of the pages the units share, and the
 * commit — once per turn instead of once per unit. Under load that is what bounds the rate of small
 * writes, and a shorter lock hold is also what other processes waiting for the lock see.
 */
export class GroupCommit {
  /** Faults, refused writes and commit timings of this connection (health and metrics read them). */
  readonly diagnostics: FaultTracker;
  private queue: Queued[] = [];
  private readonly unit: Database.Transaction<(work: () => unknown) => unknown>;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;

  /**
   * @param deferred false: every unit commits at once in a transaction of its own (no batching), as
   * the benchmark's plain read-decide-append-retry baseline wants its store.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly deferred = true,
  ) {
    this.diagnostics = new FaultTracker(db.name);
    // Inside an open transaction better-sqlite3 runs `unit` as a SAVEPOINT: a throw rolls back that unit only.
    this.unit = db.transaction((work: () => unknown) => work());
    // By hand rather than db.transaction(): the wait for the write lock is timed apart from the commit.
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /** Run `work` (synchronous SQLite calls) in the next group transaction; settles after the commit. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.deferred) this.flush();
      else if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /**
   * While the connection is in a fault, try a real write that allocates pages and commits (what a
   * full or read-only disk refuses): a success clears the fault, so the store recovers without a
   * restart even when no client write comes; a failure rejects with the fault.
   */
  async probe(): Promise<void> {
    if (this.diagnostics.fault() === undefined) return;
    await this.run(() => probeWrite(this.db));
  }

  /** Commit whatever is queued now (before closing the connection). */
  flush(): void {
    const units = this.queue;
    if (units.length === 0) return;
    this.queue = [];
    const started = performance.now();
    let locked: number | undefined;
    let outcomes: Outcome[];
    try {
      this.begin.run();
      locked = performance.now();
      outcomes = this.runUnits(units);
      this.commit.run();
    } catch (error) {
      // The lock could not be taken, or the transaction failed as a whole: nothing of it was written,
      // so every unit is refused — none may be acknowledged.
      if (this.db.inTransaction) this.rollback.run();
      const faultCode = this.diagnostics.failed([error]);
      this.report(started, locked, units.length, faultCode);
      const refusal = this.refusal(error);
      for (const queued of units) queued.reject(refusal);
      return;
    }
    const failures = outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.error]));
    const faultCode = this.diagnostics.failed(failures);
    if (faultCode === undefined) this.diagnostics.committed();
    this.report(started, locked, units.length, faultCode);
    units.forEach((queued, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(this.refusal(outcome.error));
    });
  }

  private runUnits(units: Queued[]): Outcome[] {
    const outcomes: Outcome[] = [];
    for (const queued of units) {
      try {
        outcomes.push({ ok: true, value: this.unit(queued.work) });
      } catch (error) {
        // Some errors (disk full, I/O) make SQLite abandon the whole transaction: then nothing commits.
        if (!this.db.inTransaction) throw error;
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  /** A store fault becomes a StoreUnavailableError naming the file; other errors pass unchanged. */
  private refusal(error: unknown): unknown {
    const code = storeFaultCode(error);
    return code === undefined || error instanceof StoreUnavailableError
      ? error
      : new StoreUnavailableError(this.db.name, code, error);
  }

  /** `locked` undefined: the lock was never taken, the whole time was a wait for it. */
  private report(started: number, locked: number | undefined, units: number, faultCode: string | undefined): void {
    const end = performance.now();
    const acquired = locked ?? end;
    this.diagnostics.report({
      lockWaitSeconds: (acquired - started) / 1000,
      commitSeconds: (end - acquired) / 1000,
      units,
      faultCode,
    });
  }
}
