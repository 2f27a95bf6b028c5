import type { AllFilter, RecordedEvent } from '@gx/eventstore';
import type { Doc, IndexSpec } from './document-store.port';

/**
 * One read model: a collection whose documents are a pure fold of events.
 * `ids` says which documents an event touches; `evolve` computes each new document (null deletes it).
 * Both must be pure and deterministic so that a replay and a rebuild give identical documents.
 */
export interface ReadModel<D extends Doc = Doc> {
  /** Logical collection name, e.g. `stock_levels`. */
  collection: string;
  indexes?: IndexSpec[];
  ids(event: RecordedEvent): string[];
  evolve(doc: D | null, event: RecordedEvent, id: string): D | null;
}

/** A projection: a named, checkpointed group of read models fed by one subscription. */
export interface Projection {
  /** Stable name, used for its checkpoint, lease and `/projections` admin. */
  name: string;
  /** Bump when evolve logic changes: a new version is rebuilt from the start of the log. */
  version: number;
  readModels: ReadModel[];
  /** Optional server-side filter; the checkpoint still advances past filtered-out positions. */
  filter?: AllFilter;
}

/**
 * A process manager reacts to stored events by dispatching idempotent commands (commands carry
 * deterministic ids derived from the event, so at-least-once delivery never appends twice).
 */
export interface ProcessManager {
  name: string;
  filter?: AllFilter;
  handle(event: RecordedEvent): Promise<void>;
}
