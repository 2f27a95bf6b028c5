import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { commandContextOf, ProjectionAdmin, StuckSubscribers } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { RebuildRequestView, SubscriberActionView, SubscriberListView } from './operations.views';
import { ParkEventDto } from './projections.dto';

/** Projections and process managers: status (state, checkpoint, head, lag, owner, failing event, parked events), rebuilds, retry and park. */
@ApiTags('projections')
@ApiBearerAuth()
@Roles('operator')
@Controller('projections')
export class ProjectionsController {
  constructor(
    private readonly admin: ProjectionAdmin,
    private readonly stuck: StuckSubscribers,
  ) {}

  @Get()
  @ApiOp({ summary: 'Projections and process managers', description: 'Every projection and process manager as the stores show it, whichever worker runs it: state, checkpoint, head, lag, owner, failing event, parked events.', answer: SubscriberListView })
  async list() {
    return { items: await this.admin.status() };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOp({ summary: 'Rebuild a projection', description: 'The worker holding the projection’s lease replays the log into a new generation, then switches (asked again while one runs: the running request).', answer: RebuildRequestView, status: 202, params: { name: 'projection name' }, errors: ['NOT_FOUND'] })
  rebuild(@Param('name') name: string, @Ctx() ctx: RequestContext) {
    return this.admin.requestRebuild(name, ctx.user?.username ?? 'anonymous', ctx.now);
  }

  @Post(':name/retry')
  @HttpCode(202)
  @ApiOp({ summary: 'Retry a stuck event', description: 'Retry the event a failing projection or process manager is stuck on now, instead of after its backoff (audited).', answer: SubscriberActionView, status: 202, params: { name: 'projection or process manager name' }, errors: ['NOT_FOUND', 'INVALID_STATE'] })
  retry(@Param('name') name: string, @Ctx() ctx: RequestContext) {
    return this.stuck.retry(name, commandContextOf(ctx, `retry-subscriber:${name}`));
  }

  @Post(':name/park')
  @HttpCode(202)
  @ApiOp({ summary: 'Park a stuck event', description: 'Skip the event a failing projection or process manager is stuck on, with a reason (audited; listed as parked).', answer: SubscriberActionView, status: 202, params: { name: 'projection or process manager name' }, errors: ['NOT_FOUND', 'INVALID_STATE'] })
  park(@Param('name') name: string, @Body() body: ParkEventDto, @Ctx() ctx: RequestContext) {
    return this.stuck.park(name, body.position, body.reason, commandContextOf(ctx, `park-event:${name}:${body.position}`));
  }
}
