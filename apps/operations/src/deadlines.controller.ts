import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { DayDeadlinesQueryDto, DayDeadlinesView } from './deadlines.dto';
import { DeadlinesDayQuery } from './deadlines.queries';

/** The deadlines of a business day across the sales channels (operators only). */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('operator')
@Controller('reports')
export class DeadlinesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('deadlines')
  @ApiOp({
    summary: "A day's campaign cut-offs, lot closes and kitchen cut-offs",
    description:
      'Everything that closes on one business day (Asia/Shanghai, default today): group-buy campaign cut-offs (截单) with their status, ' +
      'wholesale lot closes (as extended by late bids) with where each lot stands now, and standing-order cut-offs with the delivery date ' +
      'they close and the delivery once generated. Each list is sorted by time; times in Beijing time with their offset.',
    answer: DayDeadlinesView,
  })
  day(@Query() query: DayDeadlinesQueryDto, @Ctx() ctx: RequestContext): Promise<DayDeadlinesView> {
    return this.queryBus.execute(new DeadlinesDayQuery(query, ctx));
  }
}
