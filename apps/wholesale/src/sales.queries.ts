import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, AfterQueryDto, AuctionQueries, requireOperatorOrBuyer, viewerOf } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { SaleListQueryDto } from './wholesale.dto';

/** List sales */
export class SalesIndexQuery extends Query<ResultOf<SalesIndexHandler>> {
  constructor(
    readonly query: SaleListQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(SalesIndexQuery)
export class SalesIndexHandler {
  constructor(private readonly queries: AuctionQueries) {}

  async execute({ query, ctx }: { query: SaleListQueryDto; ctx: RequestContext }) {
    const viewer = viewerOf(ctx.user);
    const buyerId = viewer.operator ? query.buyer : viewer.buyerId;
    if (!viewer.operator && !buyerId) return { items: [] };
    return { items: await this.queries.sales({ buyerId, status: query.status, after: query.after }) };
  }
}

/** One sale */
export class SalesGetQuery extends Query<ResultOf<SalesGetHandler>> {
  constructor(
    readonly id: string,
    readonly query: AfterQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(SalesGetQuery)
export class SalesGetHandler {
  constructor(private readonly queries: AuctionQueries) {}

  async execute({ id, query, ctx }: { id: string; query: AfterQueryDto; ctx: RequestContext }) {
    const sale = await this.queries.sale(id, query.after);
    if (!sale) throw new NotFoundException(`no sale ${id}`);
    requireOperatorOrBuyer(ctx.user, sale.buyerId, `no sale ${id}`);
    return sale;
  }
}

/** The handlers of the queries of sales.controller.ts, registered in the app module. */
export const SALES_QUERY_HANDLERS = [SalesIndexHandler, SalesGetHandler];
