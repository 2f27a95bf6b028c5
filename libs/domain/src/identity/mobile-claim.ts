import { registerOnceDecider } from '../catalog/register-once';

/** Claim of a mobile number by one account. */
export interface MobileClaimData {
  /** Key of the number (a hash: the number itself is personal data and stream names cannot be erased). */
  key: string;
  username: string;
}

/** Stream of the claim on one mobile number: `mobile-<key>`, `key` a hash of the number. */
export const mobileClaimStream = (key: string): string => `mobile-${key}`;

/**
 * One account per mobile number: sign-up claims the number's stream first, so of two concurrent
 * sign-ups for one number exactly one succeeds (the other's append meets an existing stream).
 */
export const mobileClaimDecider = registerOnceDecider<'ClaimMobile', 'MobileClaimed', MobileClaimData>({
  name: 'mobile-claim',
  commandType: 'ClaimMobile',
  eventType: 'MobileClaimed',
  label: 'mobile number',
  key: 'key',
});
