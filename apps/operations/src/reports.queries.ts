import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, CountQueries } from '@gx/application';
import { VarianceQueryDto } from './counts.dto';

/** Variance report */
export class ReportsVariancesQuery extends Query<ResultOf<ReportsVariancesHandler>> {
  constructor(readonly query: VarianceQueryDto) {
    super();
  }
}

@QueryHandler(ReportsVariancesQuery)
export class ReportsVariancesHandler {
  constructor(private readonly counts: CountQueries) {}

  execute({ query }: { query: VarianceQueryDto }) {
    return this.counts.variances(query);
  }
}

/** The handlers of the queries of reports.controller.ts, registered in the app module. */
export const REPORTS_QUERY_HANDLERS = [ReportsVariancesHandler];
