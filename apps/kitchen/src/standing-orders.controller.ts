import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { commandContextOf, KitchenQueries, StandingOrderCommands } from '@gx/application';
import type { DeliverySchedule } from '@gx/domain';
import { Ctx, CurrentUser, ProblemException, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import {
  ChangeDateDto,
  EndDto,
  KitchenListQueryDto,
  PauseDto,
  PlaceStandingOrderDto,
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
  ) {}

  /** Place a standing order under one of the kitchen's contracts; the answer names the first delivery and its cut-off. */
  @Post()
  @Roles('purchaser')
  @HttpCode(201)
  place(@Body() body: PlaceStandingOrderDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commands.place(user, { ...body, schedule: scheduleOf(body.schedule) }, commandContextOf(ctx, 'place-standing-order'));
  }

  @Get()
  @Roles('purchaser', 'operator')
  async list(@Query() query: KitchenListQueryDto, @CurrentUser() user: AuthUser) {
    return { items: await this.queries.standingOrders(user, query) };
  }

  /** The order, its pending changes, the next delivery with its cut-off, and the coming dates. */
  @Get(':id')
  @Roles('purchaser', 'operator')
  get(@Param('id') id: string, @Query() query: StandingOrderQueryDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.queries.standingOrder(user, id, query, ctx.now);
  }

  /** Deliver nothing on one date (before its cut-off). */
  @Post(':id/skip')
  @Roles('purchaser')
  @HttpCode(200)
  skip(@Param('id') id: string, @Body() body: SkipDateDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commands.skip(user, id, body.date, commandContextOf(ctx, `skip:${id}:${body.date}`));
  }

  /** Set one date's quantities (before its cut-off); a skipped date so changed is delivered again. */
  @Put(':id/dates/:date')
  @Roles('purchaser')
  @HttpCode(200)
  changeDate(@Param() params: StandingDateParamsDto, @Body() body: ChangeDateDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commands.changeDate(user, params.id, params.date, body.lines, commandContextOf(ctx, `change-date:${params.id}:${params.date}`));
  }

  /** Deliver nothing until a date (from the first date still open). */
  @Post(':id/pause')
  @Roles('purchaser')
  @HttpCode(200)
  pause(@Param('id') id: string, @Body() body: PauseDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commands.pause(user, id, body.until, commandContextOf(ctx, `pause:${id}`));
  }

  /** End a pause: every paused date still open is delivered again. */
  @Post(':id/resume')
  @Roles('purchaser')
  @HttpCode(200)
  resume(@Param('id') id: string, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commands.resume(user, id, commandContextOf(ctx, `resume:${id}`));
  }

  /** End the order: nothing after `lastDate` (default: only dates already past their cut-off). */
  @Post(':id/end')
  @Roles('purchaser')
  @HttpCode(200)
  end(@Param('id') id: string, @Body() body: EndDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commands.end(user, id, body.lastDate, commandContextOf(ctx, `end:${id}`));
  }
}
