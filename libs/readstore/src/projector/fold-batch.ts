import { comparePositions, type RecordedEvent } from '@gx/eventstore/event-store.port';
import type { Doc, DocumentStore, WriteOp } from '../document-store.port';
import type { ReadModel } from '../projection';
import { errorMessage } from '../worker/worker-logger';

/** A read model's evolve or ids threw: a bug in projection code that no retry can cure. */
export class EvolveError extends Error {
  constructor(
    readonly projection: string,
    readonly collection: string,
    readonly event: RecordedEvent,
    cause: unknown,
  ) {
    super(
      `projection ${projection}, read model ${collection}: event ${event.type} at position ${event.position} ` +
        `(${event.streamId}@${event.revision}): ${errorMessage(cause)}`,
      { cause },
    );
    this.name = 'EvolveError';
  }
}

/** A read model together with the physical collection it is written to. */
export interface FoldTarget {
  model: ReadModel;
  physical: string;
}

interface Touch {
  event: RecordedEvent;
  target: FoldTarget;
  ids: string[];
}

interface Change {
  physical: string;
  id: string;
  doc: Doc | null;
  position: string;
  stored: boolean;
}

// Documents are loaded with `$in` in chunks of this size: one round trip per chunk, not per document.
const LOAD_CHUNK = 500;

const keyOf = (physical: string, id: string): string => `${physical}\u0000${id}`;

/**
 * Fold a batch of events into the documents they touch and return the writes. Each document
 * is loaded once (from the store, then from this batch's own results) and written once, with
 * `_id` and `_position` (the last event that changed it). An event at or below a document's
 * `_position` is skipped for that document, so folding events again never applies them twice,
 * however a replay is cut into batches.
 */
export async function foldBatch(
  store: DocumentStore,
  projection: string,
  targets: FoldTarget[],
  events: RecordedEvent[],
): Promise<WriteOp[]> {
  const touches: Touch[] = [];
  const wanted = new Map<string, Set<string>>();
  for (const event of events) {
    for (const target of targets) {
      let ids: string[];
      try {
        ids = [...new Set(target.model.ids(event))];
      } catch (err) {
        throw new EvolveError(projection, target.model.collection, event, err);
      }
      if (ids.length === 0) continue;
      touches.push({ event, target, ids });
      const set = wanted.get(target.physical) ?? new Set<string>();
      for (const id of ids) set.add(id);
      wanted.set(target.physical, set);
    }
  }

  const docs = await loadDocs(store, wanted);
  const changes = new Map<string, Change>();
  for (const { event, target, ids } of touches) {
    for (const id of ids) {
      const key = keyOf(target.physical, id);
      const current = docs.get(key) ?? null;
      if (current?._position !== undefined && comparePositions(event.position, current._position) <= 0) continue;
      let next: Doc | null;
      try {
        next = target.model.evolve(current, event, id);
      } catch (err) {
        throw new EvolveError(projection, target.model.collection, event, err);
      }
      // Returning the very same document means "unchanged" (evolve functions never mutate).
      if (next === current) continue;
      const stamped = next === null ? null : { ...next, _id: id, _position: event.position };
      docs.set(key, stamped);
      const stored = changes.get(key)?.stored ?? current !== null;
      changes.set(key, { physical: target.physical, id, doc: stamped, position: event.position, stored });
    }
  }

  const ops: WriteOp[] = [];
  for (const change of changes.values()) {
    if (change.doc) ops.push({ kind: 'put', collection: change.physical, doc: change.doc });
    else if (change.stored)
      ops.push({ kind: 'delete', collection: change.physical, id: change.id, position: change.position });
  }
  return ops;
}

async function loadDocs(store: DocumentStore, wanted: Map<string, Set<string>>): Promise<Map<string, Doc | null>> {
  const docs = new Map<string, Doc | null>();
  for (const [physical, idSet] of wanted) {
    const ids = [...idSet];
    for (let i = 0; i < ids.length; i += LOAD_CHUNK) {
      const found = await store.find(physical, { _id: { $in: ids.slice(i, i + LOAD_CHUNK) } });
      for (const doc of found) docs.set(keyOf(physical, doc._id), doc);
    }
  }
  return docs;
}
