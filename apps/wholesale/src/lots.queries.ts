import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, AfterQueryDto, AuctionQueries, viewerOf } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { LotListQueryDto } from './wholesale.dto';

/** List lots */
export class LotsIndexQuery extends Query<ResultOf<LotsIndexHandler>> {
  constructor(
    readonly query: LotListQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(LotsIndexQuery)
export class LotsIndexHandler {
  constructor(private readonly queries: AuctionQueries) {}

  async execute({ query, ctx }: { query: LotListQueryDto; ctx: RequestContext }) {
    return { items: await this.queries.lots(query, ctx.now.toISOString(), viewerOf(ctx.user)) };
  }
}

/** One lot */
export class LotsGetQuery extends Query<ResultOf<LotsGetHandler>> {
  constructor(
    readonly id: string,
    readonly query: AfterQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(LotsGetQuery)
export class LotsGetHandler {
  constructor(private readonly queries: AuctionQueries) {}

  async execute({ id, query, ctx }: { id: string; query: AfterQueryDto; ctx: RequestContext }) {
    const lot = await this.queries.lot(id, query.after, ctx.now.toISOString(), viewerOf(ctx.user));
    if (!lot) throw new NotFoundException(`no lot ${id}`);
    return lot;
  }
}

/** The handlers of the queries of lots.controller.ts, registered in the app module. */
export const LOTS_QUERY_HANDLERS = [LotsIndexHandler, LotsGetHandler];
