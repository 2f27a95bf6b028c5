import { Inject, Injectable, Logger, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DOCUMENT_STORE, type Doc, type DocumentStore } from '@gx/readstore/document-store.port';
import { CLOCK, type Clock } from '../context/clock';
import { IDEMPOTENCY_COLLECTION, IDEMPOTENCY_DOCUMENTS } from './idempotency.constants';

/** Stored answer of a finished request (a result or a 4xx problem): status, content type and the body as sent. */
export interface StoredResponse {
  kind: 'result' | 'problem';
  status: number;
  contentType?: string;
  /** The body exactly as it was sent; null when there was none. */
  body: string | null;
}

/**
 * One idempotency record. `_position` is its generation: every transition writes generation + 1 and
 * relies on the DocumentStore position guard, so of two writers racing from the same generation
 * exactly one wins (a compare-and-set without a dedicated port method).
 */
export interface IdempotencyRecord extends Doc {
  _position: string;
  state: 'in_flight' | 'done' | 'released';
  /** Random id of the request attempt that wrote this generation. */
  owner: string;
  bodyHash: string;
  /** An in-flight record older than this is presumed abandoned (its process died) and taken over. */
  lockedUntil: string;
  expiresAt: string;
  response?: StoredResponse;
}

/** Timing of the idempotency protocol. */
export interface IdempotencyOptions {
  /** How long a record is honoured (24 h). */
  ttlMs: number;
  /** How long an in-flight record blocks others before it is presumed abandoned. */
  lockMs: number;
  /** How long a concurrent duplicate waits for the first request before answering 409. */
  waitMs: number;
  pollMs: number;
}

/** 24 h records, 60 s in-flight lock, duplicates wait up to 5 s polling every 20 ms. */
export const DEFAULT_IDEMPOTENCY_OPTIONS: IdempotencyOptions = {
  ttlMs: 24 * 3600 * 1000,
  lockMs: 60_000,
  waitMs: 5_000,
  pollMs: 20,
};

/** Injection token of the {@link IdempotencyOptions}. */
export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

const PURGE_EVERY_MS = 10 * 60_000;
const PURGE_BATCH = 500;

/** Idempotency records in a DocumentStore (IDEMPOTENCY_DOCUMENTS, else DOCUMENT_STORE): create, claim, finish, release, purge. */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private purgeTimer?: NodeJS.Timeout;
  private readonly store: DocumentStore;

  constructor(
    @Inject(DOCUMENT_STORE) readModels: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDEMPOTENCY_OPTIONS) readonly options: IdempotencyOptions,
    @Optional() @Inject(IDEMPOTENCY_DOCUMENTS) own?: DocumentStore,
  ) {
    this.store = own ?? readModels;
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureCollection({ name: IDEMPOTENCY_COLLECTION, indexes: [{ fields: [['expiresAt', 1]] }] });
    this.purgeTimer = setInterval(() => {
      this.purgeExpired().catch((err: unknown) => this.logger.warn(`purging expired records failed: ${String(err)}`));
    }, PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  get(id: string): Promise<IdempotencyRecord | null> {
    return this.store.get<IdempotencyRecord>(IDEMPOTENCY_COLLECTION, id);
  }

  /** True when the record no longer binds anyone: expired, released, or in flight past its lock. */
  isClaimable(record: IdempotencyRecord): boolean {
    const now = this.clock.now().toISOString();
    return record.expiresAt <= now || record.state === 'released' || (record.state === 'in_flight' && record.lockedUntil <= now);
  }

  isExpired(record: IdempotencyRecord): boolean {
    return record.expiresAt <= this.clock.now().toISOString();
  }

  /** Try to become the request that runs the handler; the generation owned, or null when another won. */
  async claim(id: string, bodyHash: string, owner: string, previous: IdempotencyRecord | null): Promise<number | null> {
    const generation = previous ? Number(previous._position) + 1 : 1;
    const now = this.clock.now().getTime();
    const doc: IdempotencyRecord = {
      _id: id,
      _position: String(generation),
      state: 'in_flight',
      owner,
      bodyHash,
      lockedUntil: new Date(now + this.options.lockMs).toISOString(),
      expiresAt: new Date(now + this.options.ttlMs).toISOString(),
    };
    if (!previous) return (await this.store.insertIfAbsent(IDEMPOTENCY_COLLECTION, doc)) ? generation : null;
    await this.store.write({ ops: [{ kind: 'put', collection: IDEMPOTENCY_COLLECTION, doc }] });
    const after = await this.get(id);
    return after?.owner === owner && after._position === doc._position ? generation : null;
  }

  /** Store the response of the owned generation (skipped by the guard if someone took over meanwhile). */
  async finish(id: string, generation: number, owner: string, bodyHash: string, response: StoredResponse): Promise<void> {
    await this.transition(id, generation, owner, bodyHash, 'done', response);
  }

  /** Give the key back after a server error, so that a retry runs the handler again. */
  async release(id: string, generation: number, owner: string, bodyHash: string): Promise<void> {
    await this.transition(id, generation, owner, bodyHash, 'released');
  }

  /** Delete up to one batch of expired records; a record renewed meanwhile is kept by the guard. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now().toISOString();
    const expired = await this.store.find<IdempotencyRecord>(IDEMPOTENCY_COLLECTION, { expiresAt: { $lte: now } }, { limit: PURGE_BATCH });
    if (expired.length === 0) return 0;
    await this.store.write({
      ops: expired.map((r) => ({
        kind: 'delete' as const,
        collection: IDEMPOTENCY_COLLECTION,
        id: r._id,
        position: String(Number(r._position) + 1),
      })),
    });
    return expired.length;
  }

  private async transition(
    id: string,
    generation: number,
    owner: string,
    bodyHash: string,
    state: 'done' | 'released',
    response?: StoredResponse,
  ): Promise<void> {
    const now = this.clock.now().getTime();
    const doc: IdempotencyRecord = {
      _id: id,
      _position: String(generation + 1),
      state,
      owner,
      bodyHash,
      lockedUntil: new Date(now).toISOString(),
      expiresAt: new Date(now + this.options.ttlMs).toISOString(),
      ...(response && { response }),
    };
    await this.store.write({ ops: [{ kind: 'put', collection: IDEMPOTENCY_COLLECTION, doc }] });
  }
}
