import type { components } from '@gx/web/api/operations';

export type UserView = components['schemas']['UserView'];
export type UserListItem = components['schemas']['UserListItemView'];
export type Role = UserView['roles'][number];
export type PartyKind = NonNullable<UserView['partyKind']>;
export type BuyerListItem = components['schemas']['BuyerListItemView'];

export const ROLES: Role[] = ['operator', 'buyer', 'purchaser', 'leader', 'consumer'];
export const PARTY_KINDS: PartyKind[] = ['buyer', 'kitchen', 'pickupPoint'];

/** The party kind roles act for, as the API decides it (a leader's pickup point first, then a buyer, then a kitchen). */
export function partyKindOf(roles: readonly Role[]): PartyKind | undefined {
  if (roles.includes('leader')) return 'pickupPoint';
  if (roles.includes('buyer')) return 'buyer';
  if (roles.includes('purchaser')) return 'kitchen';
  return undefined;
}

// No 0/O, 1/l/I: the operator reads the password out or writes it down for the person.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random initial password of 12 characters (about 70 bits), from the browser's CSPRNG. */
export function generatePassword(length = 12): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // 256 is not a multiple of the alphabet's 56 letters; the slight bias is harmless for a temporary password.
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}
