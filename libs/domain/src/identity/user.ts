import { registerOnceDecider } from '../catalog/register-once';
import { DomainError } from '../shared/domain-error';

export const ROLES = ['consumer', 'leader', 'buyer', 'purchaser', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface UserData {
  username: string;
  displayName: string;
  /** scrypt hash produced by the platform; never the password itself. */
  passwordHash: string;
  roles: Role[];
  /** The party the user acts for: the pickup point a leader runs, a purchaser's kitchen, a buyer's account. */
  party?: string;
}

/** Stream of one user account: `user-<username>`. */
export const userStream = (username: string): string => `user-${username}`;

/** A user account, registered once under its username, with at least one role. */
export const userDecider = registerOnceDecider<'RegisterUser', 'UserRegistered', UserData>({
  name: 'user',
  commandType: 'RegisterUser',
  eventType: 'UserRegistered',
  label: 'user',
  key: 'username',
  validate(data) {
    if (data.roles.length === 0) throw new DomainError('INVALID_STATE', 'a user needs at least one role', 'roles');
  },
});
