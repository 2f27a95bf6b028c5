import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, DayDeadlinesQueries } from '@gx/application';
import { shanghaiDate } from '@gx/domain';
import type { RequestContext } from '@gx/platform';
import { DayDeadlinesQueryDto } from './deadlines.dto';

/** A day's campaign cut-offs, lot closes and kitchen cut-offs */
export class DeadlinesDayQuery extends Query<ResultOf<DeadlinesDayHandler>> {
  constructor(
    readonly query: DayDeadlinesQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@QueryHandler(DeadlinesDayQuery)
export class DeadlinesDayHandler {
  constructor(private readonly deadlines: DayDeadlinesQueries) {}

  execute({ query, ctx }: { query: DayDeadlinesQueryDto; ctx: RequestContext }) {
    return this.deadlines.on(query.date ?? shanghaiDate(ctx.now), ctx.now, query.after);
  }
}

/** The handlers of the queries of deadlines.controller.ts, registered in the app module. */
export const DEADLINES_QUERY_HANDLERS = [DeadlinesDayHandler];
