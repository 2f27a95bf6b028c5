import type { Doc } from '../document-store.port';
import type { Projection } from '../projection';

/** Internal collection mapping each projection to its active generation of physical collections. */
export const GENERATIONS_COLLECTION = '_projection_generations';

/**
 * The active generation of one projection (document id = projection name). Readers resolve a
 * logical collection through `collections`; the projector writes to them from `checkpoint`.
 */
export interface GenerationDoc extends Doc {
  projection: string;
  version: number;
  generation: number;
  /** Name of the checkpoint the active generation has reached. */
  checkpoint: string;
  /** Logical collection → physical collection of the active generation. */
  collections: Record<string, string>;
  /** Physical collections of the generation before, kept until the next rebuild for late readers. */
  previous?: Record<string, string>;
}

/** Checkpoint of the active generation of a projection version. */
export const projectionCheckpoint = (name: string, version: number): string => `projection:${name}:v${version}`;

/** Lease that lets one process run a projection. */
export const projectionLease = (name: string): string => `projection:${name}`;

/** Physical collection of a logical one in a generation. */
export const physicalCollection = (collection: string, generation: number): string => `${collection}__g${generation}`;

/** The generation document a projection gets when generation `generation` becomes active. */
export function generationDoc(
  projection: Projection,
  generation: number,
  previous: GenerationDoc | null,
): GenerationDoc {
  return {
    _id: projection.name,
    projection: projection.name,
    version: projection.version,
    generation,
    checkpoint: projectionCheckpoint(projection.name, projection.version),
    collections: Object.fromEntries(
      projection.readModels.map((m) => [m.collection, physicalCollection(m.collection, generation)]),
    ),
    ...(previous ? { previous: previous.collections } : {}),
  };
}

/** True when the stored generation was built by other projection code (version or read models differ). */
export function isOutdated(projection: Projection, active: GenerationDoc): boolean {
  const stored = Object.keys(active.collections).sort();
  const wanted = projection.readModels.map((m) => m.collection).sort();
  return active.version !== projection.version || stored.join('\u0000') !== wanted.join('\u0000');
}
