/**
 * Personal data in events (个人信息保护法): names, mobile numbers and addresses of persons never sit in
 * clear in the log. The application layer seals each such field with a key of its subject (the
 * person) kept outside the log, and opens it when shaping answers; destroying the key erases the
 * field everywhere at once (crypto-shredding). The domain only carries the sealed value as data.
 */

/** A personal field sealed with its subject's key (AES-256-GCM; every part base64). */
export interface SealedPersonalData {
  /** The subject whose key seals it, e.g. `user:c-1a2b3c4d5e6f`. */
  $pii: string;
  v: 1;
  iv: string;
  ct: string;
  tag: string;
}

/** A personal field in an event: sealed, or plain text in events written before sealing existed. */
export type PersonalText = string | SealedPersonalData;

/** What an erased personal field reads as, in every answer and screen. */
export const ERASED_TEXT = '已删除';

/** True when `value` is a sealed personal field (the envelope's shape, not its authenticity). */
export function isSealed(value: unknown): value is SealedPersonalData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.$pii === 'string' &&
    v.v === 1 &&
    typeof v.iv === 'string' &&
    typeof v.ct === 'string' &&
    typeof v.tag === 'string'
  );
}

/** A personal field, sealed or plain, as event data may carry it. */
export const isPersonalText = (value: unknown): value is PersonalText => typeof value === 'string' || isSealed(value);
