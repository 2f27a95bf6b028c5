import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, KitchenQueries, KitchenViews } from '@gx/application';
import type { AuthUser } from '@gx/platform';
import { StatementQueryDto } from './kitchen.dto';
import type { MonthParamsDto } from './statements.controller';

/** Monthly statement */
export class StatementsGetQuery extends Query<ResultOf<StatementsGetHandler>> {
  constructor(
    readonly params: MonthParamsDto,
    readonly query: StatementQueryDto,
    readonly user: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(StatementsGetQuery)
export class StatementsGetHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly queries: KitchenQueries,
  ) {}

  async execute({ params, query, user }: { params: MonthParamsDto; query: StatementQueryDto; user: AuthUser }) {
    return this.views.statement(await this.queries.statement(user, params.month, query));
  }
}

/** The handlers of the queries of statements.controller.ts, registered in the app module. */
export const STATEMENTS_QUERY_HANDLERS = [StatementsGetHandler];
