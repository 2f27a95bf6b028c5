import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, AfterQueryDto, AuctionQueries, BuyerCommands, requireOperatorOrBuyer } from '@gx/application';
import type { RequestContext } from '@gx/platform';

/** The signed-in buyer’s account */
export class BuyersMeQuery extends Query<ResultOf<BuyersMeHandler>> {
  constructor(readonly ctx: RequestContext) {
    super();
  }
}

@QueryHandler(BuyersMeQuery)
export class BuyersMeHandler {
  constructor(private readonly buyers: BuyerCommands) {}

  execute({ ctx }: { ctx: RequestContext }) {
    return this.buyers.mine(ctx.user?.party ?? '', ctx.user?.username ?? '');
  }
}

/** A buyer’s credit */
export class BuyersGetQuery extends Query<ResultOf<BuyersGetHandler>> {
  constructor(
    readonly id: string,
    readonly query: AfterQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(BuyersGetQuery)
export class BuyersGetHandler {
  constructor(private readonly queries: AuctionQueries) {}

  async execute({ id, query, ctx }: { id: string; query: AfterQueryDto; ctx: RequestContext }) {
    const absent = `buyer ${id} has no approved credit`;
    requireOperatorOrBuyer(ctx.user, id, absent);
    const buyer = await this.queries.buyer(id, query.after);
    if (!buyer) throw new NotFoundException(absent);
    return buyer;
  }
}

/** The handlers of the queries of buyers.controller.ts, registered in the app module. */
export const BUYERS_QUERY_HANDLERS = [BuyersMeHandler, BuyersGetHandler];
