import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, AfterQueryDto, KitchenQueries, KitchenViews } from '@gx/application';
import type { AuthUser } from '@gx/platform';
import { KitchenListQueryDto } from './kitchen.dto';

/** List contracts */
export class ContractsListQuery extends Query<ResultOf<ContractsListHandler>> {
  constructor(
    readonly query: KitchenListQueryDto,
    readonly user: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(ContractsListQuery)
export class ContractsListHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly queries: KitchenQueries,
  ) {}

  async execute({ query, user }: { query: KitchenListQueryDto; user: AuthUser }) {
    return { items: await this.views.contracts(await this.queries.contracts(user, query)) };
  }
}

/** One contract */
export class ContractsGetQuery extends Query<ResultOf<ContractsGetHandler>> {
  constructor(
    readonly id: string,
    readonly query: AfterQueryDto,
    readonly user: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(ContractsGetQuery)
export class ContractsGetHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly queries: KitchenQueries,
  ) {}

  async execute({ id, query, user }: { id: string; query: AfterQueryDto; user: AuthUser }) {
    return this.views.contract(await this.queries.contract(user, id, query.after));
  }
}

/** The handlers of the queries of contracts.controller.ts, registered in the app module. */
export const CONTRACTS_QUERY_HANDLERS = [ContractsListHandler, ContractsGetHandler];
