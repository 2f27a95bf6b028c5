import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, StandingOrderCommands, KitchenViews, standingLineInput } from '@gx/application';
import type { DeliverySchedule } from '@gx/domain';
import { ProblemException, type AuthUser, type RequestContext } from '@gx/platform';
import {
  ChangeDateDto,
  EndDto,
  PauseDto,
  PlaceStandingOrderDto,
  RunCutoffDto,
  SkipDateDto,
  StandingDateParamsDto,
  type ScheduleDto,
} from './kitchen.dto';

/** Exactly one of weekdays and rrule. */
function scheduleOf(dto: ScheduleDto): DeliverySchedule {
  if (dto.weekdays !== undefined && dto.rrule === undefined) return { kind: 'weekdays', weekdays: dto.weekdays };
  if (dto.rrule !== undefined && dto.weekdays === undefined) return { kind: 'rrule', rrule: dto.rrule };
  const message = 'give either weekdays or rrule';
  throw new ProblemException(400, 'VALIDATION_FAILED', `Invalid request: ${message}`, {
    errors: [{ field: 'schedule', message }],
  });
}

/** Place a standing order */
export class StandingOrdersPlaceCommand extends Command<ResultOf<StandingOrdersPlaceHandler>> {
  constructor(
    readonly body: PlaceStandingOrderDto,
    readonly user: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StandingOrdersPlaceCommand)
export class StandingOrdersPlaceHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly commands: StandingOrderCommands,
  ) {}

  async execute({ body, user, ctx }: { body: PlaceStandingOrderDto; user: AuthUser; ctx: RequestContext }) {
    const input = { ...body, lines: body.lines.map(standingLineInput), schedule: scheduleOf(body.schedule) };
    return this.views.standingChanged(
      await this.commands.place(user, input, commandContextOf(ctx, 'place-standing-order')),
    );
  }
}

/** Skip a date */
export class StandingOrdersSkipCommand extends Command<ResultOf<StandingOrdersSkipHandler>> {
  constructor(
    readonly id: string,
    readonly body: SkipDateDto,
    readonly user: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StandingOrdersSkipCommand)
export class StandingOrdersSkipHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly commands: StandingOrderCommands,
  ) {}

  async execute({ id, body, user, ctx }: { id: string; body: SkipDateDto; user: AuthUser; ctx: RequestContext }) {
    return this.views.standingChanged(
      await this.commands.skip(user, id, body.date, commandContextOf(ctx, `skip:${id}:${body.date}`)),
    );
  }
}

/** Change one date */
export class StandingOrdersChangeDateCommand extends Command<ResultOf<StandingOrdersChangeDateHandler>> {
  constructor(
    readonly params: StandingDateParamsDto,
    readonly body: ChangeDateDto,
    readonly user: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StandingOrdersChangeDateCommand)
export class StandingOrdersChangeDateHandler {
  constructor(
    private readonly commands: StandingOrderCommands,
    private readonly views: KitchenViews,
  ) {}

  async execute({
    params,
    body,
    user,
    ctx,
  }: {
    params: StandingDateParamsDto;
    body: ChangeDateDto;
    user: AuthUser;
    ctx: RequestContext;
  }) {
    const out = await this.commands.changeDate(
      user,
      params.id,
      params.date,
      body.lines.map(standingLineInput),
      commandContextOf(ctx, `change-date:${params.id}:${params.date}`),
    );
    return this.views.standingChanged(out);
  }
}

/** Pause deliveries */
export class StandingOrdersPauseCommand extends Command<ResultOf<StandingOrdersPauseHandler>> {
  constructor(
    readonly id: string,
    readonly body: PauseDto,
    readonly user: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StandingOrdersPauseCommand)
export class StandingOrdersPauseHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly commands: StandingOrderCommands,
  ) {}

  async execute({ id, body, user, ctx }: { id: string; body: PauseDto; user: AuthUser; ctx: RequestContext }) {
    return this.views.standingChanged(
      await this.commands.pause(user, id, body.until, commandContextOf(ctx, `pause:${id}`)),
    );
  }
}

/** Resume deliveries */
export class StandingOrdersResumeCommand extends Command<ResultOf<StandingOrdersResumeHandler>> {
  constructor(
    readonly id: string,
    readonly user: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StandingOrdersResumeCommand)
export class StandingOrdersResumeHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly commands: StandingOrderCommands,
  ) {}

  async execute({ id, user, ctx }: { id: string; user: AuthUser; ctx: RequestContext }) {
    return this.views.standingChanged(await this.commands.resume(user, id, commandContextOf(ctx, `resume:${id}`)));
  }
}

/** End a standing order */
export class StandingOrdersEndCommand extends Command<ResultOf<StandingOrdersEndHandler>> {
  constructor(
    readonly id: string,
    readonly body: EndDto,
    readonly user: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StandingOrdersEndCommand)
export class StandingOrdersEndHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly commands: StandingOrderCommands,
  ) {}

  async execute({ id, body, user, ctx }: { id: string; body: EndDto; user: AuthUser; ctx: RequestContext }) {
    return this.views.standingChanged(
      await this.commands.end(user, id, body.lastDate, commandContextOf(ctx, `end:${id}`)),
    );
  }
}

/** Run a standing order's next cut-off now */
export class StandingOrdersRunCutoffCommand extends Command<ResultOf<StandingOrdersRunCutoffHandler>> {
  constructor(
    readonly id: string,
    readonly body: RunCutoffDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StandingOrdersRunCutoffCommand)
export class StandingOrdersRunCutoffHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly commands: StandingOrderCommands,
  ) {}

  async execute({ id, body, ctx }: { id: string; body: RunCutoffDto; ctx: RequestContext }) {
    return this.views.standingChanged(
      await this.commands.runCutoffNow(id, body.date, commandContextOf(ctx, `run-cutoff:${id}`)),
    );
  }
}

/** The handlers of the commands of standing-orders.controller.ts, registered in the app module. */
export const STANDING_ORDERS_COMMAND_HANDLERS = [
  StandingOrdersPlaceHandler,
  StandingOrdersSkipHandler,
  StandingOrdersChangeDateHandler,
  StandingOrdersPauseHandler,
  StandingOrdersResumeHandler,
  StandingOrdersEndHandler,
  StandingOrdersRunCutoffHandler,
];
