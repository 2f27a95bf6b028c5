import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { commandContextOf, KitchenQueries, StandingOrderCommands, KitchenViews, standingLineInput } from '@gx/application';
import type { DeliverySchedule } from '@gx/domain';
import { ApiOp, Ctx, CurrentUser, ProblemException, Roles, type AuthUser, type RequestContext } from '@gx/platform';
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
  type ScheduleDto,
} from './kitchen.dto';

/** Exactly one of weekdays and rrule. */
function scheduleOf(dto: ScheduleDto): DeliverySchedule {
  if (dto.weekdays !== undefined && dto.rrule === undefined) return { kind: 'weekdays', weekdays: dto.weekdays };
  if (dto.rrule !== undefined && dto.weekdays === undefined) return { kind: 'rrule', rrule: dto.rrule };
  const message = 'give either weekdays or rrule';
  throw new ProblemException(400, 'VALIDATION_FAILED', `Invalid request: ${message}`, { errors: [{ field: 'schedule', message }] });
}

/**
 * Standing orders (长期订单) of a kitchen's purchaser: lines on a schedule, changed date by date
 * until each date's cut-off (CUTOFF_PASSED after it). Operators may read them.
 */
@ApiTags('standing-orders')
@ApiBearerAuth()
@Controller('standing-orders')
export class StandingOrdersController {
  constructor(
    private readonly commands: StandingOrderCommands,
    private readonly queries: KitchenQueries,
    private readonly views: KitchenViews,
  ) {}

  @Post()
  @Roles('purchaser')
  @HttpCode(201)
  @ApiOp({
    summary: 'Place a standing order',
    description: 'Under one of the kitchen’s contracts: lines in base units (`quantityBase`), a schedule (weekdays or RRULE) and a cut-off (Asia/Shanghai). The answer names the first delivery and its cut-off.',
    answer: StandingOrderChangedView,
    status: 201,
    errors: ['NOT_FOUND', 'INVALID_SCHEDULE', 'INVALID_DATES', 'INVALID_STATE', 'UNKNOWN_SKU'],
  })
  async place(@Body() body: PlaceStandingOrderDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    const input = { ...body, lines: body.lines.map(standingLineInput), schedule: scheduleOf(body.schedule) };
    return this.views.standingChanged(await this.commands.place(user, input, commandContextOf(ctx, 'place-standing-order')));
  }

  @Get()
  @Roles('purchaser', 'operator')
  @ApiOp({ summary: 'List standing orders', description: 'A purchaser’s own kitchen’s, or (operators) any.', answer: StandingOrderListView })
  async list(@Query() query: KitchenListQueryDto, @CurrentUser() user: AuthUser) {
    return { items: await this.views.standingOrders(await this.queries.standingOrders(user, query)) };
  }

  @Get(':id')
  @Roles('purchaser', 'operator')
  @ApiOp({ summary: 'One standing order', description: 'The order, its pending changes, the next delivery with its cut-off, and the coming dates.', answer: StandingOrderView, params: { id: 'standing order id (SO-…)' }, errors: ['NOT_FOUND'] })
  async get(@Param('id') id: string, @Query() query: StandingOrderQueryDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.views.standingOrder(await this.queries.standingOrder(user, id, query, ctx.now));
  }

  @Post(':id/skip')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({ summary: 'Skip a date', description: 'Deliver nothing on one date (before its cut-off).', answer: StandingOrderChangedView, params: { id: 'standing order id (SO-…)' }, errors: ['NOT_FOUND', 'CUTOFF_PASSED', 'INVALID_DATES'] })
  async skip(@Param('id') id: string, @Body() body: SkipDateDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.views.standingChanged(await this.commands.skip(user, id, body.date, commandContextOf(ctx, `skip:${id}:${body.date}`)));
  }

  @Put(':id/dates/:date')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({
    summary: 'Change one date',
    description: 'Change the listed SKUs of one date (before its cut-off), in base units: 0 drops a SKU that day, unlisted lines stay; a skipped date so changed is delivered again.',
    answer: StandingOrderChangedView,
    params: { id: 'standing order id (SO-…)', date: 'delivery date (YYYY-MM-DD, Asia/Shanghai)' },
    errors: ['NOT_FOUND', 'CUTOFF_PASSED', 'INVALID_DATES', 'INVALID_STATE', 'UNKNOWN_SKU'],
  })
  async changeDate(@Param() params: StandingDateParamsDto, @Body() body: ChangeDateDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    const out = await this.commands.changeDate(user, params.id, params.date, body.lines.map(standingLineInput), commandContextOf(ctx, `change-date:${params.id}:${params.date}`));
    return this.views.standingChanged(out);
  }

  @Post(':id/pause')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({ summary: 'Pause deliveries', description: 'Deliver nothing until a date (from the first date still open).', answer: StandingOrderChangedView, params: { id: 'standing order id (SO-…)' }, errors: ['NOT_FOUND', 'INVALID_DATES', 'INVALID_STATE'] })
  async pause(@Param('id') id: string, @Body() body: PauseDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.views.standingChanged(await this.commands.pause(user, id, body.until, commandContextOf(ctx, `pause:${id}`)));
  }

  @Post(':id/resume')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({ summary: 'Resume deliveries', description: 'End a pause: every paused date still open is delivered again.', answer: StandingOrderChangedView, params: { id: 'standing order id (SO-…)' }, errors: ['NOT_FOUND', 'INVALID_STATE'] })
  async resume(@Param('id') id: string, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.views.standingChanged(await this.commands.resume(user, id, commandContextOf(ctx, `resume:${id}`)));
  }

  @Post(':id/end')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({ summary: 'End a standing order', description: 'Nothing after `lastDate` (default: only dates already past their cut-off).', answer: StandingOrderChangedView, params: { id: 'standing order id (SO-…)' }, errors: ['NOT_FOUND', 'CUTOFF_PASSED', 'INVALID_DATES', 'INVALID_STATE'] })
  async end(@Param('id') id: string, @Body() body: EndDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.views.standingChanged(await this.commands.end(user, id, body.lastDate, commandContextOf(ctx, `end:${id}`)));
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
  async runCutoff(@Param('id') id: string, @Body() body: RunCutoffDto, @Ctx() ctx: RequestContext) {
    return this.views.standingChanged(await this.commands.runCutoffNow(id, body.date, commandContextOf(ctx, `run-cutoff:${id}`)));
  }
}
