import type Database from 'better-sqlite3';

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
  private queue: Queued[] = [];
  private readonly group: Database.Transaction<(units: Queued[]) => Outcome[]>;
  private readonly unit: Database.Transaction<(work: () => unknown) => unknown>;

  /**
   * @param deferred false: every unit commits at once in a transaction of its own (no batching), as
   * the benchmark's plain read-decide-append-retry baseline wants its store.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly deferred = true,
  ) {
    // Called inside `group`, better-sqlite3 runs `unit` as a SAVEPOINT: a throw rolls back that unit only.
    this.unit = db.transaction((work: () => unknown) => work());
    this.group = db.transaction((units: Queued[]) => {
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
    });
  }

  /** Run `work` (synchronous SQLite calls) in the next group transaction; settles after the commit. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.deferred) this.flush();
      else if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commit whatever is queued now (before closing the connection). */
  flush(): void {
    const units = this.queue;
    if (units.length === 0) return;
    this.queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.group.immediate(units);
    } catch (error) {
      // The lock could not be taken, or the transaction failed as a whole: nothing of it was written.
      for (const queued of units) queued.reject(error);
      return;
    }
    units.forEach((queued, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }
}
