import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, WriteOffQueries } from '@gx/application';
import { WriteOffListQueryDto } from './write-offs.dto';

/** The start of a business day (Asia/Shanghai) as an ISO instant; `days` later for an exclusive end. */
const dayStart = (date: string, days = 0): string =>
  new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000).toISOString();

/** Write-offs (报损), the latest first */
export class WriteOffsListQuery extends Query<ResultOf<WriteOffsListHandler>> {
  constructor(readonly query: WriteOffListQueryDto) {
    super();
  }
}

@QueryHandler(WriteOffsListQuery)
export class WriteOffsListHandler {
  constructor(private readonly writeOffs: WriteOffQueries) {}

  async execute({ query }: { query: WriteOffListQueryDto }) {
    const { from, to, ...rest } = query;
    return {
      items: await this.writeOffs.list({
        ...rest,
        ...(from && { from: dayStart(from) }),
        ...(to && { to: dayStart(to, 1) }),
      }),
    };
  }
}

/** The handlers of the queries of write-offs.controller.ts, registered in the app module. */
export const WRITE_OFFS_QUERY_HANDLERS = [WriteOffsListHandler];
