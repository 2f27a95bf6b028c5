import type { Role } from '@gx/domain/identity/user';

/** The five roles, defined by the identity context of the domain. */
export type { Role } from '@gx/domain/identity/user';
/** Every role, for validation and OpenAPI enums. */
export { ROLES } from '@gx/domain/identity/user';

/** The authenticated caller, as carried by a verified access token. */
export interface AuthUser {
  username: string;
  roles: Role[];
  /** The party the user acts for: the pickup point a leader runs, a purchaser's kitchen, a buyer id. */
  party?: string;
}

/** A user account as the login controller needs it. */
export interface UserRecord {
  username: string;
  passwordHash: string;
  roles: Role[];
  party?: string;
}

/** Looks up accounts for `POST /auth/login`; implemented by the application on the event store. */
export interface UserDirectory {
  findByUsername(username: string): Promise<UserRecord | null>;
}

/** Injection token of the {@link UserDirectory}. */
export const USER_DIRECTORY = Symbol('USER_DIRECTORY');
