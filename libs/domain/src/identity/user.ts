import { registerOnceDecider } from '../catalog/register-once';
import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { ERASED_TEXT, type PersonalText } from '../shared/personal-data';

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

/** An account as its events leave it. */
export interface UserAccount extends UserData {
  disabled: boolean;
  /** Raised whenever the account's sessions must end (disabled, roles changed, password reset, signed out): tokens of an older epoch are refused. */
  sessionEpoch: number;
  /** The person's personal data was erased: no password, no mobile number, the name reads {@link ERASED_TEXT}; the account is disabled for good. */
  erased?: true;
}

/** Subject of a user's personal data: whose key seals their name, mobile number and password hash. */
export const userSubject = (username: string): string => `user:${username}`;

export type UserState = { exists: false } | { exists: true; data: UserAccount };

export type UserCommand =
  | { type: 'RegisterUser'; data: UserData }
  | { type: 'ChangePassword'; passwordHash: PersonalText; reset: boolean }
  | { type: 'AssignRoles'; roles: Role[]; party?: string }
  | { type: 'DisableUser'; reason?: string }
  | { type: 'EnableUser' }
  | { type: 'EndSessions' }
  | { type: 'ErasePersonalData'; reason: string };

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

function requireRoles(roles: Role[]): void {
  if (roles.length === 0) throw new DomainError('INVALID_STATE', 'a user needs at least one role', 'roles');
}

/**
 * A user account: registered once under its username with at least one role; its password can be
 * changed (by the user) or reset (by an operator), its roles reassigned, and it can be disabled and
 * enabled again. Disabling, new roles, a password reset and signing out raise the session epoch.
 */
export const userDecider: Decider<UserCommand, UserEvent, UserState> & { name: string } = {
  name: 'user',
  initialState: { exists: false },
  decide(command, state) {
    if (command.type === 'RegisterUser') {
      if (state.exists) throw new DomainError('ALREADY_EXISTS', `user ${command.data.username} already exists`, 'username');
      requireRoles(command.data.roles);
      return [{ type: 'UserRegistered', data: command.data }];
    }
    if (!state.exists) throw new DomainError('NOT_FOUND', 'user does not exist');
    if (command.type === 'ErasePersonalData') {
      // Erasing twice changes nothing (the caller still makes sure the key is gone).
      return state.data.erased ? [] : [{ type: 'PersonalDataErased', data: { subject: userSubject(state.data.username), reason: command.reason } }];
    }
    if (state.data.erased) throw new DomainError('PERSON_ERASED', `the personal data of user ${state.data.username} was erased`);
    switch (command.type) {
      case 'ChangePassword':
        return [{ type: 'PasswordChanged', data: { passwordHash: command.passwordHash, reset: command.reset } }];
      case 'AssignRoles':
        requireRoles(command.roles);
        return [{ type: 'RolesAssigned', data: { roles: command.roles, ...(command.party !== undefined && { party: command.party }) } }];
      case 'DisableUser':
        return state.data.disabled ? [] : [{ type: 'UserDisabled', data: command.reason === undefined ? {} : { reason: command.reason } }];
      case 'EnableUser':
        return state.data.disabled ? [{ type: 'UserEnabled', data: {} }] : [];
      case 'EndSessions':
        return [{ type: 'SessionsEnded', data: {} }];
    }
  },
  evolve(state, event) {
    if (event.type === 'UserRegistered') return { exists: true, data: { ...event.data, disabled: false, sessionEpoch: 0 } };
    if (!state.exists) return state;
    const data = state.data;
    switch (event.type) {
      case 'PasswordChanged':
        // An operator's reset ends every session; the user's own change keeps the session they made it in.
        return { exists: true, data: { ...data, passwordHash: event.data.passwordHash, sessionEpoch: data.sessionEpoch + (event.data.reset ? 1 : 0) } };
      case 'RolesAssigned': {
        const { party: _old, ...rest } = data;
        return { exists: true, data: { ...rest, roles: event.data.roles, ...(event.data.party !== undefined && { party: event.data.party }), sessionEpoch: data.sessionEpoch + 1 } };
      }
      case 'UserDisabled':
        return { exists: true, data: { ...data, disabled: true, sessionEpoch: data.sessionEpoch + 1 } };
      case 'UserEnabled':
        return { exists: true, data: { ...data, disabled: false } };
      case 'SessionsEnded':
        return { exists: true, data: { ...data, sessionEpoch: data.sessionEpoch + 1 } };
      case 'PersonalDataErased': {
        const { mobile: _mobile, ...rest } = data;
        return { exists: true, data: { ...rest, displayName: ERASED_TEXT, passwordHash: '', disabled: true, erased: true, sessionEpoch: data.sessionEpoch + 1 } };
      }
    }
  },
};

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
