import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectionAdmin } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';

/** Projection status (checkpoint, head, lag, owner) and rebuilds, for operators. */
@ApiTags('projections')
@ApiBearerAuth()
@Roles('operator')
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly admin: ProjectionAdmin) {}

  @Get()
  async list() {
    return { items: await this.admin.status() };
  }

  /** The worker holding the projection's lease replays the log into a new generation, then switches. */
  @Post(':name/rebuild')
  @HttpCode(202)
  rebuild(@Param('name') name: string, @Ctx() ctx: RequestContext) {
    return this.admin.requestRebuild(name, ctx.user?.username ?? 'anonymous', ctx.now);
  }
}
