import { ERASED_TEXT } from '../shared/personal-data';
import type { UserData, UserEvent } from './user.events';

/** An account as its events leave it. */
export interface UserAccount extends UserData {
  disabled: boolean;
  /** Raised whenever the account's sessions must end (disabled, roles changed, password reset, signed out): tokens of an older epoch are refused. */
  sessionEpoch: number;
  /** The person's personal data was erased: no password, no mobile number, the name reads {@link ERASED_TEXT}; the account is disabled for good. */
  erased?: true;
}

export type UserState = { exists: false } | { exists: true; data: UserAccount };

export const initialUserState: UserState = { exists: false };

/** Fold one user event; unknown event types leave the state unchanged. */
export function evolveUser(state: UserState, event: UserEvent): UserState {
  if (event.type === 'UserRegistered')
    return { exists: true, data: { ...event.data, disabled: false, sessionEpoch: 0 } };
  if (!state.exists) return state;
  const data = state.data;
  switch (event.type) {
    case 'PasswordChanged':
      // An operator's reset ends every session; the user's own change keeps the session they made it in.
      return {
        exists: true,
        data: {
          ...data,
          passwordHash: event.data.passwordHash,
          sessionEpoch: data.sessionEpoch + (event.data.reset ? 1 : 0),
        },
      };
    case 'RolesAssigned': {
      const { party: _old, ...rest } = data;
      return {
        exists: true,
        data: {
          ...rest,
          roles: event.data.roles,
          ...(event.data.party !== undefined && { party: event.data.party }),
          sessionEpoch: data.sessionEpoch + 1,
        },
      };
    }
    case 'UserDisabled':
      return { exists: true, data: { ...data, disabled: true, sessionEpoch: data.sessionEpoch + 1 } };
    case 'UserEnabled':
      return { exists: true, data: { ...data, disabled: false } };
    case 'SessionsEnded':
      return { exists: true, data: { ...data, sessionEpoch: data.sessionEpoch + 1 } };
    case 'PersonalDataErased': {
      const { mobile: _mobile, ...rest } = data;
      return {
        exists: true,
        data: {
          ...rest,
          displayName: ERASED_TEXT,
          passwordHash: '',
          disabled: true,
          erased: true,
          sessionEpoch: data.sessionEpoch + 1,
        },
      };
    }
  }
}
