import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, AuctionQueries, MarketBatches } from '@gx/application';
import { shanghaiDayStart } from '@gx/domain';
import type { RequestContext } from '@gx/platform';
import type { MarketPricesQueryDto } from './lot-controls.controller';

/** Batches lots can be listed from */
export class LotControlsMarketBatchesQuery extends Query<ResultOf<LotControlsMarketBatchesHandler>> {
  constructor(readonly ctx: RequestContext) {
    super();
  }
}

@QueryHandler(LotControlsMarketBatchesQuery)
export class LotControlsMarketBatchesHandler {
  constructor(private readonly batches: MarketBatches) {}

  async execute({ ctx }: { ctx: RequestContext }) {
    return { items: await this.batches.list(ctx.now) };
  }
}

/** Clearing prices (行情) */
export class LotControlsPricesQuery extends Query<ResultOf<LotControlsPricesHandler>> {
  constructor(readonly query: MarketPricesQueryDto) {
    super();
  }
}

@QueryHandler(LotControlsPricesQuery)
export class LotControlsPricesHandler {
  constructor(private readonly queries: AuctionQueries) {}

  async execute({ query }: { query: MarketPricesQueryDto }) {
    const from = query.from
      ? (/^\d{4}-\d{2}-\d{2}$/.test(query.from) ? shanghaiDayStart(query.from) : new Date(query.from)).toISOString()
      : undefined;
    return {
      items: await this.queries.marketPrices({
        ...(query.sku ? { sku: query.sku } : {}),
        ...(from ? { from } : {}),
        ...(query.after ? { after: query.after } : {}),
      }),
    };
  }
}

/** The handlers of the queries of lot-controls.controller.ts, registered in the app module. */
export const LOT_CONTROLS_QUERY_HANDLERS = [LotControlsMarketBatchesHandler, LotControlsPricesHandler];
