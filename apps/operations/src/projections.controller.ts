import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { RebuildRequestView, SubscriberActionView, SubscriberListView } from './operations.views';
import { ParkEventDto } from './projections.dto';
import { ProjectionsRebuildCommand, ProjectionsRetryCommand, ProjectionsParkCommand } from './projections.commands';
import { ProjectionsListQuery } from './projections.queries';

/** Projections and process managers: status (state, checkpoint, head, lag, owner, failing event, parked events), rebuilds, retry and park. */
@ApiTags('projections')
@ApiBearerAuth()
@Roles('operator')
@Controller('projections')
export class ProjectionsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @ApiOp({
    summary: 'Projections and process managers',
    description:
      'Every projection and process manager as the stores show it, whichever worker runs it: state, checkpoint, head, lag, owner, failing event, parked events.',
    answer: SubscriberListView,
  })
  list() {
    return this.queryBus.execute(new ProjectionsListQuery());
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOp({
    summary: 'Rebuild a projection',
    description:
      'The worker holding the projection’s lease replays the log into a new generation, then switches (asked again while one runs: the running request).',
    answer: RebuildRequestView,
    status: 202,
    params: { name: 'projection name' },
    errors: ['NOT_FOUND'],
  })
  rebuild(@Param('name') name: string, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new ProjectionsRebuildCommand(name, ctx));
  }

  @Post(':name/retry')
  @HttpCode(202)
  @ApiOp({
    summary: 'Retry a stuck event',
    description:
      'Retry the event a failing projection or process manager is stuck on now, instead of after its backoff (audited).',
    answer: SubscriberActionView,
    status: 202,
    params: { name: 'projection or process manager name' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  })
  retry(@Param('name') name: string, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new ProjectionsRetryCommand(name, ctx));
  }

  @Post(':name/park')
  @HttpCode(202)
  @ApiOp({
    summary: 'Park a stuck event',
    description:
      'Skip the event a failing projection or process manager is stuck on, with a reason (audited; listed as parked).',
    answer: SubscriberActionView,
    status: 202,
    params: { name: 'projection or process manager name' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  })
  park(@Param('name') name: string, @Body() body: ParkEventDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new ProjectionsParkCommand(name, body, ctx));
  }
}
