import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { comparePositions, type EventStore } from '@gx/eventstore/event-store.port';
import type { DocumentStore } from '../document-store.port';
import type { Projection } from '../projection';
import { AbortedError, type WorkerLogger } from '../worker/worker-logger';
import { foldBatch, type FoldTarget } from './fold-batch';
import { generationDoc, GENERATIONS_COLLECTION, type GenerationDoc } from './generations';

/** What building a generation needs. */
export interface BuildContext {
  events: EventStore;
  store: DocumentStore;
  projection: Projection;
  /** Events per page read from the log. */
  rebuildBatchSize: number;
  logger: WorkerLogger;
  /** Events an operator parked for this projection: never folded. */
  isParked(position: string): boolean;
}

/** The read models of a projection with the physical collections of one generation. */
export function foldTargets(projection: Projection, generation: GenerationDoc): FoldTarget[] {
  return projection.readModels.map((model) => ({ model, physical: generation.collections[model.collection] }));
}

/** Fresh, empty physical collections (with their indexes) for the generation after `from`. */
export async function prepareGeneration(context: BuildContext, from: GenerationDoc | null): Promise<GenerationDoc> {
  const { store, projection } = context;
  const target = generationDoc(projection, (from?.generation ?? 0) + 1, from);
  for (const model of projection.readModels) {
    const physical = target.collections[model.collection];
    // Leftovers of an interrupted rebuild must not leak into the new generation.
    await store.dropCollection(physical);
    await store.ensureCollection({ name: physical, indexes: model.indexes });
  }
  return target;
}

/**
 * Fold the log after `after` into `target` in large pages, without checkpoints (an interrupted
 * build starts over). Returns the position the generation is complete up to (null: empty log).
 */
export async function replayInto(
  context: BuildContext,
  target: GenerationDoc,
  after: string | null,
  signal: AbortSignal,
): Promise<string | null> {
  const { events, store, projection, rebuildBatchSize } = context;
  const targets = foldTargets(projection, target);
  let position = after;
  for (;;) {
    if (signal.aborted) throw new AbortedError();
    const head = await events.headPosition();
    const page = await events.readAll({
      after: position ?? undefined,
      filter: projection.filter,
      maxCount: rebuildBatchSize,
    });
    if (page.length === 0) {
      // Nothing matched up to `head` (read first), so the generation is complete up to it.
      return head !== '0' && (position === null || comparePositions(head, position) > 0) ? head : position;
    }
    position = page[page.length - 1].position;
    const folded = page.filter((event) => !context.isParked(event.position));
    await store.write({ ops: await foldBatch(store, projection.name, targets, folded) });
    // Pages are synchronous work on the embedded stores; let requests in between.
    await yieldToLoop();
  }
}

/**
 * Make `target` the active generation in one write (generation document and its checkpoint), then
 * drop the generation before `from`: `from` itself stays for readers that resolved it a moment ago.
 */
export async function switchGeneration(
  context: BuildContext,
  from: GenerationDoc | null,
  target: GenerationDoc,
  position: string | null,
): Promise<GenerationDoc> {
  const { store, logger } = context;
  await store.write({
    ops: [{ kind: 'put', collection: GENERATIONS_COLLECTION, doc: target }],
    ...(position === null ? {} : { checkpoint: { name: target.checkpoint, position } }),
  });
  const keep = new Set([...Object.values(target.collections), ...Object.values(target.previous ?? {})]);
  for (const physical of Object.values(from?.previous ?? {})) {
    if (!keep.has(physical)) await store.dropCollection(physical);
  }
  logger.log(
    `projection ${target.projection}: generation ${target.generation} active at position ${position ?? 'start'}`,
  );
  return target;
}
