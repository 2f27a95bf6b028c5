import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ERASED_TEXT, isSealed, type PersonalText, type SealedPersonalData } from '@gx/domain';
import type { DocumentStore } from '@gx/readstore';
import { PERSONAL_KEYS, PersonalKeys } from './personal-keys';

/** A sealed personal field failed authentication: it was altered, or sealed under another key. Never shown. */
export class PersonalDataUnreadable extends Error {
  constructor(readonly subject: string) {
    super(`a personal field of ${subject} does not authenticate under its key (altered or sealed under another key)`);
    this.name = 'PersonalDataUnreadable';
  }
}

/**
 * A sealed field's subject has no key at all — neither a live one nor the tombstone of an erasure: the key
 * store is not the one the events were sealed with (a process configured with another MONGODB_URI or
 * DATA_DIR, or a lost keys.db). Refused loudly rather than shown as erased.
 */
export class PersonalKeyMissing extends Error {
  constructor(readonly subject: string) {
    super(
      `no personal-data key for ${subject}: this key store is not the one its events were sealed with (check MONGODB_URI, else DATA_DIR/keys.db)`,
    );
    this.name = 'PersonalKeyMissing';
  }
}

const ALGORITHM = 'aes-256-gcm';

/**
 * Crypto-shredding of personal data (names, mobile numbers, addresses of persons). Commands seal each
 * personal field with its subject's key before the event is appended ({@link seal}); answers open it
 * ({@link open}); erasure destroys the key ({@link erase}), after which every sealed field of the
 * subject — in the log, in every read model, after any rebuild, on any store — opens as
 * {@link ERASED_TEXT}. Plain strings (events written before sealing) open as themselves.
 *
 * Keys are read from the key store on every open, never cached: an erasure in one process takes effect
 * in every other at once. Opening is for answers and logins, never for the flash-sale path (orders
 * carry no personal field).
 */
@Injectable()
export class PersonalDataVault {
  readonly keys: PersonalKeys;

  constructor(@Inject(PERSONAL_KEYS) store: DocumentStore) {
    this.keys = new PersonalKeys(store);
  }

  /** Seal `value` with the subject's key (created on first use); PERSON_ERASED once the subject was erased. */
  async seal(subject: string, value: string, now = new Date().toISOString()): Promise<SealedPersonalData> {
    const key = await this.keys.keyFor(subject, now);
    if (key.state !== 'live') throw new DomainError('PERSON_ERASED', `the personal data of ${subject} was erased`);
    return sealWith(key.key, subject, value);
  }

  /** Seal several fields of one subject with one key lookup (undefined stays undefined). */
  async sealAll<K extends string>(
    subject: string,
    values: Record<K, string | undefined>,
    now?: string,
  ): Promise<Record<K, SealedPersonalData | undefined>> {
    const key = await this.keys.keyFor(subject, now ?? new Date().toISOString());
    if (key.state !== 'live') throw new DomainError('PERSON_ERASED', `the personal data of ${subject} was erased`);
    const out = Object.create(null) as Record<K, SealedPersonalData | undefined>;
    for (const name of Object.keys(values) as K[]) {
      const value = values[name];
      out[name] = value === undefined ? undefined : sealWith(key.key, subject, value);
    }
    return out;
  }

  /**
   * The clear text of a personal field: plain text as is, a sealed one opened, {@link ERASED_TEXT} when its key
   * was destroyed; {@link PersonalDataUnreadable} when it does not authenticate, {@link PersonalKeyMissing} when
   * the key store never had its key.
   */
  async open(value: PersonalText): Promise<string>;
  async open(value: PersonalText | undefined): Promise<string | undefined>;
  async open(value: PersonalText | undefined): Promise<string | undefined> {
    return (await this.openAll([value]))[0];
  }

  /** Open several fields, looking each subject's key up once. */
  async openAll(values: ReadonlyArray<PersonalText | undefined>): Promise<Array<string | undefined>> {
    const keys = new Map<string, Promise<Buffer | null>>();
    const keyOf = (subject: string): Promise<Buffer | null> => {
      let key = keys.get(subject);
      if (!key) {
        key = this.keys.standing(subject).then((s) => {
          if (s.state === 'none') throw new PersonalKeyMissing(subject);
          return s.state === 'live' ? s.key : null;
        });
        keys.set(subject, key);
      }
      return key;
    };
    return Promise.all(
      values.map(async (value) => {
        if (!isSealed(value)) return value;
        const key = await keyOf(value.$pii);
        return key === null ? ERASED_TEXT : openWith(key, value);
      }),
    );
  }

  /** True when the subject's key was destroyed. */
  async isErased(subject: string): Promise<boolean> {
    return (await this.keys.standing(subject)).state === 'destroyed';
  }

  /** Destroy the subject's key (idempotent): every field sealed with it is unreadable from now on, everywhere. */
  erase(subject: string, now = new Date().toISOString()): Promise<void> {
    return this.keys.destroy(subject, now);
  }
}

/** AES-256-GCM with a fresh 96-bit IV; the subject is the additional data, so an envelope cannot be moved to another subject. */
function sealWith(key: Buffer, subject: string, value: string): SealedPersonalData {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(subject, 'utf8'));
  const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return {
    $pii: subject,
    v: 1,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

function openWith(key: Buffer, sealed: SealedPersonalData): string {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(sealed.$pii, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new PersonalDataUnreadable(sealed.$pii);
  }
}
