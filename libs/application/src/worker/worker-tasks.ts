import type { DeadlineHandler, ProcessManager } from '@gx/readstore';

/**
 * What a bounded context runs in the worker besides projections: process managers reacting to
 * stored events, and handlers of the deadlines its projections schedule (by deadline kind).
 */
export interface WorkerTasks {
  processManagers?: ProcessManager[];
  deadlineHandlers?: Record<string, DeadlineHandler>;
  /** Logical collections holding this context's deadlines (documents `{_id, dueAt, kind, payload}`). */
  deadlineCollections?: string[];
}
