import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, AfterQueryDto, StockQueries } from '@gx/application';
import { asOfInstant } from '@gx/domain';
import type { RequestContext } from '@gx/platform';
import { StockHistoryQueryDto, StockQueryDto } from './stock.dto';

/** Stock levels */
export class StockStockQuery extends Query<ResultOf<StockStockHandler>> {
  constructor(
    readonly query: StockQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(StockStockQuery)
export class StockStockHandler {
  constructor(private readonly queries: StockQueries) {}

  async execute({ query, ctx }: { query: StockQueryDto; ctx: RequestContext }) {
    return { items: await this.queries.levels(query, ctx.now) };
  }
}

/** Stock history */
export class StockHistoryQuery extends Query<ResultOf<StockHistoryHandler>> {
  constructor(
    readonly query: StockHistoryQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(StockHistoryQuery)
export class StockHistoryHandler {
  constructor(private readonly queries: StockQueries) {}

  execute({ query, ctx }: { query: StockHistoryQueryDto; ctx: RequestContext }) {
    return this.queries.history(
      { sku: query.sku, warehouse: query.warehouse, asOf: query.asOf ? asOfInstant(query.asOf) : undefined },
      ctx.now,
    );
  }
}

/** Batch trace */
export class StockTraceQuery extends Query<ResultOf<StockTraceHandler>> {
  constructor(
    readonly batchId: string,
    readonly query: AfterQueryDto,
  ) {
    super();
  }
}

@QueryHandler(StockTraceQuery)
export class StockTraceHandler {
  constructor(private readonly queries: StockQueries) {}

  async execute({ batchId, query }: { batchId: string; query: AfterQueryDto }) {
    const trace = await this.queries.trace(batchId, query.after);
    if (!trace) throw new NotFoundException(`no batch ${batchId}`);
    return trace;
  }
}

/** The handlers of the queries of stock.controller.ts, registered in the app module. */
export const STOCK_QUERY_HANDLERS = [StockStockHandler, StockHistoryHandler, StockTraceHandler];
