import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, AfterQueryDto, DesignatedCounties } from '@gx/application';

/** Counties designated (or once designated) poverty-alleviation counties */
export class DesignatedCountiesListQuery extends Query<ResultOf<DesignatedCountiesListHandler>> {
  constructor(readonly query: AfterQueryDto) {
    super();
  }
}

@QueryHandler(DesignatedCountiesListQuery)
export class DesignatedCountiesListHandler {
  constructor(private readonly counties: DesignatedCounties) {}

  async execute({ query }: { query: AfterQueryDto }) {
    return { items: await this.counties.list(query.after) };
  }
}

/** The handlers of the queries of designated-counties.controller.ts, registered in the app module. */
export const DESIGNATED_COUNTIES_QUERY_HANDLERS = [DesignatedCountiesListHandler];
