import {
  storeFaultCode,
  type CommitObserver,
  type CommitSample,
  type StoreDiagnostics,
  type StoreFault,
} from '../store-faults';

/**
 * The diagnostics of one embedded database: the fault it is in (set by a write that failed on a
 * store fault, cleared by the next write that commits), refused writes by code, and the observers
 * of its commits (metrics).
 */
export class FaultTracker implements StoreDiagnostics {
  private current: StoreFault | undefined;
  private readonly counts = new Map<string, number>();
  private readonly observers = new Set<CommitObserver>();

  constructor(
    readonly location: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  fault(): StoreFault | undefined {
    return this.current;
  }

  faultCounts(): ReadonlyMap<string, number> {
    return this.counts;
  }

  observeCommits(observer: CommitObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Record the errors of one group: the fault code of the first store fault among them, if any. */
  failed(errors: unknown[]): string | undefined {
    let first: string | undefined;
    for (const error of errors) {
      const code = storeFaultCode(error);
      if (code === undefined) continue;
      this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
      if (first === undefined) {
        first = code;
        const message = error instanceof Error ? error.message : String(error);
        this.current = { code, message, since: this.current?.since ?? this.now().toISOString() };
      }
    }
    return first;
  }

  /** A group committed with no store fault: whatever fault there was has cleared. */
  committed(): void {
    this.current = undefined;
  }

  report(sample: CommitSample): void {
    for (const observer of this.observers) observer(sample);
  }
}
