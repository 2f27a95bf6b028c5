import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, AfterQueryDto, CountQueries } from '@gx/application';
import { CountListQueryDto } from './counts.dto';

/** List counts */
export class CountsListQuery extends Query<ResultOf<CountsListHandler>> {
  constructor(readonly query: CountListQueryDto) {
    super();
  }
}

@QueryHandler(CountsListQuery)
export class CountsListHandler {
  constructor(private readonly queries: CountQueries) {}

  async execute({ query }: { query: CountListQueryDto }) {
    return { items: await this.queries.list(query) };
  }
}

/** One count */
export class CountsGetQuery extends Query<ResultOf<CountsGetHandler>> {
  constructor(
    readonly id: string,
    readonly query: AfterQueryDto,
  ) {
    super();
  }
}

@QueryHandler(CountsGetQuery)
export class CountsGetHandler {
  constructor(private readonly queries: CountQueries) {}

  async execute({ id, query }: { id: string; query: AfterQueryDto }) {
    const count = await this.queries.get(id, query.after);
    if (!count) throw new NotFoundException(`no count ${id}`);
    return count;
  }
}

/** The handlers of the queries of counts.controller.ts, registered in the app module. */
export const COUNTS_QUERY_HANDLERS = [CountsListHandler, CountsGetHandler];
