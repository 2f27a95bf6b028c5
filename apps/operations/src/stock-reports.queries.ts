import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, IntegrityService, StockQueries } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { ExpiringQueryDto, StuckQueryDto } from './stock.dto';

/** Expiring batches */
export class StockReportsExpiringQuery extends Query<ResultOf<StockReportsExpiringHandler>> {
  constructor(
    readonly query: ExpiringQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(StockReportsExpiringQuery)
export class StockReportsExpiringHandler {
  constructor(private readonly queries: StockQueries) {}

  async execute({ query, ctx }: { query: ExpiringQueryDto; ctx: RequestContext }) {
    return { items: await this.queries.expiring(query, ctx.now) };
  }
}

/** Stuck reservations */
export class StockReportsStuckQuery extends Query<ResultOf<StockReportsStuckHandler>> {
  constructor(
    readonly query: StuckQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(StockReportsStuckQuery)
export class StockReportsStuckHandler {
  constructor(private readonly queries: StockQueries) {}

  async execute({ query, ctx }: { query: StuckQueryDto; ctx: RequestContext }) {
    return { items: await this.queries.stuckReservations(query, ctx.now) };
  }
}

/** Integrity check */
export class StockReportsCheckQuery extends Query<ResultOf<StockReportsCheckHandler>> {
  constructor(readonly ctx: RequestContext) {
    super();
  }
}

@QueryHandler(StockReportsCheckQuery)
export class StockReportsCheckHandler {
  constructor(private readonly integrity: IntegrityService) {}

  execute({ ctx }: { ctx: RequestContext }) {
    return this.integrity.check(ctx.now);
  }
}

/** The handlers of the queries of stock-reports.controller.ts, registered in the app module. */
export const STOCK_REPORTS_QUERY_HANDLERS = [
  StockReportsExpiringHandler,
  StockReportsStuckHandler,
  StockReportsCheckHandler,
];
