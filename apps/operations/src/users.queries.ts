import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, UserAdmin, UserDirectory } from '@gx/application';
import { ProblemException } from '@gx/platform';
import { UserListQueryDto } from './users.dto';

/** Accounts, by username, a page at a time */
export class UsersListQuery extends Query<ResultOf<UsersListHandler>> {
  constructor(readonly query: UserListQueryDto) {
    super();
  }
}

@QueryHandler(UsersListQuery)
export class UsersListHandler {
  constructor(private readonly directory: UserDirectory) {}

  async execute({ query }: { query: UserListQueryDto }) {
    if (query.party !== undefined && query.partyKind === undefined) {
      throw new ProblemException(400, 'VALIDATION_FAILED', 'Invalid request: party', {
        errors: [{ field: 'party', message: 'party needs partyKind' }],
      });
    }
    return this.directory.list({ ...query, limit: query.limit ?? 50 });
  }
}

/** One account: name, roles, party, whether it is disabled */
export class UsersGetQuery extends Query<ResultOf<UsersGetHandler>> {
  constructor(readonly username: string) {
    super();
  }
}

@QueryHandler(UsersGetQuery)
export class UsersGetHandler {
  constructor(private readonly users: UserAdmin) {}

  execute({ username }: { username: string }) {
    return this.users.get(username);
  }
}

/** The handlers of the queries of users.controller.ts, registered in the app module. */
export const USERS_QUERY_HANDLERS = [UsersListHandler, UsersGetHandler];
