import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, AfterQueryDto, BuyerDirectory } from '@gx/application';

/** Wholesale buyers with their credit, by buyer id */
export class BuyersListQuery extends Query<ResultOf<BuyersListHandler>> {
  constructor(readonly query: AfterQueryDto) {
    super();
  }
}

@QueryHandler(BuyersListQuery)
export class BuyersListHandler {
  constructor(private readonly buyers: BuyerDirectory) {}

  async execute({ query }: { query: AfterQueryDto }) {
    return { items: await this.buyers.list(query.after) };
  }
}

/** The handlers of the queries of buyers.controller.ts, registered in the app module. */
export const BUYERS_QUERY_HANDLERS = [BuyersListHandler];
