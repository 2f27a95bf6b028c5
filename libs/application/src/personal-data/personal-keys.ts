import { randomBytes } from 'node:crypto';
import type { Doc, DocumentStore } from '@gx/readstore';

/** Collection of the personal-data keys: one document per subject, outside the log and outside every projection. */
export const PERSONAL_KEYS_COLLECTION = 'personal_keys';

/** Injection token of the DocumentStore holding the keys (DATA_DIR/keys.db embedded, the read-model database on MongoDB). */
export const PERSONAL_KEYS = Symbol('PERSONAL_KEYS');

/** A subject's key (256 random bits, base64), or its tombstone once destroyed. */
interface KeyDoc extends Doc {
  key?: string;
  createdAt?: string;
  destroyedAt?: string;
}

/** What the store knows of a subject's key. */
export type KeyStanding =
  { state: 'live'; key: Buffer } | { state: 'destroyed'; destroyedAt: string } | { state: 'none' };

/**
 * The key store of crypto-shredding: one random 256-bit key per subject (a person), created once
 * (of concurrent creations exactly one wins, through insert-if-absent) and destroyed on erasure. A
 * destroyed key leaves a tombstone, so the subject never gets a new key and nothing is sealed for
 * them again. Passes test/contract/personal-keys.contract.ts on every DocumentStore adapter.
 */
export class PersonalKeys {
  private ready?: Promise<void>;

  constructor(private readonly store: DocumentStore) {}

  /** Create the collection when missing (idempotent; also done before the first use). */
  ensure(): Promise<void> {
    this.ready ??= this.store.ensureCollection({ name: PERSONAL_KEYS_COLLECTION }).catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  /** The subject's key as stored now. */
  async standing(subject: string): Promise<KeyStanding> {
    await this.ensure();
    return standingOf(await this.store.get<KeyDoc>(PERSONAL_KEYS_COLLECTION, subject));
  }

  /** The subject's live key, created on first use; `destroyed` when it was destroyed (the subject was erased). */
  async keyFor(subject: string, now: string): Promise<KeyStanding & { state: 'live' | 'destroyed' }> {
    const known = await this.standing(subject);
    if (known.state !== 'none') return known;
    const key = randomBytes(32);
    if (
      await this.store.insertIfAbsent(PERSONAL_KEYS_COLLECTION, {
        _id: subject,
        key: key.toString('base64'),
        createdAt: now,
      })
    )
      return { state: 'live', key };
    // Another process created (or destroyed) it meanwhile: theirs counts.
    const winner = await this.standing(subject);
    if (winner.state === 'none') throw new Error(`personal key of ${subject} neither inserted nor found`);
    return winner;
  }

  /** Destroy the subject's key for good (idempotent): a tombstone replaces it, whether a key existed or not. */
  async destroy(subject: string, now: string): Promise<void> {
    const known = await this.standing(subject);
    if (known.state === 'destroyed') return;
    await this.store.write({
      ops: [{ kind: 'put', collection: PERSONAL_KEYS_COLLECTION, doc: { _id: subject, destroyedAt: now } }],
    });
  }
}

function standingOf(doc: KeyDoc | null): KeyStanding {
  if (!doc) return { state: 'none' };
  if (typeof doc.key === 'string') return { state: 'live', key: Buffer.from(doc.key, 'base64') };
  return { state: 'destroyed', destroyedAt: doc.destroyedAt ?? '' };
}
