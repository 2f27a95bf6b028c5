import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { PersonalText } from '../shared/personal-data';
import { userSubject, type Role, type UserData, type UserEvent } from './user.events';
import { evolveUser, initialUserState, type UserState } from './user.state';

export type UserCommand =
  | { type: 'RegisterUser'; data: UserData }
  | { type: 'ChangePassword'; passwordHash: PersonalText; reset: boolean }
  | { type: 'AssignRoles'; roles: Role[]; party?: string }
  | { type: 'DisableUser'; reason?: string }
  | { type: 'EnableUser' }
  | { type: 'EndSessions' }
  | { type: 'ErasePersonalData'; reason: string };

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
  initialState: initialUserState,
  decide(command, state) {
    if (command.type === 'RegisterUser') {
      if (state.exists)
        throw new DomainError('ALREADY_EXISTS', `user ${command.data.username} already exists`, 'username');
      requireRoles(command.data.roles);
      return [{ type: 'UserRegistered', data: command.data }];
    }
    if (!state.exists) throw new DomainError('NOT_FOUND', 'user does not exist');
    if (command.type === 'ErasePersonalData') {
      // Erasing twice changes nothing (the caller still makes sure the key is gone).
      return state.data.erased
        ? []
        : [{ type: 'PersonalDataErased', data: { subject: userSubject(state.data.username), reason: command.reason } }];
    }
    if (state.data.erased)
      throw new DomainError('PERSON_ERASED', `the personal data of user ${state.data.username} was erased`);
    switch (command.type) {
      case 'ChangePassword':
        return [{ type: 'PasswordChanged', data: { passwordHash: command.passwordHash, reset: command.reset } }];
      case 'AssignRoles':
        requireRoles(command.roles);
        return [
          {
            type: 'RolesAssigned',
            data: { roles: command.roles, ...(command.party !== undefined && { party: command.party }) },
          },
        ];
      case 'DisableUser':
        return state.data.disabled
          ? []
          : [{ type: 'UserDisabled', data: command.reason === undefined ? {} : { reason: command.reason } }];
      case 'EnableUser':
        return state.data.disabled ? [{ type: 'UserEnabled', data: {} }] : [];
      case 'EndSessions':
        return [{ type: 'SessionsEnded', data: {} }];
    }
  },
  evolve: evolveUser,
};
