import type { Role } from '@gx/domain/identity/user.events';

/** The five roles, defined by the identity context of the domain. */
export type { Role } from '@gx/domain/identity/user.events';
/** Every role, for validation and OpenAPI enums. */
export { ROLES } from '@gx/domain/identity/user.events';

/** The authenticated caller, as carried by a verified access token. */
export interface AuthUser {
  username: string;
  roles: Role[];
  /** The party the user acts for: the pickup point a leader runs, a purchaser's kitchen, a buyer id. */
  party?: string;
  /** The account's session epoch when the token was issued (0 when absent): an older one than the account's is revoked. */
  epoch?: number;
}

/**
 * Tells whether a verified token still stands: its account may have been disabled, or its sessions
 * ended, since it was issued. Implemented by the application from the event log.
 */
export interface TokenRevocation {
  isRevoked(user: AuthUser): boolean;
}

/** Injection token of the {@link TokenRevocation} (optional: without one, every verified token stands). */
export const TOKEN_REVOCATION = Symbol('TOKEN_REVOCATION');

/** A user account as the login controller needs it. */
export interface UserRecord {
  username: string;
  passwordHash: string;
  roles: Role[];
  party?: string;
  /** A disabled account cannot sign in, and its tokens stop working. */
  disabled?: boolean;
  /** Session epoch of the account: refresh tokens of an older epoch are refused (sign-out, disabling, password change). */
  sessionEpoch?: number;
}

/** Looks up accounts for `POST /auth/login`; implemented by the application on the event store. */
export interface UserDirectory {
  findByUsername(username: string): Promise<UserRecord | null>;
  /** The account a login names: its username, or the mobile number it signed up with. */
  findByLogin(login: string): Promise<UserRecord | null>;
}

/** Injection token of the {@link UserDirectory}. */
export const USER_DIRECTORY = Symbol('USER_DIRECTORY');
