import { Injectable, Module } from '@nestjs/common';
import { evolveUserDirectory, type PartyKind, type Role, type UserDirectoryDoc, type UserEvent } from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';
import { ReadModels, type Filter, type Projection } from '@gx/readstore';
import { ReadGate } from '../kernel/read-gate';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { DeclareProjection } from '../kernel/declarations';

export const USERS = 'users';

/** The user events the list shows (password changes and sign-outs change nothing in it). */
const LISTED_EVENTS: ReadonlySet<string> = new Set<UserEvent['type']>([
  'UserRegistered',
  'RolesAssigned',
  'UserDisabled',
  'UserEnabled',
  'PersonalDataErased',
]);

/** Accounts for the operators' list (`GET /users`), one document per `user-<username>` stream. */
export const userDirectoryProjection: Projection = {
  name: 'users',
  version: 1,
  filter: { streamPrefixes: ['user-'], eventTypes: [...LISTED_EVENTS] },
  readModels: [
    {
      collection: USERS,
      indexes: [
        {
          fields: [
            ['partyKind', 1],
            ['party', 1],
            ['username', 1],
          ],
        },
      ],
      ids: (event: RecordedEvent) =>
        event.streamId.startsWith('user-') && LISTED_EVENTS.has(event.type)
          ? [event.streamId.slice('user-'.length)]
          : [],
      evolve: (doc, event) =>
        evolveUserDirectory(
          doc as UserDirectoryDoc | null,
          { type: event.type, data: event.data } as UserEvent,
          event.metadata.occurredAt,
        ),
    },
  ],
};

/** Declares {@link userDirectoryProjection} (run by the worker, administered under `/projections`, checked by `/integrity`). */
@DeclareProjection()
export class UserDirectoryProjection {
  readonly projection = userDirectoryProjection;
}

/** Filters and page of `GET /users`. */
export interface UserListQuery {
  role?: Role;
  partyKind?: PartyKind;
  party?: string;
  status?: 'active' | 'disabled';
  /** A prefix of the username (case-insensitive; display names are sealed personal data, so not searchable). */
  q?: string;
  limit: number;
  /** The last username of the previous page. */
  cursor?: string;
  after?: string;
}

/** An account as the list shows it. */
export type UserListItem = Pick<
  UserDirectoryDoc,
  'username' | 'roles' | 'party' | 'partyKind' | 'disabled' | 'createdAt'
> & { displayName: string; erased: boolean };

const itemOf = (d: UserDirectoryDoc, displayName: string): UserListItem => ({
  username: d.username,
  displayName,
  erased: d.erased === true,
  roles: d.roles,
  ...(d.party !== undefined && { party: d.party }),
  ...(d.partyKind !== undefined && { partyKind: d.partyKind }),
  disabled: d.disabled,
  createdAt: d.createdAt,
});

/**
 * The end of the range `[prefix, end)` holding exactly the strings that start with `prefix`: the prefix with
 * its last character raised by one. Stores compare strings by UTF-8 bytes and JavaScript by UTF-16 units; both
 * agree on characters of the basic plane outside the surrogates, and only there is the last one raised.
 */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  if ((last >= 0xd7ff && last <= 0xdfff) || last === 0xffff) return `${prefix}\u{10FFFF}`;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

@Injectable()
export class UserDirectory {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
    private readonly vault: PersonalDataVault,
  ) {}

  /** A page of accounts by username; `nextCursor` when more follow. */
  async list(query: UserListQuery): Promise<{ items: UserListItem[]; nextCursor?: string }> {
    await this.gate.after(userDirectoryProjection.name, query.after);
    const filter: Filter = {};
    // `role` is one of ROLES (validated), so the dotted field name is never client text.
    if (query.role) filter[`roleFlags.${query.role}`] = true;
    if (query.partyKind) filter.partyKind = query.partyKind;
    if (query.party) filter.party = query.party;
    if (query.status) filter.disabled = query.status === 'disabled';
    const after = query.cursor === undefined ? {} : { $gt: query.cursor };
    const page = { sort: [['username', 1]] as Array<[string, 1]>, limit: query.limit + 1 };
    // Usernames are lower case (see usernames.ts), so a prefix range of the lowered query finds them.
    const q = query.q?.toLowerCase();
    const username = q ? { ...after, $gte: q, $lt: prefixEnd(q) } : after;
    const docs = await this.readModels.find<UserDirectoryDoc>(
      USERS,
      { ...filter, ...(q || query.cursor !== undefined ? { username } : {}) },
      page,
    );
    const shown = docs.slice(0, query.limit);
    const names = await this.vault.openAll(shown.map((d) => d.displayName));
    const items = shown.map((d, i) => itemOf(d, names[i] ?? ''));
    const last = items[items.length - 1];
    return docs.length > query.limit && last ? { items, nextCursor: last.username } : { items };
  }
}

@Module({ providers: [UserDirectory, UserDirectoryProjection], exports: [UserDirectory] })
export class UserDirectoryModule {}
