import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOp, Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { CutoffRunView, StandingOrderChangedView, StandingOrderListView, StandingOrderView } from './kitchen.views';
import {
  ChangeDateDto,
  EndDto,
  KitchenListQueryDto,
  PauseDto,
  PlaceStandingOrderDto,
  RunCutoffDto,
  SkipDateDto,
  StandingDateParamsDto,
  StandingOrderQueryDto,
} from './kitchen.dto';
import {
  StandingOrdersPlaceCommand,
  StandingOrdersSkipCommand,
  StandingOrdersChangeDateCommand,
  StandingOrdersPauseCommand,
  StandingOrdersResumeCommand,
  StandingOrdersEndCommand,
  StandingOrdersRunCutoffCommand,
} from './standing-orders.commands';
import { StandingOrdersListQuery, StandingOrdersGetQuery } from './standing-orders.queries';

/**
 * Standing orders (长期订单) of a kitchen's purchaser: lines on a schedule, changed date by date
 * until each date's cut-off (CUTOFF_PASSED after it). Operators may read them.
 */
@ApiTags('standing-orders')
@ApiBearerAuth()
@Controller('standing-orders')
export class StandingOrdersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Roles('purchaser')
  @HttpCode(201)
  @ApiOp({
    summary: 'Place a standing order',
    description:
      'Under one of the kitchen’s contracts: lines in base units (`quantityBase`), a schedule (weekdays or RRULE) and a cut-off (Asia/Shanghai). The answer names the first delivery and its cut-off.',
    answer: StandingOrderChangedView,
    status: 201,
    errors: ['NOT_FOUND', 'INVALID_SCHEDULE', 'INVALID_DATES', 'INVALID_STATE', 'UNKNOWN_SKU'],
  })
  place(@Body() body: PlaceStandingOrderDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new StandingOrdersPlaceCommand(body, user, ctx));
  }

  @Get()
  @Roles('purchaser', 'operator')
  @ApiOp({
    summary: 'List standing orders',
    description: 'A purchaser’s own kitchen’s, or (operators) any.',
    answer: StandingOrderListView,
  })
  list(@Query() query: KitchenListQueryDto, @CurrentUser() user: AuthUser) {
    return this.queryBus.execute(new StandingOrdersListQuery(query, user));
  }

  @Get(':id')
  @Roles('purchaser', 'operator')
  @ApiOp({
    summary: 'One standing order',
    description: 'The order, its pending changes, the next delivery with its cut-off, and the coming dates.',
    answer: StandingOrderView,
    params: { id: 'standing order id (SO-…)' },
    errors: ['NOT_FOUND'],
  })
  get(
    @Param('id') id: string,
    @Query() query: StandingOrderQueryDto,
    @CurrentUser() user: AuthUser,
    @Ctx() ctx: RequestContext,
  ) {
    return this.queryBus.execute(new StandingOrdersGetQuery(id, query, user, ctx));
  }

  @Post(':id/skip')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({
    summary: 'Skip a date',
    description: 'Deliver nothing on one date (before its cut-off).',
    answer: StandingOrderChangedView,
    params: { id: 'standing order id (SO-…)' },
    errors: ['NOT_FOUND', 'CUTOFF_PASSED', 'INVALID_DATES'],
  })
  skip(@Param('id') id: string, @Body() body: SkipDateDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new StandingOrdersSkipCommand(id, body, user, ctx));
  }

  @Put(':id/dates/:date')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({
    summary: 'Change one date',
    description:
      'Change the listed SKUs of one date (before its cut-off), in base units: 0 drops a SKU that day, unlisted lines stay; a skipped date so changed is delivered again.',
    answer: StandingOrderChangedView,
    params: { id: 'standing order id (SO-…)', date: 'delivery date (YYYY-MM-DD, Asia/Shanghai)' },
    errors: ['NOT_FOUND', 'CUTOFF_PASSED', 'INVALID_DATES', 'INVALID_STATE', 'UNKNOWN_SKU'],
  })
  changeDate(
    @Param() params: StandingDateParamsDto,
    @Body() body: ChangeDateDto,
    @CurrentUser() user: AuthUser,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commandBus.execute(new StandingOrdersChangeDateCommand(params, body, user, ctx));
  }

  @Post(':id/pause')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({
    summary: 'Pause deliveries',
    description: 'Deliver nothing until a date (from the first date still open).',
    answer: StandingOrderChangedView,
    params: { id: 'standing order id (SO-…)' },
    errors: ['NOT_FOUND', 'INVALID_DATES', 'INVALID_STATE'],
  })
  pause(@Param('id') id: string, @Body() body: PauseDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new StandingOrdersPauseCommand(id, body, user, ctx));
  }

  @Post(':id/resume')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({
    summary: 'Resume deliveries',
    description: 'End a pause: every paused date still open is delivered again.',
    answer: StandingOrderChangedView,
    params: { id: 'standing order id (SO-…)' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  })
  resume(@Param('id') id: string, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new StandingOrdersResumeCommand(id, user, ctx));
  }

  @Post(':id/end')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({
    summary: 'End a standing order',
    description: 'Nothing after `lastDate` (default: only dates already past their cut-off).',
    answer: StandingOrderChangedView,
    params: { id: 'standing order id (SO-…)' },
    errors: ['NOT_FOUND', 'CUTOFF_PASSED', 'INVALID_DATES', 'INVALID_STATE'],
  })
  end(@Param('id') id: string, @Body() body: EndDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new StandingOrdersEndCommand(id, body, user, ctx));
  }

  @Post(':id/cutoff')
  @Roles('operator')
  @HttpCode(200)
  @ApiOp({
    summary: "Run a standing order's next cut-off now",
    description:
      'The same step as the cut-off deadline, under the same command id: the date becomes a delivery (or lapses when the date has passed), ' +
      'its changes close, and the deadline later finds it handled. The event records the operator. Running it again answers the same result. ' +
      'INVALID_STATE: no date pending, or `date` is not the next pending date (cut-offs run in date order).',
    answer: CutoffRunView,
    params: { id: 'standing order id (SO-…)' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  })
  runCutoff(@Param('id') id: string, @Body() body: RunCutoffDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new StandingOrdersRunCutoffCommand(id, body, ctx));
  }
}
