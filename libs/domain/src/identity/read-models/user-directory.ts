import { ERASED_TEXT, type PersonalText } from '../../shared/personal-data';
import type { Role, UserEvent } from '../user.events';

/** Kinds of party a user acts for, as `GET /me` names them. */
export const PARTY_KINDS = ['pickupPoint', 'kitchen', 'buyer'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** The party kind each acting role acts for (a leader runs a pickup point, a purchaser buys for a kitchen). */
const PARTY_KIND_OF_ROLE: ReadonlyMap<Role, PartyKind> = new Map([
  ['leader', 'pickupPoint'],
  ['purchaser', 'kitchen'],
  ['buyer', 'buyer'],
]);

/** The kind of party `roles` act for (the first acting role decides, as `GET /me` does), or undefined. */
export function partyKindOf(roles: readonly Role[]): PartyKind | undefined {
  for (const role of ['leader', 'buyer', 'purchaser'] as const)
    if (roles.includes(role)) return PARTY_KIND_OF_ROLE.get(role);
  return undefined;
}

/**
 * Read model `users`: one document per account for the operators' list, without the password hash,
 * the mobile number or the session epoch. The display name stays sealed as the event carries it (it is
 * personal data: the answer opens it, and an erased person's reads 已删除), so the list is searched by
 * username only. `roleFlags` holds `{<role>: true}` per role so a list can be filtered by one role.
 */
export type UserDirectoryDoc = {
  _id: string;
  username: string;
  displayName: PersonalText;
  roles: Role[];
  roleFlags: Partial<Record<Role, true>>;
  party?: string;
  partyKind?: PartyKind;
  disabled: boolean;
  /** The person's personal data was erased: the name reads 已删除 whatever the key store says. */
  erased?: true;
  /** When the account was registered (ISO UTC). */
  createdAt: string;
  /** When it last changed (ISO UTC). */
  updatedAt: string;
};

function withRoles(
  doc: Omit<UserDirectoryDoc, 'roles' | 'roleFlags' | 'party' | 'partyKind'>,
  roles: Role[],
  party: string | undefined,
): UserDirectoryDoc {
  const roleFlags: Partial<Record<Role, true>> = {};
  for (const role of roles) roleFlags[role] = true;
  const partyKind = party === undefined ? undefined : partyKindOf(roles);
  return {
    ...doc,
    roles,
    roleFlags,
    ...(party !== undefined && { party }),
    ...(partyKind !== undefined && { partyKind }),
  };
}

/** Fold a user event into the account's list document; events that do not show in the list leave it as it is. */
export function evolveUserDirectory(
  doc: UserDirectoryDoc | null,
  event: UserEvent,
  occurredAt: string,
): UserDirectoryDoc | null {
  if (event.type === 'UserRegistered') {
    const { username, displayName, roles, party } = event.data;
    return withRoles(
      { _id: username, username, displayName, disabled: false, createdAt: occurredAt, updatedAt: occurredAt },
      roles,
      party,
    );
  }
  if (!doc) return doc;
  const { roles: _roles, roleFlags: _flags, party: _party, partyKind: _kind, ...rest } = doc;
  switch (event.type) {
    case 'RolesAssigned':
      return withRoles({ ...rest, updatedAt: occurredAt }, event.data.roles, event.data.party);
    case 'UserDisabled':
      return { ...doc, disabled: true, updatedAt: occurredAt };
    case 'UserEnabled':
      return { ...doc, disabled: false, updatedAt: occurredAt };
    case 'PersonalDataErased':
      return { ...doc, displayName: ERASED_TEXT, disabled: true, erased: true, updatedAt: occurredAt };
    default:
      return doc;
  }
}
