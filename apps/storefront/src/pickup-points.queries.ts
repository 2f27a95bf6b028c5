import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, GroupBuyQueries } from '@gx/application';
import { shanghaiDate } from '@gx/domain';
import type { AuthUser, RequestContext } from '@gx/platform';
import { UncollectedQueryDto } from './group-buy.dto';

/** Uncollected goods of a pickup point */
export class PickupPointsUncollectedQuery extends Query<ResultOf<PickupPointsUncollectedHandler>> {
  constructor(
    readonly code: string,
    readonly query: UncollectedQueryDto,
    readonly viewer: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(PickupPointsUncollectedQuery)
export class PickupPointsUncollectedHandler {
  constructor(private readonly queries: GroupBuyQueries) {}

  async execute({
    code,
    query,
    viewer,
    ctx,
  }: {
    code: string;
    query: UncollectedQueryDto;
    viewer: AuthUser;
    ctx: RequestContext;
  }) {
    return { items: await this.queries.uncollected(code, viewer, query.asOf ?? shanghaiDate(ctx.now), query.after) };
  }
}

/** The handlers of the queries of pickup-points.controller.ts, registered in the app module. */
export const PICKUP_POINTS_QUERY_HANDLERS = [PickupPointsUncollectedHandler];
