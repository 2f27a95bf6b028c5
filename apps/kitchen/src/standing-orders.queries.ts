import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, KitchenQueries, KitchenViews } from '@gx/application';
import type { AuthUser, RequestContext } from '@gx/platform';
import { KitchenListQueryDto, StandingOrderQueryDto } from './kitchen.dto';

/** List standing orders */
export class StandingOrdersListQuery extends Query<ResultOf<StandingOrdersListHandler>> {
  constructor(
    readonly query: KitchenListQueryDto,
    readonly user: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(StandingOrdersListQuery)
export class StandingOrdersListHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly queries: KitchenQueries,
  ) {}

  async execute({ query, user }: { query: KitchenListQueryDto; user: AuthUser }) {
    return { items: await this.views.standingOrders(await this.queries.standingOrders(user, query)) };
  }
}

/** One standing order */
export class StandingOrdersGetQuery extends Query<ResultOf<StandingOrdersGetHandler>> {
  constructor(
    readonly id: string,
    readonly query: StandingOrderQueryDto,
    readonly user: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(StandingOrdersGetQuery)
export class StandingOrdersGetHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly queries: KitchenQueries,
  ) {}

  async execute({
    id,
    query,
    user,
    ctx,
  }: {
    id: string;
    query: StandingOrderQueryDto;
    user: AuthUser;
    ctx: RequestContext;
  }) {
    return this.views.standingOrder(await this.queries.standingOrder(user, id, query, ctx.now));
  }
}

/** The handlers of the queries of standing-orders.controller.ts, registered in the app module. */
export const STANDING_ORDERS_QUERY_HANDLERS = [StandingOrdersListHandler, StandingOrdersGetHandler];
