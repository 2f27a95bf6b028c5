import { comparePositions } from '@gx/eventstore/event-store.port';
import type { Doc, DocumentStore, Filter, FindOptions } from './document-store.port';
import { GENERATIONS_COLLECTION, type GenerationDoc } from './projector/generations';

/** Options of {@link ReadModels}. */
export interface ReadModelsOptions {
  /** How long the logical → physical collection mapping is reused (default 250 ms). */
  cacheMs?: number;
  /** How often {@link ReadModels.waitFor} reads checkpoints (default 10 ms). */
  pollMs?: number;
  /** How many answers {@link ReadModels.memo} keeps (default 256). */
  memoSize?: number;
}

interface Mapping {
  loadedAt: number;
  collections: Map<string, string>;
  projections: Map<string, GenerationDoc>;
}

/**
 * Queries on read models by logical collection name (`stock_levels`), resolved to the active
 * generation's physical collection, plus read-your-writes waits. Works whether the projector runs
 * in this process or another: everything is read from the store.
 */
export class ReadModels {
  private readonly cacheMs: number;
  private readonly pollMs: number;
  private readonly memoSize: number;
  private mapping: Mapping | undefined;
  private loading: Promise<Mapping> | undefined;
  /** key → the answer computed at one version (generation and checkpoint) of its projection. */
  private readonly memos = new Map<string, { version: string; answer: Promise<unknown> }>();

  constructor(
    private readonly store: DocumentStore,
    options: ReadModelsOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 250;
    this.pollMs = options.pollMs ?? 10;
    this.memoSize = options.memoSize ?? 256;
  }

  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    return this.resolve(collection).then((physical) => this.store.get<T>(physical, id));
  }

  find<T extends Doc = Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]> {
    return this.resolve(collection).then((physical) => this.store.find<T>(physical, filter, options));
  }

  count(collection: string, filter?: Filter): Promise<number> {
    return this.resolve(collection).then((physical) => this.store.count(physical, filter));
  }

  /** The physical collection behind a logical one; a collection no projection owns is its own name. */
  async resolve(collection: string): Promise<string> {
    return (await this.current()).collections.get(collection) ?? collection;
  }

  /** Checkpoint of the active generation of a projection; null before its first build. */
  async checkpoint(projection: string): Promise<string | null> {
    return (await this.active(projection))?.position ?? null;
  }

  /**
   * The answer of a query on `projection`'s read models, computed once per version of them: read
   * models change only when the projector commits a batch, and it moves the checkpoint with it, so an
   * answer is reused for as long as the active generation and its checkpoint stay where they were
   * (one small read of the checkpoint per call instead of the query). Concurrent calls share one
   * computation; a failed one is forgotten. The answer is shared: callers must not mutate it.
   * For hot queries whose answer does not depend on who asks (filter per viewer afterwards).
   */
  async memo<T>(projection: string, key: string, compute: () => Promise<T>): Promise<T> {
    const active = await this.active(projection);
    if (!active) return compute();
    const version = `${active.checkpoint}@${active.position}`;
    const memoKey = `${projection}\u0000${key}`;
    const known = this.memos.get(memoKey);
    if (known?.version === version) return known.answer as Promise<T>;
    const answer = compute();
    this.memos.delete(memoKey);
    this.memos.set(memoKey, { version, answer });
    if (this.memos.size > this.memoSize) this.memos.delete(this.memos.keys().next().value as string);
    answer.catch(() => {
      if (this.memos.get(memoKey)?.answer === answer) this.memos.delete(memoKey);
    });
    return answer;
  }

  /**
   * Wait until every named projection has passed `position` (checkpoint ≥ position).
   * True when they have, false when `timeoutMs` elapsed first.
   */
  async waitFor(projection: string | string[], position: string, timeoutMs: number): Promise<boolean> {
    if (!/^\d+$/.test(position)) throw new RangeError(`invalid log position: ${JSON.stringify(position)}`);
    const pending = new Set(Array.isArray(projection) ? projection : [projection]);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const name of [...pending]) {
        const reached = await this.checkpoint(name);
        if (reached !== null && comparePositions(reached, position) >= 0) pending.delete(name);
      }
      const left = deadline - Date.now();
      if (pending.size === 0) return true;
      if (left <= 0) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs, left)));
    }
  }

  /** The active generation's checkpoint (its name and position); null before the projection's first build. */
  private async active(projection: string): Promise<{ checkpoint: string; position: string } | null> {
    let generation = (await this.current()).projections.get(projection);
    // A projection being built for the first time appears any moment: look again without waiting out the cache.
    if (!generation) generation = (await this.current(this.pollMs)).projections.get(projection);
    if (!generation) return null;
    const position = await this.store.getCheckpoint(generation.checkpoint);
    return position === null ? null : { checkpoint: generation.checkpoint, position };
  }

  private async current(maxAgeMs = this.cacheMs): Promise<Mapping> {
    if (this.mapping && Date.now() - this.mapping.loadedAt < maxAgeMs) return this.mapping;
    // Concurrent queries share one reload.
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<Mapping> {
    const generations = await this.store.find<GenerationDoc>(GENERATIONS_COLLECTION);
    const collections = new Map<string, string>();
    const projections = new Map<string, GenerationDoc>();
    for (const generation of generations) {
      projections.set(generation.projection, generation);
      for (const [logical, physical] of Object.entries(generation.collections)) collections.set(logical, physical);
    }
    this.mapping = { loadedAt: Date.now(), collections, projections };
    return this.mapping;
  }
}
