import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, AfterQueryDto, StockQueries } from '@gx/application';
import { TransferListQueryDto } from './stock.dto';

/** List transfers */
export class TransfersListQuery extends Query<ResultOf<TransfersListHandler>> {
  constructor(readonly query: TransferListQueryDto) {
    super();
  }
}

@QueryHandler(TransfersListQuery)
export class TransfersListHandler {
  constructor(private readonly queries: StockQueries) {}

  async execute({ query }: { query: TransferListQueryDto }) {
    return { items: await this.queries.transfers(query) };
  }
}

/** One transfer */
export class TransfersGetQuery extends Query<ResultOf<TransfersGetHandler>> {
  constructor(
    readonly id: string,
    readonly query: AfterQueryDto,
  ) {
    super();
  }
}

@QueryHandler(TransfersGetQuery)
export class TransfersGetHandler {
  constructor(private readonly queries: StockQueries) {}

  async execute({ id, query }: { id: string; query: AfterQueryDto }) {
    const transfer = await this.queries.transfer(id, query.after);
    if (!transfer) throw new NotFoundException(`no transfer ${id}`);
    return transfer;
  }
}

/** The handlers of the queries of transfers.controller.ts, registered in the app module. */
export const TRANSFERS_QUERY_HANDLERS = [TransfersListHandler, TransfersGetHandler];
