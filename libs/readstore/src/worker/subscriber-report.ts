import type { SubscriberKind } from '@gx/domain/operations/parking.events';
import type { Doc, DocumentStore } from '../document-store.port';
import { errorMessage, type WorkerLogger } from './worker-logger';

export type { SubscriberKind } from '@gx/domain/operations/parking.events';

/** Internal collection of what each subscriber's lease holder last reported about it. */
export const SUBSCRIBER_STATUS = '_subscriber_status';

/** Id of a subscriber's status document (and the stem of its parking stream). */
export const subscriberId = (kind: SubscriberKind, name: string): string => `${kind}:${name}`;

/** The event a subscriber keeps failing on, and how its retries stand. */
export interface StuckEvent {
  position: string;
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  error: string;
  /** Failed attempts so far. */
  attempts: number;
  /** ISO times: first failure, last failure, and when the next attempt is due. */
  since: string;
  lastAttemptAt: string;
  nextAttemptAt: string;
}

/**
 * What the worker holding a subscriber's lease says about it, for processes that do not run it
 * (the operations app): trusted only while its `owner` still holds the lease.
 */
export interface SubscriberStatusDoc extends Doc {
  kind: SubscriberKind;
  name: string;
  owner: string;
  /** A generation is being built (first start, new version, or an operator's rebuild). */
  rebuilding: boolean;
  /** The subscription has delivered everything up to the head it saw and now follows live. */
  caughtUp: boolean;
  failing?: StuckEvent;
  updatedAt: string;
}

/**
 * Keeps one subscriber's status in memory (for the worker's own /health and /metrics) and mirrors
 * it to the store. Store writes are queued in order and a failed one is only logged: reporting
 * must never stop the subscriber it reports on.
 */
export class SubscriberReport {
  private doc: SubscriberStatusDoc;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: DocumentStore,
    readonly kind: SubscriberKind,
    readonly name: string,
    owner: string,
    private readonly logger: WorkerLogger,
  ) {
    this.doc = {
      _id: subscriberId(kind, name),
      kind,
      name,
      owner,
      rebuilding: false,
      caughtUp: false,
      updatedAt: new Date().toISOString(),
    };
  }

  /** The event this subscriber fails on right now, if any. */
  get failing(): StuckEvent | undefined {
    return this.doc.failing;
  }

  get rebuilding(): boolean {
    return this.doc.rebuilding;
  }

  /** A new run under the lease: not caught up yet, no failure carried over from an older run's state. */
  started(): Promise<void> {
    return this.update({ caughtUp: false, rebuilding: false, failing: undefined });
  }

  update(change: Partial<Pick<SubscriberStatusDoc, 'rebuilding' | 'caughtUp' | 'failing'>>): Promise<void> {
    const next: SubscriberStatusDoc = { ...this.doc, ...change, updatedAt: new Date().toISOString() };
    if (next.failing === undefined) delete next.failing;
    this.doc = next;
    this.writes = this.writes.then(() =>
      this.store.write({ ops: [{ kind: 'put', collection: SUBSCRIBER_STATUS, doc: next }] }).catch((err: unknown) => {
        this.logger.warn(`${this.doc._id}: status not recorded: ${errorMessage(err)}`);
      }),
    );
    return this.writes;
  }
}
