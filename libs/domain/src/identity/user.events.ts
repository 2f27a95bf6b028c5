import type { PersonalText } from '../shared/personal-data';

export const ROLES = ['consumer', 'leader', 'buyer', 'purchaser', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface UserData {
  username: string;
  /** Personal data: sealed with the person's key (plain text in events written before sealing). */
  displayName: PersonalText;
  /** scrypt hash produced by the platform, sealed like the personal fields (so erasure removes it from the log too); never the password itself. */
  passwordHash: PersonalText;
  roles: Role[];
  /** The party the user acts for: the pickup point a leader runs, a purchaser's kitchen, a buyer's account. */
  party?: string;
  /** Mobile number of a consumer who signed up with it (one account per number, see {@link mobileClaimDecider}); personal data, sealed. */
  mobile?: PersonalText;
}

export type UserEvent =
  | { type: 'UserRegistered'; data: UserData }
  | { type: 'PasswordChanged'; data: { passwordHash: PersonalText; reset: boolean } }
  | { type: 'RolesAssigned'; data: { roles: Role[]; party?: string } }
  | { type: 'UserDisabled'; data: { reason?: string } }
  | { type: 'UserEnabled'; data: Record<string, never> }
  | { type: 'SessionsEnded'; data: Record<string, never> }
  /** The person's personal data was erased on request (the audit record; the key of `subject` is destroyed after it is written). */
  | { type: 'PersonalDataErased'; data: { subject: string; reason: string } };

/** Stream of one user account: `user-<username>`. */
export const userStream = (username: string): string => `user-${username}`;

/** Subject of a user's personal data: whose key seals their name, mobile number and password hash. */
export const userSubject = (username: string): string => `user:${username}`;
