import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { retryWhileUnavailable } from '@gx/eventstore/store-faults';
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
  /** The process (store instance) running the request; while its heartbeat is fresh the key stays locked. */
  holder?: string;
  bodyHash: string;
  /** An in-flight record older than this is taken over even from a live holder (a request that hangs). */
  lockedUntil: string;
  expiresAt: string;
  response?: StoredResponse;
}

/** Timing of the idempotency protocol. */
export interface IdempotencyOptions {
  /** How long a record is honoured (24 h). */
  ttlMs: number;
  /** How long an in-flight record blocks others at most, even while its process is alive (a hung request). */
  lockMs: number;
  /** How long a concurrent duplicate waits for the first request before answering 409. */
  waitMs: number;
  pollMs: number;
  /** How often a process renews its heartbeat in the records store. */
  heartbeatMs: number;
  /** A holder whose last heartbeat is older than this is presumed dead, and its in-flight keys free. */
  holderStaleMs: number;
}

/**
 * 24 h records; an in-flight key stays locked while its process beats (every second), at most 60 s,
 * and is free 4 s after its process's last beat; duplicates wait up to 5 s polling every 20 ms.
 */
export const DEFAULT_IDEMPOTENCY_OPTIONS: IdempotencyOptions = {
  ttlMs: 24 * 3600 * 1000,
  lockMs: 60_000,
  waitMs: 5_000,
  pollMs: 20,
  heartbeatMs: 1_000,
  holderStaleMs: 4_000,
};

/**
 * A process's heartbeat, beside the records it holds: `_id` is `holder:<instance>` (record ids are
 * hex digests, so they never collide); it expires (and is purged) once the beats stop.
 */
interface HolderBeat extends Doc {
  _position: string;
  expiresAt: string;
}
const holderDocId = (instance: string): string => `holder:${instance}`;

/** Injection token of the {@link IdempotencyOptions}. */
export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

const PURGE_EVERY_MS = 10 * 60_000;
const PURGE_BATCH = 500;

/** Idempotency records in a DocumentStore (IDEMPOTENCY_DOCUMENTS, else DOCUMENT_STORE): create, claim, finish, release, purge. */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private purgeTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private readonly store: DocumentStore;
  /** This process's id as a holder of in-flight keys. */
  readonly instance = randomUUID();
  private beats = 0;
  private beating = false;
  private beatFailing = false;

  constructor(
    @Inject(DOCUMENT_STORE) readModels: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDEMPOTENCY_OPTIONS) readonly options: IdempotencyOptions,
    @Optional() @Inject(IDEMPOTENCY_DOCUMENTS) own?: DocumentStore,
  ) {
    this.store = own ?? readModels;
  }

  async onModuleInit(): Promise<void> {
    await retryWhileUnavailable(
      'creating the idempotency records collection',
      () => this.store.ensureCollection({ name: IDEMPOTENCY_COLLECTION, indexes: [{ fields: [['expiresAt', 1]] }] }),
      { warn: (message) => this.logger.warn(message) },
    );
    // Beating before the first claim: a record never names a holder that has no heartbeat yet.
    await retryWhileUnavailable("writing this process's first heartbeat", () => this.beat(), {
      warn: (message) => this.logger.warn(message),
    });
    this.heartbeatTimer = setInterval(() => void this.beat().catch(() => undefined), this.options.heartbeatMs);
    this.heartbeatTimer.unref();
    this.purgeTimer = setInterval(() => {
      this.purgeExpired().catch((err: unknown) => this.logger.warn(`purging expired records failed: ${String(err)}`));
    }, PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  /** The heartbeat stops only once the server has closed, so requests finishing during shutdown keep their keys. */
  onApplicationShutdown(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /** Renew this process's heartbeat (each beat a new position, so a late write never undoes a newer one). */
  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const now = this.clock.now().getTime();
      const doc: HolderBeat = {
        _id: holderDocId(this.instance),
        _position: String(++this.beats),
        expiresAt: new Date(now + this.options.holderStaleMs).toISOString(),
      };
      await this.store.write({ ops: [{ kind: 'put', collection: IDEMPOTENCY_COLLECTION, doc }] });
      if (this.beatFailing) this.logger.log('heartbeat renewed again');
      this.beatFailing = false;
    } catch (err) {
      // Said once per outage: while beats fail, other processes may take over this process's keys.
      if (!this.beatFailing)
        this.logger.warn(`heartbeat failed (other processes may take over this one's in-flight keys): ${String(err)}`);
      this.beatFailing = true;
      throw err;
    } finally {
      this.beating = false;
    }
  }

  get(id: string): Promise<IdempotencyRecord | null> {
    return this.store.get<IdempotencyRecord>(IDEMPOTENCY_COLLECTION, id);
  }

  /** True when the record no longer binds anyone: expired, released, or in flight past its lock. */
  isClaimable(record: IdempotencyRecord): boolean {
    const now = this.clock.now().toISOString();
    return (
      record.expiresAt <= now ||
      record.state === 'released' ||
      (record.state === 'in_flight' && record.lockedUntil <= now)
    );
  }

  /**
   * True when the record binds nobody any more: {@link isClaimable}, or in flight in a process whose
   * heartbeat stopped (it died mid-request), so a retry need not wait for the lock to run out. The
   * holder's clock wrote the heartbeat's expiry, so processes on several hosts need clocks that agree
   * (NTP) to well within `holderStaleMs`.
   */
  async isFree(record: IdempotencyRecord): Promise<boolean> {
    if (this.isClaimable(record)) return true;
    if (record.state !== 'in_flight' || record.holder === undefined || record.holder === this.instance) return false;
    const beat = await this.store.get<HolderBeat>(IDEMPOTENCY_COLLECTION, holderDocId(record.holder));
    return beat === null || beat.expiresAt <= this.clock.now().toISOString();
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
      holder: this.instance,
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
  async finish(
    id: string,
    generation: number,
    owner: string,
    bodyHash: string,
    response: StoredResponse,
  ): Promise<void> {
    await this.transition(id, generation, owner, bodyHash, 'done', response);
  }

  /** Give the key back after a server error, so that a retry runs the handler again. */
  async release(id: string, generation: number, owner: string, bodyHash: string): Promise<void> {
    await this.transition(id, generation, owner, bodyHash, 'released');
  }

  /** Delete up to one batch of expired records; a record renewed meanwhile is kept by the guard. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now().toISOString();
    const expired = await this.store.find<IdempotencyRecord>(
      IDEMPOTENCY_COLLECTION,
      { expiresAt: { $lte: now } },
      { limit: PURGE_BATCH },
    );
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
