import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, AfterQueryDto, KitchenQueries, KitchenViews } from '@gx/application';
import type { AuthUser } from '@gx/platform';
import { DeliveryQueryDto } from './kitchen.dto';

/** List deliveries */
export class DeliveriesListQuery extends Query<ResultOf<DeliveriesListHandler>> {
  constructor(
    readonly query: DeliveryQueryDto,
    readonly user: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(DeliveriesListQuery)
export class DeliveriesListHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly queries: KitchenQueries,
  ) {}

  async execute({ query, user }: { query: DeliveryQueryDto; user: AuthUser }) {
    return { items: await this.views.deliveries(await this.queries.deliveries(user, query)) };
  }
}

/** One delivery */
export class DeliveriesGetQuery extends Query<ResultOf<DeliveriesGetHandler>> {
  constructor(
    readonly id: string,
    readonly query: AfterQueryDto,
    readonly user: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(DeliveriesGetQuery)
export class DeliveriesGetHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly queries: KitchenQueries,
  ) {}

  async execute({ id, query, user }: { id: string; query: AfterQueryDto; user: AuthUser }) {
    return this.views.delivery(await this.queries.delivery(user, id, query.after));
  }
}

/** The handlers of the queries of deliveries.controller.ts, registered in the app module. */
export const DELIVERIES_QUERY_HANDLERS = [DeliveriesListHandler, DeliveriesGetHandler];
