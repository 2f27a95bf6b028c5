import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, KitchenQueries, KitchenViews } from '@gx/application';
import type { AuthUser } from '@gx/platform';
import { SpendingQueryDto } from './kitchen.dto';

/** A kitchen's spending by month and by SKU, with the designated-county share */
export class SpendingSpendingQuery extends Query<ResultOf<SpendingSpendingHandler>> {
  constructor(
    readonly query: SpendingQueryDto,
    readonly user: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(SpendingSpendingQuery)
export class SpendingSpendingHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly queries: KitchenQueries,
  ) {}

  async execute({ query, user }: { query: SpendingQueryDto; user: AuthUser }) {
    return this.views.spending(await this.queries.spending(user, query));
  }
}

/** The handlers of the queries of spending.controller.ts, registered in the app module. */
export const SPENDING_QUERY_HANDLERS = [SpendingSpendingHandler];
